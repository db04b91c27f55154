from django_tasks import task


@task()
def submit_order_to_ministry(order_id: int) -> str:
    from beian.filings.models import Order
    from beian.ministry.services import submit

    order = Order.objects.filter(pk=order_id).first()
    status = submit(order=order) if order else None
    return status.status if status else "waiting"


@task()
def poll_ministry_results() -> int:
    from beian.ministry.services import poll_results

    return poll_results()
