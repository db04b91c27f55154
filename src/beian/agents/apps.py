from django.apps import AppConfig


class AgentsConfig(AppConfig):
    name = "beian.agents"
    label = "agents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from beian.agents import signals  # noqa: F401  (every order event names the agent who acted)
