"""What the order API tests share: accounts with keys, a valid application body, an approved filing."""

from django.contrib.auth import get_user_model

from beian.api.models import ApiToken
from beian.filings import states
from beian.filings.claims import release_claims
from beian.filings.demo import seed_business
from beian.filings.models import Filing, Order
from beian.filings.services import create_order
from tests.e2e.filing_kinds_support import unique, unit_application


def user(email: str):
    return get_user_model().objects.create_user(email, email, "Str0ng-pass-99")


def key(account, scopes=None, name="ci") -> str:
    return ApiToken.issue(account=account, name=name, scopes=scopes)[1]


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def body(n: int | None = None, *, domain: str | None = None) -> tuple[dict, int]:
    """A create body for a fresh 浙江 enterprise (unique certificate, mobile and domain) and its number."""
    n = n if n is not None else unique()
    app = unit_application(n=n, domains=[[domain or f"api-{n}.com"]])
    subject = app["subject"]
    seed_business((subject["cert_number"], subject["name"], subject["principal"]["name"]))  # the 工商库 knows it
    return {"kind": "first", "province": "浙江", "application": app}, n


def filing_for(account, n: int | None = None, *, domains=None) -> Filing:
    """An approved filing of `account` as the ministry's approval records it (beian.ministry.services)."""
    from beian.ministry.port import Status
    from beian.ministry.services import record_approval

    n = n if n is not None else unique()
    domains = domains or [[f"filed-{n}.com"]]
    app = unit_application(n=n, domains=domains)
    order = create_order(account=account, application=app)
    number = f"浙ICP备{n:08d}号"
    numbers = {site[0]: f"{number}-{i + 1}" for i, site in enumerate(domains)}
    Order.objects.filter(pk=order.pk).update(state=states.APPROVED, meta={"icp_number": number, "website_numbers": numbers})
    release_claims(order=order)
    order.refresh_from_db()
    record_approval(order=order, status=Status(request_id=f"r{n}", status="approved", icp_number=number,
                                               website_numbers=numbers), now=order.created_at)
    return Filing.objects.get(subject_number=number)
