"""Put a filing made through ANOTHER provider into the simulator's registry (operators, demos, tests): the record
a 新增网站（原备案不在本服务商）or a 接入备案 starts from. The simulator is shared by a whole test session, so
each test files its own subject and domain this way instead of relying on the seeded one.

    manage ministry_record --cert 9133… --name 某某有限公司 --province 浙江省 --domain example.com \
        --site-name 某某官方网站 --mobile 13700000000 [--provider other-provider | --shell]

Prints the JSON of what it filed: subject number and website number. A subject already filed (its certificate
active in the registry) gets the website under its number; a domain already filed is refused.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from beian.ministry.simulator import services
from beian.ministry.simulator.models import SubjectRecord, WebsiteRecord
from beian.rules.provinces import normalise_province


class Command(BaseCommand):
    help = "File a subject and website in the simulator's registry under another provider (or none: --shell)."

    def add_arguments(self, parser):
        parser.add_argument("--cert", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--province", required=True)
        parser.add_argument("--nature", default="enterprise")
        parser.add_argument("--domain", default="", help="the website's domain (none: only the subject)")
        parser.add_argument("--site-name", default="")
        parser.add_argument("--mobile", default="", help="the website principal's mobile as filed")
        parser.add_argument("--provider", default="other-provider", help="the provider id giving access")
        parser.add_argument("--shell", action="store_true", help="a 空壳网站: filed, with no access provider")

    def handle(self, *args, cert, name, province, nature, domain, site_name, mobile, provider, shell, **options):
        province = normalise_province(province)
        if not province:
            raise CommandError("未知的省份")
        cert, domain, now = cert.strip().upper(), domain.strip().lower(), timezone.now()
        with transaction.atomic():
            record = SubjectRecord.objects.filter(cert_number=cert, status=SubjectRecord.ACTIVE).first()
            if record is None:
                record = SubjectRecord.objects.create(province=province, cert_number=cert, name=name, nature=nature,
                                                      approved_at=now,
                                                      number=services._next_subject_number(province, now))
            out = {"subject_number": record.number}
            if domain:
                if WebsiteRecord.objects.filter(service_type=WebsiteRecord.WEBSITE, domain=domain,
                                                status__in=services.FILED_SITE).exists():
                    raise CommandError(f"此域名已存在备案：{domain}")
                seq = services.next_seq(record)
                site = WebsiteRecord.objects.create(
                    subject=record, seq=seq, domain=domain, name=site_name or f"{name}网站", approved_at=now,
                    providers=[] if shell else [provider], principal_mobile=mobile.strip(),
                    status=WebsiteRecord.SHELL if shell else WebsiteRecord.ACTIVE)
                out["website_number"] = site.number
        self.stdout.write(json.dumps(out, ensure_ascii=False))
