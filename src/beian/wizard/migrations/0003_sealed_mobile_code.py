"""The mobile an SMS code went to is sealed and found by its blind index (beian.pii)."""

from django.db import migrations, models

import beian.pii.fields


class Migration(migrations.Migration):

    dependencies = [
        ("wizard", "0002_step_visit"),
    ]

    operations = [
        migrations.AddField(
            model_name="mobilecode",
            name="mobile_index",
            field=models.CharField(db_index=True, default="", max_length=100),
        ),
        migrations.AlterField(
            model_name="mobilecode",
            name="mobile",
            field=beian.pii.fields.EncryptedTextField(),
        ),
    ]
