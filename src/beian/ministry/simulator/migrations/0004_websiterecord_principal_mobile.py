from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ministry_simulator', '0003_submission_manual_only'),
    ]

    operations = [
        migrations.AddField(
            model_name='websiterecord',
            name='principal_mobile',
            field=models.CharField(blank=True, max_length=20),
        ),
    ]
