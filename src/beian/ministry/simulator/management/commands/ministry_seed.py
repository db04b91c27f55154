"""Seeds the simulator: the provider (its shared secret from settings, i.e. MINISTRY_SHARED_SECRET); in demo
runs also the demo bureau reviewer, one filing made through ANOTHER provider (so the platform can show
新增网站（原备案不在本服务商）and 接入备案), and with --demo the ministry's side of the platform's demo orders
(scripts/run; beian.ministry.simulator.demo). Outside demo runs the bureau logs in with an account made by
`manage createsuperuser`: a published demo password must not open a console that decides filings."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from beian import demo_data
from beian.ministry.simulator.models import Provider, SubjectRecord, WebsiteRecord

OTHER_SUBJECT = ("91330200MA2H0THR13", "宁波甬江示例贸易有限公司", "浙江省", "浙ICP备2024000088号")


class Command(BaseCommand):
    help = "Create the demo provider, bureau reviewer and an external filing (idempotent); --demo adds the demo orders."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="also the submissions of the platform's demo orders")

    def handle(self, *args, demo=False, **options):
        if demo and not settings.BEIAN_DEMO:
            raise CommandError("--demo seeds the demo orders: only in demo runs (BEIAN_DEMO=1)")
        defaults = {"name": "beian 演示接入商", "secret": settings.MINISTRY_SHARED_SECRET}
        if "MINISTRY_CALLBACK_URL" in os.environ:  # where results are pushed; unset keeps what was registered
            defaults["callback_url"] = os.environ["MINISTRY_CALLBACK_URL"]
        provider, _ = Provider.objects.update_or_create(
            provider_id=os.environ.get("MINISTRY_PROVIDER_ID", "beian-demo-provider"), defaults=defaults)
        if not settings.BEIAN_DEMO:
            self.stdout.write(f"ministry simulator seeded: provider {provider.provider_id}")
            return
        User = get_user_model()
        email, password = demo_data.BUREAU
        if not User.objects.filter(username=email).exists():
            User.objects.create_user(email, email, password, is_staff=True)
        cert, name, province, number = OTHER_SUBJECT
        subject, _ = SubjectRecord.objects.get_or_create(number=number, defaults={
            "province": province, "cert_number": cert, "name": name, "nature": "enterprise", "approved_at": timezone.now()})
        WebsiteRecord.objects.get_or_create(subject=subject, seq=1, defaults={
            "domain": "yongjiang-demo.com", "name": "甬江示例官方网站", "providers": ["other-provider"],
            "approved_at": timezone.now()})
        self.stdout.write(f"ministry simulator seeded: provider, {email} / {password}, external filing")
        if demo:
            from beian.ministry.simulator.demo import seed_demo

            for line in seed_demo(provider=provider, now=timezone.now()):
                self.stdout.write(f"  demo submission {line}")
