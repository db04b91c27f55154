from django_tasks import task


@task()
def deliver_messages(message_ids: list[int]) -> dict:
    from beian.notifications.services import deliver

    return {str(i): deliver(i) for i in message_ids}


@task()
def retry_pending_messages() -> int:
    from beian.notifications.services import retry_pending

    return retry_pending()
