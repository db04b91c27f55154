from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("filings", "0003_seal_existing"),
    ]

    operations = [
        # A default first, so that unapplying (re-adding the column to filled tables) works on PostgreSQL.
        migrations.AlterField(
            model_name="filing",
            name="cert_number",
            field=models.CharField(db_index=True, default="", max_length=64),
        ),
        migrations.RemoveField(
            model_name="order",
            name="subject_cert_number",
        ),
        migrations.RemoveField(
            model_name="filing",
            name="cert_number",
        ),
    ]
