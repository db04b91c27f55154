"""Lets time pass at the simulated ministry: SMS timeouts and the automatic bureau policy."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from beian.ministry.simulator.services import tick


class Command(BaseCommand):
    help = "Apply SMS timeouts and the automatic bureau policy (every --interval seconds, or --once)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0)
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--now", default=None, help="ISO time to tick at (tests move the clock this way)")

    def handle(self, *args, interval, once, now, **options):
        import datetime as dt

        while True:
            at = dt.datetime.fromisoformat(now) if now else timezone.now()
            self.stdout.write(str(tick(now=at)))
            if once:
                return
            time.sleep(interval)
