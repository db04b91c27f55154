"""Demo data for `beian demo` / scripts/run. Idempotent: everything is keyed by natural keys."""

import copy
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from beian.filings import states, transitions
from beian.filings.models import FiledWebsite, Filing, Order

DEMO_APPLICANT = ("demo@beian.local", "demo12345")
DEMO_REVIEWER = ("reviewer@beian.local", "review12345")

FILED_SUBJECT = {
    "nature": "enterprise", "cert_type": "business_license", "name": "杭州西溪示例网络有限公司",
    "cert_number": "91330106MA2HDEM01F", "cert_address": "浙江省杭州市西湖区西溪路500号",
    "mailing_address": "浙江省杭州市西湖区西溪路500号2幢301室", "investor": "杭州西溪示例网络有限公司", "remark": "",
    "principal": {"name": "陈明", "cert_type": "resident_id", "cert_number": "330106198003050019",
                  "cert_valid_until": "2038-03-05", "mobile": "13811110001", "contact2": "086-0571-86001234",
                  "emergency_mobile": "13911110001", "email": "chenming@xixi-demo.com"},
}


def user(email: str, password: str, **extra):
    User = get_user_model()
    account, created = User.objects.get_or_create(username=email, defaults={"email": email, **extra})
    if created:
        account.set_password(password)
        account.save()
    return account


def seed_products(account, *, prefix: str = "demo"):
    from beian.products.models import Instance, ServiceNumber

    now = timezone.now()
    rows = [
        (f"i-{prefix}-hz01", "ecs", "cn-hangzhou", True, "47.96.10.11", now + timedelta(days=365)),
        (f"i-{prefix}-hz02", "ecs", "cn-hangzhou", True, "47.96.10.12", now + timedelta(days=365)),
        (f"i-{prefix}-sh01", "ecs", "cn-shanghai", True, "47.100.20.21", now + timedelta(days=200)),
        (f"sb-{prefix}-01", "site_builder", "cn-hangzhou", True, "47.97.30.31", now + timedelta(days=365)),
        (f"i-{prefix}-old", "ecs", "cn-beijing", True, "47.93.40.41", now - timedelta(days=10)),
        (f"i-{prefix}-hk01", "ecs", "cn-hongkong", False, "47.242.50.51", now + timedelta(days=365)),
    ]
    instances = []
    for instance_id, product, region, mainland, ip, expires in rows:
        instance, _ = Instance.objects.get_or_create(instance_id=instance_id, defaults={
            "owner": account, "product": product, "region": region, "mainland": mainland, "public_ip": ip,
            "expires_at": expires, "name": instance_id})
        instances.append(instance)
    ServiceNumber.objects.get_or_create(code=f"{prefix}-0001-a888-88e8-b9ec-00888be80001",
                                        defaults={"owner": account, "instance": instances[0]})
    return instances


def seed_business(*records):
    from beian.registries.models import BusinessRecord

    for cert, name, legal in records:
        BusinessRecord.objects.update_or_create(cert_number=cert, defaults={"name": name, "legal_representative": legal,
                                                                           "status": "存续"})


def seed_approved_filing(account, *, subject: dict, province: str, number: str, domain: str, site_name: str,
                         instance_id: str, ip: str):
    now = timezone.now()
    application = {"region": {"province": province, "city": "杭州市", "district": "西湖区"}, "requested_type": None,
                   "subject": copy.deepcopy(subject), "websites": []}
    filing, _ = Filing.objects.get_or_create(subject_number=number, defaults={
        "account": account, "province": province, "subject_name": subject["name"], "cert_number": subject["cert_number"],
        "nature": subject["nature"], "approved_at": now - timedelta(days=90), "application": application})
    website = {"name": site_name, "domains": [domain], "content": "单位门户网站", "service_type": "网站应用服务",
               "languages": ["中文简体"], "pre_approvals": [], "remark": "",
               "access": {"product": "ecs", "instance_id": instance_id, "ip": ip, "service_number": None}, "principal": None}
    FiledWebsite.objects.get_or_create(filing=filing, seq=1, defaults={
        "domain": domain, "name": site_name, "instance_id": instance_id, "ip": ip,
        "approved_at": now - timedelta(days=90), "website": website})
    return filing


def _demo_order(account, reference: str, state: str, application: dict, kind: str = "first"):
    if Order.objects.filter(reference=reference).exists():
        return
    from beian.filings.claims import sync_claims
    from beian.filings.models import OrderEvent

    now = timezone.now()
    order = Order.objects.create(reference=reference, account=account, kind=kind, state=state, application=application,
                                 province=application["region"]["province"], subject_name=application["subject"]["name"],
                                 subject_cert_number=application["subject"]["cert_number"],
                                 subject_nature=application["subject"]["nature"], last_applicant_update_at=now,
                                 state_changed_at=now, submitted_at=now if state != states.DRAFT else None)
    if state in states.IN_FLIGHT:
        sync_claims(order=order, application=application)
    OrderEvent.objects.create(order=order, at=now, actor=account, role=transitions.APPLICANT, kind="created",
                              to_state=state, reason="演示数据")


def load_demo() -> list[str]:
    applicant = user(*DEMO_APPLICANT)
    reviewer = user(*DEMO_REVIEWER, is_staff=True)
    reviewers, _ = Group.objects.get_or_create(name="reviewers")
    reviewer.groups.add(reviewers)
    instances = seed_products(applicant)
    seed_business(
        (FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], "陈明"),
        ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "张三"),
        ("91310115MA4U2WB18C", "上海浦江示例软件有限公司", "沈佳"),
        ("91510107MA5KHX3X6D", "成都蓉城示例网络科技有限公司", "罗建国"),
    )
    seed_approved_filing(applicant, subject=FILED_SUBJECT, province="浙江省", number="浙ICP备2025000001号",
                         domain="xixi-demo.com", site_name="西溪示例官方网站", instance_id=instances[0].instance_id,
                         ip=instances[0].public_ip)
    base = {"region": {"province": "四川省", "city": "成都市", "district": "武侯区"}, "requested_type": None,
            "subject": {**copy.deepcopy(FILED_SUBJECT), "name": "成都蓉城示例网络科技有限公司",
                        "cert_number": "91510107MA5KHX3X6D", "investor": "成都蓉城示例网络科技有限公司"},
            "websites": [{"name": "蓉城示例官方网站", "domains": ["rongcheng-demo01.com"], "content": "单位门户网站",
                          "service_type": "网站应用服务", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
                          "access": {"product": "ecs", "instance_id": instances[1].instance_id, "ip": instances[1].public_ip,
                                     "service_number": None}, "principal": None}]}
    _demo_order(applicant, "BA20261120000001", states.PROVIDER_REVIEW, base)
    draft = copy.deepcopy(base)
    draft["subject"].update(name="上海浦江示例软件有限公司", cert_number="91310115MA4U2WB18C")
    draft["region"] = {"province": "上海市", "city": "上海市", "district": "浦东新区"}
    draft["websites"][0]["domains"] = ["pujiang-demo.com"]
    _demo_order(applicant, "BA20261121000002", states.DRAFT, draft)
    from django.conf import settings

    from beian.verification.demo import seed_demo_identities, write_samples

    seed_demo_identities()
    samples = Path(settings.DATA_DIR) / "samples"
    write_samples(samples)
    return [f"demo applicant: {applicant.username} / {DEMO_APPLICANT[1]}",
            f"demo ID photos and fake-camera videos: {samples}",
            f"demo reviewer:  {reviewer.username} / {DEMO_REVIEWER[1]}"]
