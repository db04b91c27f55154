"""The data-key check: `migrate`, `check --database default` and the web server's start-up run it."""

from django.core import checks


@checks.register(checks.Tags.database)
def data_keys_check(app_configs=None, databases=None, **kwargs):
    from beian.pii.services import verify_keys

    if not databases:
        return []
    try:
        verify_keys()
    except Exception as exc:  # the check reports, the caller (migrate, start-up) refuses to go on
        return [checks.Error(str(exc), id="pii.E001")]
    return []
