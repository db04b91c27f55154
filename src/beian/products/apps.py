from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "beian.products"
    label = "products"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the transition effects (explicit registry, not model signals).
        from beian.products import effects  # noqa: F401
