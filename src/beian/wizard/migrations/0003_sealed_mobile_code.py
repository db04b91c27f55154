"""The mobile an SMS code went to is sealed and found by its blind index (beian.pii)."""

from django.db import migrations, models

import beian.pii.fields
from beian.pii.rotation import fill_index, seal_columns


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
        migrations.RunPython(*fill_index("wizard.MobileCode", "mobile", "mobile_index", "mobile")),
        migrations.RunPython(*seal_columns("wizard.MobileCode", "mobile")),
    ]
