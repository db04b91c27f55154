from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ministry_simulator', '0003_submission_manual_only'),
    ]

    operations = [
        migrations.AddField(
            model_name='submission',
            name='changes',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='websiterecord',
            name='domains',
            field=models.JSONField(blank=True, default=list),
        ),
    ]
