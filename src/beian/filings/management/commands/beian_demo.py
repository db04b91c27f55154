"""Loads the demo data (idempotent): accounts, cloud products, an approved filing, orders in several states."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and data."

    def handle(self, *args, **options):
        # Published passwords and a reviewer login: never in a production database.
        if not settings.BEIAN_DEMO:
            raise CommandError("the demo data (accounts with published passwords) loads only in demo runs (BEIAN_DEMO=1)")
        from beian.filings.demo import load_demo

        with transaction.atomic():
            summary = load_demo()
        for line in summary:
            self.stdout.write(line)
