"""Background tasks of the webhooks app (run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def deliver_webhook(delivery_id: int) -> str:
    """One attempt of one delivery (due ones only: safe to enqueue twice)."""
    from beian.webhooks.services import deliver

    return deliver(delivery_id)


@task()
def retry_webhooks() -> int:
    """Enqueue the deliveries whose retry is due (beian_scheduler, every tick)."""
    from beian.webhooks.services import retry_due

    return retry_due()
