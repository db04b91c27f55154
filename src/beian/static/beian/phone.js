// Face verification on the phone page: camera preview, a head-turn challenge while frames are
// captured, frames posted to the server, then the status block refreshes (htmx) until done.
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
  async function start(button) {
    const prompt = document.getElementById("face-prompt");
    const video = document.getElementById("camera");
    const canvas = document.getElementById("frame");
    button.disabled = true;
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user", width: 640, height: 480 }, audio: false });
    } catch (e) {
      prompt.textContent = "无法打开摄像头：请在浏览器设置中允许本页面使用摄像头后重试。";
      button.disabled = false;
      return;
    }
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
    stream.getTracks().forEach((t) => t.stop());
    prompt.textContent = "正在上传并核验…";
    const form = new FormData();
    blobs.forEach((b, i) => form.append("frames", b, "frame" + i + ".jpg"));
    const response = await fetch(button.dataset.url, { method: "POST", body: form, headers: { "X-CSRFToken": csrf() }, credentials: "same-origin" });
    let data = {};
    try { data = await response.json(); } catch (e) { data = { message: "网络异常，请重试。" }; }
    prompt.textContent = response.ok ? "已提交，正在核验…" : (data.message || "核验提交失败，请重试。");
    button.disabled = false;
    button.textContent = "重新核验";
    refreshStatus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    const button = document.getElementById("start-face");
    if (button) button.addEventListener("click", () => start(button));
  });
})();
