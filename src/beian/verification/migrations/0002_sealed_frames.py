"""Captured face frames are sealed by the materials storage (beian.pii); frames stored by an earlier version
are sealed here."""

from django.db import migrations

from beian.pii.rotation import seal_files


class Migration(migrations.Migration):

    dependencies = [
        ("verification", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(*seal_files("verification.FaceAttempt", [], "frames")),
    ]
