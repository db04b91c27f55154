from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "beian.documents"
    label = "documents"
    default_auto_field = "django.db.models.BigAutoField"
