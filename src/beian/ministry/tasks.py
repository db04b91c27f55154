from django_tasks import task

from beian.filings.models import Order
from beian.ministry.services import poll_results, submit


@task()
def submit_order_to_ministry(order_id: int) -> str:
    order = Order.objects.filter(pk=order_id).first()
    status = submit(order=order) if order else None
    return status.status if status else "waiting"


@task()
def poll_ministry_results() -> int:
    return poll_results()
