from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "beian.webhooks"
    label = "webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the transition effects (explicit registry, not model signals), as notifications does.
        from beian.webhooks import effects  # noqa: F401
