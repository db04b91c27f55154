"""Rows of an earlier version converted: certificate numbers to blind indexes, applications sealed, the submit
events' SMS targets masked. The database of an earlier version keeps working."""

from django.db import migrations

from beian.pii.index import CERT, blind_index
from beian.pii.mask import mask_mobile
from beian.pii.rotation import seal_columns


def _cert(application) -> str:
    return (((application or {}).get("subject") or {}).get("cert_number") or "").strip().upper()


def index_certificates(apps, schema_editor):
    Order, Filing, InFlightClaim = (apps.get_model("filings", name) for name in ("Order", "Filing", "InFlightClaim"))  # noqa: N806
    for pk, cert in Order.objects.values_list("pk", "subject_cert_number"):
        Order.objects.filter(pk=pk).update(subject_cert_index=blind_index(cert, kind=CERT))
    for pk, cert in Filing.objects.values_list("pk", "cert_number"):
        Filing.objects.filter(pk=pk).update(cert_index=blind_index(cert, kind=CERT))
    for pk, key in InFlightClaim.objects.filter(kind="cert").values_list("pk", "key"):
        if ":" not in key:
            InFlightClaim.objects.filter(pk=pk).update(key=blind_index(key, kind=CERT))
    OrderEvent = apps.get_model("filings", "OrderEvent")  # noqa: N806
    for event in OrderEvent.objects.filter(kind="transition", to_state="provider_review"):
        targets = (event.payload or {}).get("sms_targets")
        if targets and any("*" not in str(t) for t in targets):
            event.payload = {**event.payload, "sms_targets": [mask_mobile(t) for t in targets]}
            event.save(update_fields=["payload"])


def restore_certificates(apps, schema_editor):
    Order, Filing, InFlightClaim = (apps.get_model("filings", name) for name in ("Order", "Filing", "InFlightClaim"))  # noqa: N806
    for order in Order.objects.all():
        Order.objects.filter(pk=order.pk).update(subject_cert_number=_cert(order.application)[:64])
        InFlightClaim.objects.filter(order_id=order.pk, kind="cert").update(key=_cert(order.application))
    for filing in Filing.objects.all():
        Filing.objects.filter(pk=filing.pk).update(cert_number=_cert(filing.application)[:64])


class Migration(migrations.Migration):

    dependencies = [
        ("filings", "0002_sealed_applications"),
    ]

    operations = [
        migrations.RunPython(index_certificates, restore_certificates),
        migrations.RunPython(*seal_columns("filings.Order", "application")),
        migrations.RunPython(*seal_columns("filings.Filing", "application")),
        migrations.RunPython(*seal_columns("filings.FiledWebsite", "website")),
    ]
