"""`beian manage rotate_data_keys [--dry-run]`: everything to the current data key (see beian.pii.rotation)."""

from django.core.management.base import BaseCommand, CommandError

from beian.pii import messages as msg
from beian.pii.crypto import keyring
from beian.pii.rotation import remaining, rotate
from beian.pii.services import retire_keys, verify_keys


class Command(BaseCommand):
    help = msg.ROTATE_HELP

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计需要转换的数据，不写入")

    def handle(self, *args, dry_run=False, **options):
        verify_keys()  # a wrong key is refused before anything is read or written
        current = keyring().current
        if dry_run:
            self.stdout.write(msg.ROTATE_DRY_RUN)
        report = rotate(dry_run=dry_run)
        verb = msg.ROTATE_VERB_DRY if dry_run else msg.ROTATE_VERB_DONE
        for what, count in report.done:
            self.stdout.write(msg.ROTATE_LINE.format(what=what, count=count, verb=verb))
        for problem in report.problems:
            self.stderr.write(problem)
        if dry_run:
            return
        left = remaining()
        if left:
            raise CommandError(msg.ROTATE_LEFT.format(count=left))
        retire_keys(keep=current)
        old = [kid for kid in keyring().ids if kid != current]
        self.stdout.write(msg.ROTATE_DONE.format(kid=current, retired="、".join(old)) if old
                          else msg.ROTATE_DONE_NOTHING_OLD.format(kid=current))
