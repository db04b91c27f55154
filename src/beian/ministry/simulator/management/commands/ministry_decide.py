"""Decide one submission as the bureau would (operators, tests): --approve or --reject REASON."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from beian.ministry.simulator.models import Submission
from beian.ministry.simulator.services import decide


class Command(BaseCommand):
    help = "Approve or reject a submission that is in bureau review."

    def add_arguments(self, parser):
        parser.add_argument("request_id")
        parser.add_argument("--reject", default=None, metavar="REASON")

    def handle(self, *args, request_id, reject, **options):
        submission = Submission.objects.filter(request_id=request_id).first()
        if submission is None:
            raise CommandError(f"没有备案提交 {request_id}")
        result = decide(submission=submission, approve=reject is None, reason=reject or "", now=timezone.now())
        self.stdout.write(f"{result.request_id} {result.status} {result.icp_number}")
