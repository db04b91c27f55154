from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "beian.filings"
    label = "filings"
    default_auto_field = "django.db.models.BigAutoField"
