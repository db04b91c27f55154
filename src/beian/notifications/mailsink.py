"""A real SMTP server for demo runs: stores every mail it receives under <data dir>/mail/ as .eml.

    python -m beian.notifications.mailsink --host 127.0.0.1 --port 1025

The demo sink page lists them; a provider points EMAIL_HOST at its real relay instead.
"""

import argparse
import asyncio
import os
import time
from pathlib import Path

from aiosmtpd.controller import Controller


def mail_dir() -> Path:
    path = Path(os.environ.get("BEIAN_DATA_DIR", Path.cwd() / "var")) / "mail"
    path.mkdir(parents=True, exist_ok=True)
    return path


class StoreHandler:
    def __init__(self, directory: Path):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        name = f"{time.time_ns()}.eml"
        (self.directory / name).write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser(description="demo SMTP sink")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    args = parser.parse_args()
    controller = Controller(StoreHandler(mail_dir()), hostname=args.host, port=args.port)
    controller.start()
    print(f"mail sink listening on {args.host}:{args.port}, storing into {mail_dir()}", flush=True)
    try:
        asyncio.run(asyncio.Event().wait())
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
