"""Recipients (mobiles, email addresses) are sealed; SMS records are found by the mobile's blind index."""

from django.db import migrations, models

import beian.pii.fields
from beian.pii.rotation import fill_index, seal_columns


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="smsrecord",
            name="to_index",
            field=models.CharField(db_index=True, default="", max_length=100),
        ),
        migrations.AlterField(
            model_name="message",
            name="to",
            field=beian.pii.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="smsrecord",
            name="to",
            field=beian.pii.fields.EncryptedTextField(),
        ),
        migrations.RunPython(*fill_index("notifications.SmsRecord", "to", "to_index", "mobile")),
        migrations.RunPython(*seal_columns("notifications.Message", "to")),
        migrations.RunPython(*seal_columns("notifications.SmsRecord", "to")),
    ]
