"""The ministry simulator as a real HTTP service: its own process (granian), port and database."""

import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Simulator:
    def __init__(self, tmp: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "beian.ministry.simulator.settings",
                    "BEIAN_DATA_DIR": str(tmp), "BEIAN_DEMO": "1", "MINISTRY_DATABASE_URL": f"sqlite:///{tmp / 'ministry.sqlite3'}",
                    "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
        self.env.pop("MINISTRY_AUTO_DELAY_WORKDAYS", None)
        # The whole suite posts the SMS page from one address within minutes; a day's window for the per-mobile
        # limit, so that its test cannot straddle the end of an hour (the process's clock is not pinned).
        self.env.update(RATE_LIMIT_SIM_SMS_IP="600/m", RATE_LIMIT_SIM_SMS_MOBILE="10/d")
        self.process = None

    def manage(self, *args) -> str:
        out = subprocess.run([sys.executable, "-m", "beian", "manage", *args], env=self.env, capture_output=True,
                             text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        return out.stdout

    def start(self):
        tmp = Path(self.env["BEIAN_DATA_DIR"])
        self.manage("migrate", "--noinput", "-v0")
        self.manage("ministry_seed")
        self.manage("collectstatic", "--noinput", "-v0")  # its stylesheet: no inline styles under the CSP
        self.process = subprocess.Popen(
            [str(VENV_BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", "1", "--static-path-mount", str(tmp / "static"), "beian.ministry.simulator.wsgi:application"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("ministry simulator did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def get_json(self, path: str) -> dict:
        with urllib.request.urlopen(self.url + path, timeout=5) as r:
            return json.loads(r.read())

    def codes(self, mobile: str) -> list[str]:
        import re

        rows = self.get_json(f"/sms/outbox/?mobile={mobile}&format=json")["sms"]
        return [re.search(r"验证码为(\d{6})", r["body"]).group(1) for r in rows]

    def sms_post(self, **fields) -> str:
        """POST the public SMS page like a browser (CSRF cookie + token)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(self.url + "/sms/", timeout=5).read()
        token = next(c.value for c in jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        req = urllib.request.Request(self.url + "/sms/", data=data, headers={"Referer": self.url + "/sms/"})
        return opener.open(req, timeout=5).read().decode()



def unique_uscc(region: str = "330106") -> str:
    """A valid USCC no other test of the session files: the simulator is shared by the whole session and its
    registry refuses a 首次备案 for a certificate already filed, as the ministry does."""
    import uuid

    from beian.rules.validators import uscc_check_char

    first17 = f"91{region}{uuid.uuid4().int % 10**9:09d}"
    return first17 + uscc_check_char(first17)
