from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatewayConfig(AppConfig):
    name = "desist.gateway"
    label = "gateway"
    verbose_name = "National record gateway"

    def ready(self):
        from desist.navigation import add_service_link
        from desist.seeding import register

        from .demo import seed
        from .views import LEDGER_READERS

        add_service_link("gateway:imports", _("National record"), LEDGER_READERS,
                         prefix="/national", order=60)
        register("gateway", seed, order=60)
