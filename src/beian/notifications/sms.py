"""The SMS gateway port. A provider plugs its SMS vendor in via settings.SMS_GATEWAY (dotted path)."""

from django.conf import settings
from django.utils.module_loading import import_string


class SmsGateway:
    def send(self, *, to: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class SinkGateway(SmsGateway):
    """Demo gateway: stores the SMS for the demo sink page instead of sending it."""

    def send(self, *, to: str, text: str) -> None:
        from beian.notifications.models import SmsRecord

        SmsRecord.objects.create(to=to, body=text)


def gateway() -> SmsGateway:
    return import_string(settings.SMS_GATEWAY)()
