from django.db import migrations

from beian.pii.rotation import seal_columns


class Migration(migrations.Migration):

    dependencies = [
        ("review", "0002_sealed_call_mobile"),
    ]

    operations = [
        migrations.RunPython(*seal_columns("review.CallLog", "mobile")),
    ]
