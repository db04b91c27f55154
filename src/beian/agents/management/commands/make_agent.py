"""`python -m beian manage make_agent --email EMAIL [--name NAME] [--off]`: make an account an agent (代理商)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from beian.agents.services import make_agent


class Command(BaseCommand):
    help = "Make an existing account an agent (reseller) account, or switch it off with --off."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="")
        parser.add_argument("--off", action="store_true", help="stop the agent: its customers' links grant nothing")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username__iexact=options["email"].strip()).first()
        if user is None:
            raise CommandError(f"no account with email {options['email']!r}")
        agent = make_agent(user=user, name=options["name"], active=not options["off"])
        self.stdout.write(f"{user.get_username()}: agent {agent.name!r} {'active' if agent.active else 'off'}")
