from django.db import migrations


class Migration(migrations.Migration):
    """Two branches of issue 15 added a 0004 each (change filings' domains; the filed principal mobile)."""

    dependencies = [
        ("ministry_simulator", "0004_change_filings"),
        ("ministry_simulator", "0004_websiterecord_principal_mobile"),
    ]
    operations = []
