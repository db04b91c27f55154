"""Evidence and material files stored by an earlier version are sealed, so its database keeps working."""

from django.db import migrations

from beian.pii.rotation import seal_columns, seal_files


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0002_sealed_evidence"),
    ]

    operations = [
        migrations.RunPython(*seal_columns("documents.Material", "evidence")),
        migrations.RunPython(*seal_files("documents.Material", ["original", "derived"])),
    ]
