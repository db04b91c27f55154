"""Applications are sealed (they hold principals' ID numbers and mobiles) and certificate numbers are looked
up by blind index (beian.pii). Rows of an earlier version are converted here, so its database keeps working;
the submit events' SMS targets are masked."""

from django.db import migrations, models

import beian.pii.fields
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
        InFlightClaim.objects.filter(order=order, kind="cert").update(key=_cert(order.application))
    for filing in Filing.objects.all():
        Filing.objects.filter(pk=filing.pk).update(cert_number=_cert(filing.application)[:64])


class Migration(migrations.Migration):

    dependencies = [
        ("filings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="subject_cert_index",
            field=models.CharField(blank=True, db_index=True, max_length=100),
        ),
        migrations.AddField(
            model_name="filing",
            name="cert_index",
            field=models.CharField(db_index=True, default="", max_length=100),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="order",
            name="application",
            field=beian.pii.fields.EncryptedJSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name="filing",
            name="application",
            field=beian.pii.fields.EncryptedJSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name="filedwebsite",
            name="website",
            field=beian.pii.fields.EncryptedJSONField(blank=True, default=dict),
        ),
        migrations.RunPython(index_certificates, restore_certificates),
        migrations.RunPython(*seal_columns("filings.Order", "application")),
        migrations.RunPython(*seal_columns("filings.Filing", "application")),
        migrations.RunPython(*seal_columns("filings.FiledWebsite", "website")),
        migrations.RemoveField(
            model_name="order",
            name="subject_cert_number",
        ),
        migrations.RemoveField(
            model_name="filing",
            name="cert_number",
        ),
    ]
