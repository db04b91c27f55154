"""When the retention rule deleted a material's files and OCR readings (docs/decisions.md #20)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0003_seal_existing"),
    ]

    operations = [
        migrations.AddField(
            model_name="material",
            name="purged_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
