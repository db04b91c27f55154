from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "beian.review"
    label = "review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from beian.review import effects  # noqa: F401
