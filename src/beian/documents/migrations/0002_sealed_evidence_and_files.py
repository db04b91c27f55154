"""OCR evidence (ID numbers, names) and the material files are sealed (beian.pii); older rows and files are
sealed here, so a database from an earlier version keeps working."""

from django.db import migrations

import beian.pii.fields
from beian.pii.rotation import seal_columns, seal_files


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
        migrations.RunPython(*seal_columns("documents.Material", "evidence")),
        migrations.RunPython(*seal_files("documents.Material", ["original", "derived"])),
    ]
