from django.db import migrations

from beian.pii.rotation import fill_index, seal_columns


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0002_sealed_recipients"),
    ]

    operations = [
        migrations.RunPython(*fill_index("notifications.SmsRecord", "to", "to_index", "mobile")),
        migrations.RunPython(*seal_columns("notifications.Message", "to")),
        migrations.RunPython(*seal_columns("notifications.SmsRecord", "to")),
    ]
