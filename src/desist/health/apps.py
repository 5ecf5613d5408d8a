from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "desist.health"
    label = "health"
