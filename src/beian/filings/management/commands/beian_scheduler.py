"""Enqueues the periodic jobs (timer sweeps) on the task queue every --interval seconds.

Timers are database rows and the sweeps are idempotent, so running two schedulers, or restarting one,
is harmless: nothing relies on this process staying up.
"""

import importlib
import time

from django.core.management.base import BaseCommand

# (module, task attribute): django-tasks tasks taking no arguments, enqueued every tick.
PERIODIC = [
    ("beian.filings.tasks", "sweep_timers"),
    ("beian.notifications.tasks", "retry_pending_messages"),
    ("beian.ministry.tasks", "poll_ministry_results"),
    ("beian.verification.tasks", "purge_verification_evidence"),
    ("beian.webhooks.tasks", "retry_webhooks"),
]


def enqueue_periodic(stdout=None) -> int:
    count = 0
    for module_name, attr in PERIODIC:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        getattr(module, attr).enqueue()
        count += 1
    return count


class Command(BaseCommand):
    help = "Enqueue periodic sweeps (order expiry, SLA and ministry timers) on the task queue."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--once", action="store_true")

    def handle(self, *args, interval, once, **options):
        while True:
            count = enqueue_periodic()
            self.stdout.write(f"enqueued {count} periodic task(s)")
            if once:
                return
            time.sleep(interval)
