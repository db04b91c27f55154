from django.db import migrations

import beian.pii.fields
from beian.pii.rotation import seal_columns


class Migration(migrations.Migration):

    dependencies = [
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="calllog",
            name="mobile",
            field=beian.pii.fields.EncryptedTextField(),
        ),
        migrations.RunPython(*seal_columns("review.CallLog", "mobile")),
    ]
