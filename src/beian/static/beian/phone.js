// Face verification on the phone page: camera preview, a head-turn challenge while frames are
// captured, frames posted to the server, then the status block refreshes (htmx) until done, and the
// prompt under the camera follows the attempt to its end (passed, failed or error).
(function () {
  const FRAMES = 12, INTERVAL_MS = 300;
  function csrf() {
    const m = document.cookie.match(/csrftoken=([^;]+)/);
    if (m) return m[1];
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function refreshStatus() {
    const el = document.getElementById("status");
    if (window.htmx && el) window.htmx.trigger(el, "refresh");
    else window.location.reload();
  }
  function wait(ms) { return new Promise((r) => setTimeout(r, ms)); }
  let awaiting = false;  // an attempt of this page is being checked: the prompt follows its result
  function followResult() {
    const outcome = document.getElementById("face-outcome");
    const prompt = document.getElementById("face-prompt");
    if (!awaiting || !outcome || !prompt) return;
    const status = outcome.dataset.status;
    if (status === "pending") { prompt.textContent = "正在核验，请稍候…"; return; }
    awaiting = false;  // finished (passed, failed or error): say so and stop following
    prompt.textContent = status === "passed" ? "人脸核验通过" : outcome.textContent.trim();
    prompt.dataset.status = status;
  }
  async function capture(prompt, video, canvas) {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user", width: 640, height: 480 }, audio: false });
    try {
      video.srcObject = stream;
      await video.play();
      prompt.textContent = "请正对镜头";
      await wait(600);
      const blobs = [];
      for (let i = 0; i < FRAMES; i++) {
        prompt.textContent = i < FRAMES / 2 ? "请缓慢向左转头" : "请缓慢向右转头";
        canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
        blobs.push(await new Promise((r) => canvas.toBlob(r, "image/jpeg", 0.85)));
        await wait(INTERVAL_MS);
      }
      return blobs;
    } finally {
      stream.getTracks().forEach((t) => t.stop());
    }
  }
  async function start(button) {
    const prompt = document.getElementById("face-prompt");
    const video = document.getElementById("camera");
    const canvas = document.getElementById("frame");
    button.disabled = true;
    awaiting = false;
    delete prompt.dataset.status;
    let blobs;
    try {
      blobs = await capture(prompt, video, canvas);
    } catch (e) {
      prompt.textContent = "无法打开摄像头：请在浏览器设置中允许本页面使用摄像头后重试。";
      prompt.dataset.status = "error";
      button.disabled = false;
      return;
    }
    prompt.textContent = "正在上传并核验…";
    const form = new FormData();
    blobs.forEach((b, i) => form.append("frames", b, "frame" + i + ".jpg"));
    try {
      const response = await fetch(button.dataset.url, { method: "POST", body: form, headers: { "X-CSRFToken": csrf() }, credentials: "same-origin" });
      let data = {};
      try { data = await response.json(); } catch (e) { data = {}; }
      if (response.ok) {
        awaiting = true;
        prompt.textContent = "已提交，正在核验…";
      } else {
        prompt.textContent = data.message || "核验提交失败，请重试。";
        prompt.dataset.status = "error";
      }
    } catch (e) {
      prompt.textContent = "网络异常，核验未能提交：请检查网络后重新核验。";
      prompt.dataset.status = "error";
    } finally {
      button.disabled = false;
      button.textContent = "重新核验";
    }
    refreshStatus();
  }
  document.addEventListener("htmx:afterSwap", followResult);
  document.addEventListener("DOMContentLoaded", function () {
    const button = document.getElementById("start-face");
    if (button) button.addEventListener("click", () => start(button));
  });
})();
