"""Helpers for driving the wizard: accounts with cloud products, registry records, images to upload."""

import io

from django.contrib.auth import get_user_model
from PIL import Image

from beian.filings.demo import seed_business, seed_products


def applicant_with_products(email="wiz@example.com", prefix="wiz"):
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    instances = seed_products(account, prefix=prefix)
    return account, instances


def image_bytes(width=1600, height=1000, fmt="PNG", color=(200, 220, 240)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, fmt)
    return out.getvalue()


ZJ_COMPANY = ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "张三")


def basic_post(**overrides) -> dict:
    data = {
        "region.province": "浙江省", "region.city": "杭州市", "region.district": "西湖区",
        "subject.nature": "enterprise", "subject.cert_type": "business_license", "subject.name": ZJ_COMPANY[1],
        "subject.cert_number": ZJ_COMPANY[0], "subject.cert_address": "浙江省杭州市西湖区文三路100号",
        "websites[0].domains[0]": "zj-demo-one.com", "action": "next",
    }
    data.update(overrides)
    return data


def subject_post(version, **overrides) -> dict:
    data = {
        "version": version, "subject.mailing_address": "浙江省杭州市西湖区文三路100号8楼801室",
        "subject.investor": ZJ_COMPANY[1], "subject.remark": "",
        "subject.principal.name": "张三", "subject.principal.cert_type": "resident_id",
        "subject.principal.cert_number": "33010619900101123X", "subject.principal.cert_valid_until": "2035-01-01",
        "subject.principal.mobile": "13800000000", "subject.principal.contact2": "086-0571-88886666",
        "subject.principal.emergency_mobile": "13900000000", "subject.principal.email": "zhangsan@example.com",
    }
    data.update(overrides)
    return data


def website_post(version, sites, **overrides) -> dict:
    data = {"version": version}
    for i, (name, domain) in enumerate(sites):
        data.update({f"websites[{i}].name": name, f"websites[{i}].domains[0]": domain,
                     f"websites[{i}].content": "单位门户网站", f"websites[{i}].service_type": "网站应用服务",
                     f"websites[{i}].languages": ["中文简体"], f"websites[{i}].pre_approvals[0].category": "",
                     f"websites[{i}].remark": "", f"websites[{i}].reuse": "1"})
    data.update(overrides)
    return data


def setup_registry():
    seed_business(ZJ_COMPANY)
