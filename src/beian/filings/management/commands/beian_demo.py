"""Loads the demo data (idempotent): accounts, cloud products, an approved filing, orders in several states."""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and data."

    def handle(self, *args, **options):
        from beian.filings.demo import load_demo

        with transaction.atomic():
            summary = load_demo()
        for line in summary:
            self.stdout.write(line)
