"""Background tasks of the filings domain (run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def sweep_timers() -> int:
    """Apply every due timer (order expiry, …). Idempotent; safe with several workers."""
    from beian.filings.timers import sweep

    return sweep()
