from django.apps import AppConfig


class WizardConfig(AppConfig):
    name = "beian.wizard"
    label = "wizard"
    default_auto_field = "django.db.models.BigAutoField"
