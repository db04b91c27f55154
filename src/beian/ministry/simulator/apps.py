from django.apps import AppConfig


class SimulatorConfig(AppConfig):
    name = "beian.ministry.simulator"
    label = "ministry_simulator"
    default_auto_field = "django.db.models.BigAutoField"
