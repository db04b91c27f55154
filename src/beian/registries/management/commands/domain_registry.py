"""`beian manage domain_registry list|set|delete`: the domain registry simulator's records, edited in the demo.

The holder's certificate number is personal data for a person: `list` shows it masked, like every page."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from beian.pii.mask import mask_cert, mask_name
from beian.registries import messages as msg
from beian.registries.domains import held_by_a_person, normalise
from beian.registries.models import DomainRecord
from beian.rules import domains as dom

REQUIRED_FOR_NEW = {"holder_name": "--holder-name", "holder_cert_type": "--holder-cert-type",
                    "holder_cert_number": "--holder-cert-number", "registrar": "--registrar"}


def _flag(value: str) -> bool:
    return value in ("yes", "true", "1", "是")


def _expires(value: str, today: dt.date) -> dt.date:
    try:
        if value.startswith("+"):
            return today + dt.timedelta(days=int(value[1:]))
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(msg.DOMAIN_BAD_EXPIRES.format(value=value)) from exc


class Command(BaseCommand):
    help = msg.DOMAIN_HELP

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "set", "delete"])
        parser.add_argument("domain", nargs="?")
        parser.add_argument("--holder-name")
        parser.add_argument("--holder-cert-type")
        parser.add_argument("--holder-cert-number")
        parser.add_argument("--verified", choices=["yes", "no"])
        parser.add_argument("--registrar")
        parser.add_argument("--registrar-approved", choices=["yes", "no"])
        parser.add_argument("--expires", help="YYYY-MM-DD 或 +天数")

    def handle(self, *args, action, domain=None, **options):
        if action == "list":
            return self._list()
        if not domain or dom.parse(domain) is None:
            raise CommandError(msg.DOMAIN_INVALID.format(domain=domain or ""))
        name = normalise(domain)
        if action == "delete":
            deleted, _ = DomainRecord.objects.filter(domain=name).delete()
            if not deleted:
                raise CommandError(msg.DOMAIN_NOT_FOUND.format(domain=name))
            self.stdout.write(msg.DOMAIN_DELETED.format(domain=name))
            return None
        self._set(name, options)
        return None

    def _set(self, name: str, options: dict) -> None:
        changes = {key: options[key] for key in ("holder_name", "holder_cert_number", "registrar") if options[key] is not None}
        if (cert_type := options["holder_cert_type"]) is not None:
            if cert_type not in msg.HOLDER_CERT_TYPES:
                raise CommandError(msg.DOMAIN_BAD_CERT_TYPE.format(value=cert_type, choices="、".join(msg.HOLDER_CERT_TYPES)))
            changes["holder_cert_type"] = cert_type
        if options["verified"] is not None:
            changes["holder_verified"] = _flag(options["verified"])
        if options["registrar_approved"] is not None:
            changes["registrar_approved"] = _flag(options["registrar_approved"])
        if options["expires"] is not None:
            changes["expires"] = _expires(options["expires"], timezone.localdate())
        record = DomainRecord.objects.filter(domain=name).first()
        if record is None:
            missing = [flag for key, flag in REQUIRED_FOR_NEW.items() if not changes.get(key)]
            if missing:
                raise CommandError(msg.DOMAIN_NEW_NEEDS.format(domain=name, missing="、".join(missing)))
            record = DomainRecord(domain=name)
        for key, value in changes.items():
            setattr(record, key, value)
        record.save()
        self.stdout.write(msg.DOMAIN_SAVED.format(domain=name))

    def _list(self) -> None:
        records = list(DomainRecord.objects.order_by("domain"))
        if not records:
            self.stdout.write(msg.DOMAIN_EMPTY)
            return
        self.stdout.write(msg.DOMAIN_LIST_HEAD)
        for r in records:
            person = held_by_a_person({"holder_cert_type": r.holder_cert_type})
            self.stdout.write("\t".join([
                r.domain, mask_name(r.holder_name) if person else r.holder_name,
                msg.HOLDER_CERT_TYPES.get(r.holder_cert_type, r.holder_cert_type), mask_cert(r.holder_cert_number),
                msg.YES if r.holder_verified else msg.NO, r.registrar, msg.YES if r.registrar_approved else msg.NO,
                r.expires.isoformat() if r.expires else "—"]))
