from django.apps import AppConfig


class GatewayConfig(AppConfig):
    name = "desist.gateway"
    label = "gateway"
    verbose_name = "National record gateway"
