"""The domain registry port and its simulator (issue 13 #3): what it knows feeds precheck.md's
`context.domains`, so the real-name codes fire on an order; a domain it does not know is unknown (no
finding); the holder's certificate number is sealed at rest and masked wherever it is shown."""

import copy
import datetime as dt
import io
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from beian.filings import checks
from beian.filings.selectors import precheck_context
from beian.filings.services import create_order
from beian.registries import domains as registry
from beian.registries.models import DomainRecord
from tests.pii.support import plaintext_hits
from tests.rules.support import enterprise

pytestmark = pytest.mark.django_db

REAL_NAME_CODES = {"DOMAIN_HOLDER_MISMATCH", "DOMAIN_NOT_VERIFIED", "DOMAIN_HOLDER_CERT_MISMATCH", "DOMAIN_EXPIRING",
                   "DOMAIN_REGISTRAR_NOT_APPROVED"}
SUBJECT = ("杭州示例科技有限公司", "91330106MA2GL0XX7U")
PERSON_ID = "110105194912310029"


def _application(domain: str) -> dict:
    app = copy.deepcopy(enterprise())
    app.pop("context")
    app["websites"][0]["domains"] = [domain]
    return app


def _seed(domain: str, **changes):
    values = {"holder_name": SUBJECT[0], "holder_cert_type": "business_license", "holder_cert_number": SUBJECT[1],
              "holder_verified": True, "registrar": "示例域名注册服务有限公司", "registrar_approved": True,
              "expires": timezone.localdate() + dt.timedelta(days=800), **changes}
    return registry.seed_domain(domain=domain, replace=True, **values)


def _real_name_codes(result) -> set[str]:
    return {f["code"] for f in result["findings"]} & REAL_NAME_CODES


def _account(email="reg@example.com"):
    return get_user_model().objects.create_user(email, email, "Str0ng-pass-99")


def test_the_simulator_answers_by_the_normalised_domain_and_none_for_an_unknown_one():
    _seed("Real-Name.com")
    record = registry.registry().lookup("REAL-name.com ")
    assert record["holder_name"] == SUBJECT[0] and record["holder_cert_number"] == SUBJECT[1]
    assert record["registrar_approved"] is True and isinstance(record["expires"], dt.date)
    assert registry.registry().lookup("never-registered.com") is None


def test_the_context_carries_the_registry_facts_of_known_domains_only():
    _seed("known-domain.com", holder_verified=False)
    app = _application("known-domain.com")
    app["websites"].append(dict(app["websites"][0], domains=["unknown-domain.com"]))
    context = precheck_context(application=app)
    known, unknown = context["domains"]["known-domain.com"], context["domains"]["unknown-domain.com"]
    assert known["holder_name"] == SUBJECT[0] and known["holder_cert_number"] == SUBJECT[1]
    assert known["holder_verified"] is False and known["registrar_approved"] is True
    assert dt.date.fromisoformat(known["expires"]) > timezone.localdate()
    for key in ("holder_name", "holder_verified", "holder_cert_number", "registrar_approved", "expires"):
        assert key not in unknown, key


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, set()),
    ({"holder_name": "别家示例有限公司", "holder_cert_number": "91310101MA1FPHP8QH"},
     {"DOMAIN_HOLDER_MISMATCH", "DOMAIN_HOLDER_CERT_MISMATCH"}),
    ({"holder_cert_type": "organization_code", "holder_cert_number": "MA2GL0XX7"}, {"DOMAIN_HOLDER_CERT_MISMATCH"}),
    ({"holder_verified": False}, {"DOMAIN_NOT_VERIFIED"}),
    ({"expires": "soon"}, {"DOMAIN_EXPIRING"}),
    ({"registrar": "Example Overseas Domains Inc.", "registrar_approved": False}, {"DOMAIN_REGISTRAR_NOT_APPROVED"}),
])
def test_an_order_gets_the_codes_its_domain_records_give(changes, expected):
    if changes.get("expires") == "soon":
        changes = {"expires": timezone.localdate() + dt.timedelta(days=30)}
    domain = f"d{uuid.uuid4().hex[:10]}.com"
    _seed(domain, **changes)
    order = create_order(account=_account(), application=_application(domain))
    result = checks.run(order.application, order=order)
    assert _real_name_codes(result) == expected
    assert all(f["path"] == "websites[0].domains[0]" for f in result["findings"] if f["code"] in REAL_NAME_CODES)


def test_an_order_with_a_random_domain_is_unknown_to_the_registry_and_gets_no_real_name_finding():
    _seed("someone-elses.com", holder_name="别家示例有限公司", holder_verified=False, registrar_approved=False)
    order = create_order(account=_account(), application=_application(f"r{uuid.uuid4().hex}.com"))
    assert _real_name_codes(checks.run(order.application, order=order)) == set()


