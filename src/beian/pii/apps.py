from django.apps import AppConfig


class PiiConfig(AppConfig):
    name = "beian.pii"
    label = "pii"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from beian.pii import checks  # noqa: F401  (registers the data-key check)
