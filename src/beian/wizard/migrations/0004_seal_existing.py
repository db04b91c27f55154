from django.db import migrations

from beian.pii.rotation import fill_index, seal_columns


class Migration(migrations.Migration):

    dependencies = [
        ("wizard", "0003_sealed_mobile_code"),
    ]

    operations = [
        migrations.RunPython(*fill_index("wizard.MobileCode", "mobile", "mobile_index", "mobile")),
        migrations.RunPython(*seal_columns("wizard.MobileCode", "mobile")),
    ]
