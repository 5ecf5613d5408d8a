from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "desist.access"
    label = "access"
