from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "beian.notifications"
    label = "notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the transition effects (explicit registry, not model signals).
        from beian.notifications import effects  # noqa: F401
