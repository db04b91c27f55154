"""Applications are sealed (they hold principals' ID numbers and mobiles) and certificate numbers are looked
up by blind index (beian.pii): the new columns. The rows are converted by 0003 and the plain columns dropped by
0004 — three migrations, because PostgreSQL refuses to alter a table in the transaction that updated its rows."""

from django.db import migrations, models

import beian.pii.fields


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
    ]
