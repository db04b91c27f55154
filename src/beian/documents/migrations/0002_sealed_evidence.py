"""OCR evidence (ID numbers, names) is sealed (beian.pii). Schema and data are separate migrations: PostgreSQL
refuses to alter a table in the transaction that updated its rows."""

from django.db import migrations

import beian.pii.fields


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="material",
            name="evidence",
            field=beian.pii.fields.EncryptedJSONField(blank=True, default=dict),
        ),
    ]
