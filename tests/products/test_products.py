from datetime import timedelta

import pytest
from django.utils import timezone

from beian.products.models import Instance
from beian.products.services import ProductCheckError, check_product
from tests.wizard.support import applicant_with_products

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [({"instance_id": "i-p-old"}, "instance_expired"), ({"instance_id": "i-p-hk01"}, "instance_not_mainland"),
     ({"instance_id": "i-nobody"}, "instance_not_found"), ({}, "nothing_chosen"),
     ({"instance_id": "i-p-hz01", "ip": "1.2.3.4"}, "ip_mismatch"),
     ({"service_number": "no-such-number"}, "service_number_not_found")],
)
def test_product_check_errors(kwargs, code):
    account, _ = applicant_with_products(prefix="p")
    with pytest.raises(ProductCheckError) as info:
        check_product(account=account, **kwargs)
    assert info.value.code == code and info.value.message


def test_someone_elses_instance_is_not_found(django_user_model):
    owner, _ = applicant_with_products(prefix="p")
    other = django_user_model.objects.create_user("o@example.com", "o@example.com", "pw-12345678")
    with pytest.raises(ProductCheckError) as info:
        check_product(account=other, instance_id="i-p-hz01")
    assert info.value.code == "instance_not_found"


def test_capacity_counts_filings_and_orders_in_flight():
    account, instances = applicant_with_products(prefix="p")
    Instance.objects.filter(pk=instances[0].pk).update(filing_capacity=0)
    with pytest.raises(ProductCheckError) as info:
        check_product(account=account, instance_id=instances[0].instance_id)
    assert info.value.code == "instance_full"
    assert check_product(account=account, instance_id=instances[1].instance_id, now=timezone.now() + timedelta(days=1))


def test_obtain_and_use_a_service_number(client):
    account, instances = applicant_with_products(prefix="p")
    client.force_login(account)
    client.post("/products/service-numbers/", {"instance_id": instances[0].instance_id})
    page = client.get("/products/service-numbers/").content.decode()
    number = account.service_numbers.exclude(code__startswith="p-").get()
    assert number.code in page and "未使用" in page
    assert check_product(account=account, service_number=number.code) == instances[0]
    refused = client.post("/products/service-numbers/", {"instance_id": "i-p-old"}, follow=True).content.decode()
    assert "到期" in refused
