"""An individual in 杭州 filing one website, for the tests that drive the API as an integration would
(tests/e2e/test_api_end_to_end.py, tests/api/test_docs_example.py): a person the identity registry knows (Grace
Hopper's portrait), a domain the registry says they hold, an account with a cloud instance and a key."""

import random
from datetime import date

from django.contrib.auth import get_user_model
from PIL import Image

from beian.api.models import ApiToken
from beian.documents import synthetic as syn
from beian.documents.portraits import portrait_paths
from beian.filings.demo import seed_products
from beian.registries.domains import seed_domain
from beian.registries.identity import seed_identity


def hangzhou_person(seed: int) -> syn.Person:
    """A 杭州 resident (the order files in 浙江: no residence rule applies) nobody else in the session uses."""
    rng = random.Random(f"api-e2e:{seed}")
    while True:
        found = syn.random_person(rng, today=date.today())
        if found.address.startswith("浙江省杭州市西湖区") and found.valid_until is not None:
            return found


def individual_application(person: syn.Person, domain: str, phone: str) -> dict:
    principal = {"name": person.name, "cert_type": "resident_id", "cert_number": person.cert_number,
                 "cert_valid_until": person.valid_until.isoformat(), "mobile": phone, "contact2": "",
                 "emergency_mobile": "", "email": "reader@example.com"}
    return {
        "region": {"province": "浙江省", "city": "杭州市", "district": "西湖区"},
        "subject": {"nature": "individual", "cert_type": "resident_id", "name": person.name,
                    "cert_number": person.cert_number, "cert_address": person.address, "investor": person.name,
                    "mailing_address": person.address, "remark": "", "principal": principal},
        "websites": [{"name": "读书随笔记录", "domains": [domain], "content": "其他", "service_type": "网站应用服务",
                      "languages": ["中文简体"], "pre_approvals": [], "remark": "", "principal": None}],
    }



def prepare(n: int, person: syn.Person, domain: str):
    """(account, instance, key): the registries told about the person and the domain."""
    account = get_user_model().objects.create_user(f"panel-{n}@example.com", f"panel-{n}@example.com", "Str0ng-pass-99")
    instance = seed_products(account, prefix=f"api{n}")[0]
    seed_identity(name=person.name, cert_number=person.cert_number, portrait="grace_hopper")
    seed_domain(domain=domain, holder_name=person.name, holder_cert_type="resident_id",
                holder_cert_number=person.cert_number, registrar="阿里云计算有限公司")
    return account, instance, ApiToken.issue(account=account, name="hosting panel")[1]


def id_photos(person: syn.Person) -> dict[str, bytes]:
    """side → a phone photo of the person's ID card (front with the registry's portrait)."""
    hopper = Image.open(portrait_paths()["grace_hopper"])
    return {"front": syn.to_bytes(syn.photographed(syn.id_front(person, hopper))),
            "back": syn.to_bytes(syn.photographed(syn.id_back(person)))}
