from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "beian.compliance"
    label = "compliance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the 公安联网备案 reminder timer (explicit registry, not model signals).
        from beian.compliance import effects  # noqa: F401
