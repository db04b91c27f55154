from django.db import migrations

import beian.pii.fields


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
    ]
