"""The 公安联网备案 follow-up of each filed website (beian.compliance.models.PsbFollowup)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('filings', '0004_drop_plain_cert_numbers'),
    ]

    operations = [
        migrations.CreateModel(
            name='PsbFollowup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('opened_on', models.DateField()),
                ('opened_confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('reminded', models.JSONField(blank=True, default=list)),
                ('done_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='psb_followups', to='filings.order')),
                ('website', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='psb', to='filings.filedwebsite')),
            ],
            options={
                'ordering': ['order', 'website'],
            },
        ),
    ]