def test_a_person_holding_the_domain_is_named_masked_and_their_number_never_shown():
    _seed("held-by-a-person.com", holder_name="王小明", holder_cert_type="resident_id", holder_cert_number=PERSON_ID)
    result = checks.run(_application("held-by-a-person.com"))
    message = next(f["message"] for f in result["findings"] if f["code"] == "DOMAIN_HOLDER_MISMATCH")
    assert "王*明" in message and "王小明" not in message
    assert "DOMAIN_HOLDER_CERT_MISMATCH" in _real_name_codes(result)
    assert PERSON_ID not in str(result)


def test_a_company_holder_is_named_in_full():
    _seed("held-by-a-company.com", holder_name="别家示例有限公司", holder_cert_number="91310101MA1FPHP8QH")
    result = checks.run(_application("held-by-a-company.com"))
    assert any("别家示例有限公司" in f["message"] for f in result["findings"] if f["code"] == "DOMAIN_HOLDER_MISMATCH")


def test_the_holders_certificate_number_is_sealed_at_rest():
    record = _seed("sealed-holder.com", holder_name="王小明", holder_cert_type="resident_id", holder_cert_number=PERSON_ID)
    assert DomainRecord.objects.get(pk=record.pk).holder_cert_number == PERSON_ID  # plain through the ORM
    assert plaintext_hits(PERSON_ID) == []


def test_an_order_that_gives_the_website_up_is_not_held_to_the_real_name_rules():
    _seed("lapsed-domain.com", holder_name="新持有人示例有限公司", holder_cert_number="91310101MA1FPHP8QH",
          holder_verified=False, registrar_approved=False,
          expires=timezone.localdate() - dt.timedelta(days=10))
    account = _account()
    new = create_order(account=account, application=_application("lapsed-domain.com"))
    assert _real_name_codes(checks.run(new.application, order=new)) == {
        "DOMAIN_HOLDER_MISMATCH", "DOMAIN_HOLDER_CERT_MISMATCH", "DOMAIN_NOT_VERIFIED", "DOMAIN_EXPIRING",
        "DOMAIN_REGISTRAR_NOT_APPROVED"}
    new.delete()
    for kind in ("cancel_access", "deregister_website", "deregister_subject"):
        order = create_order(account=account, application=_application("lapsed-domain.com"), kind=kind)
        assert _real_name_codes(checks.run(order.application, order=order)) == set(), kind
        order.delete()


class Unavailable(registry.DomainRegistry):
    def lookup(self, domain):
        raise registry.RegistryUnavailable("timeout")


def test_a_registry_that_cannot_answer_leaves_every_domain_unknown(settings):
    _seed("known-but-down.com", holder_verified=False)
    settings.DOMAIN_REGISTRY = f"{__name__}.Unavailable"
    result = checks.run(_application("known-but-down.com"))
    assert _real_name_codes(result) == set()


def _command(*args) -> str:
    out = io.StringIO()
    call_command("domain_registry", *args, stdout=out)
    return out.getvalue()


def test_the_demo_edits_the_simulator_with_a_command_that_masks_numbers():
    assert "已保存" in _command("set", "Edit-Me.com", "--holder-name", "王小明", "--holder-cert-type", "resident_id",
                             "--holder-cert-number", PERSON_ID, "--registrar", "示例域名注册服务有限公司",
                             "--expires", "+30")
    record = DomainRecord.objects.get(domain="edit-me.com")
    assert record.expires == timezone.localdate() + dt.timedelta(days=30) and record.holder_verified is True
    _command("set", "edit-me.com", "--verified", "no", "--registrar-approved", "no", "--expires", "2030-01-01")
    record.refresh_from_db()
    assert (record.holder_verified, record.registrar_approved, record.expires) == (False, False, dt.date(2030, 1, 1))
    listing = _command("list")
    assert "edit-me.com" in listing and PERSON_ID not in listing and "王小明" not in listing
    assert "1101**********0029" in listing and "居民身份证" in listing
    with pytest.raises(CommandError, match="--holder-name"):
        _command("set", "new-without-holder.com", "--verified", "no")
    with pytest.raises(CommandError, match="到期日"):
        _command("set", "edit-me.com", "--expires", "tomorrow")
    with pytest.raises(CommandError, match="证件类型"):
        _command("set", "edit-me.com", "--holder-cert-type", "id_card")
    assert "已删除" in _command("delete", "edit-me.com")
    assert not DomainRecord.objects.filter(domain="edit-me.com").exists()
