"""Follow-ups for the websites approved before they existed: opened (by default) on the approval date, the reminder
days already past counted as sent (the one reminder the earlier version sent at day 20 stood for them), and the
order's reminder timer re-armed for the days still ahead."""

from django.db import migrations
from django.utils import timezone

NEW_FILING_KINDS = ("first", "new_site_elsewhere", "new_site_here", "access")


def forward(apps, schema_editor):
    from beian.compliance import psb

    Order = apps.get_model("filings", "Order")  # noqa: N806
    FiledWebsite = apps.get_model("filings", "FiledWebsite")  # noqa: N806
    Timer = apps.get_model("filings", "Timer")  # noqa: N806
    PsbFollowup = apps.get_model("compliance", "PsbFollowup")  # noqa: N806
    now = timezone.now()
    for order in Order.objects.filter(state="approved", kind__in=NEW_FILING_KINDS).iterator():
        meta = order.meta or {}
        number, domains = meta.get("icp_number"), list((meta.get("website_numbers") or {}).keys())
        if not number:
            continue
        opened = timezone.localdate(order.state_changed_at)
        sent = [day for day in psb.REMINDER_DAYS if psb.reminder_at(opened, day) <= now]
        created = False
        for website in FiledWebsite.objects.filter(filing__subject_number=number, domain__in=domains):
            if not PsbFollowup.objects.filter(website=website).exists():
                PsbFollowup.objects.create(website=website, order=order, opened_on=opened, reminded=sent)
                created = True
        ahead = psb.next_reminder(opened, sent=sent)
        if created and ahead:
            Timer.objects.update_or_create(order=order, kind="psb_reminder", defaults={"due_at": ahead, "done_at": None})


class Migration(migrations.Migration):

    dependencies = [
        ("compliance", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
