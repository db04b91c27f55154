import copy

import pytest
from django.contrib.auth import get_user_model

from tests.rules.support import enterprise


@pytest.fixture
def applicant(db):
    return get_user_model().objects.create_user("app@example.com", "app@example.com", "pw-12345678")


@pytest.fixture
def other_applicant(db):
    return get_user_model().objects.create_user("other@example.com", "other@example.com", "pw-12345678")


def application(domain="example.com", cert=None) -> dict:
    app = copy.deepcopy(enterprise())
    app.pop("context")
    app["websites"][0]["domains"] = [domain]
    if cert:
        app["subject"]["cert_number"] = cert
    return app


@pytest.fixture
def make_order(applicant):
    from beian.filings.services import create_order

    def make(domain="example.com", account=None, cert=None, **kwargs):
        return create_order(account=account or applicant, application=application(domain, cert), **kwargs)

    return make
