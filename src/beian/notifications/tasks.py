from django_tasks import task

from beian.notifications.services import deliver, retry_pending


@task()
def deliver_messages(message_ids: list[int]) -> dict:
    return {str(i): deliver(i) for i in message_ids}


@task()
def retry_pending_messages() -> int:
    return retry_pending()
