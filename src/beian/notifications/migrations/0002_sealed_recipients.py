"""Recipients (mobiles, email addresses) are sealed; SMS records are found by the mobile's blind index."""

from django.db import migrations, models

import beian.pii.fields


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
    ]
