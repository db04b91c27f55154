from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "beian.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from beian.accounts import backends  # noqa: F401  (counts failed logins: user_login_failed)
