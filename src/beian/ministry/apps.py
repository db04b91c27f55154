from django.apps import AppConfig


class MinistryConfig(AppConfig):
    name = "beian.ministry"
    label = "ministry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from beian.ministry import effects  # noqa: F401
