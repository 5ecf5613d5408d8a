from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResettlementConfig(AppConfig):
    name = "desist.resettlement"
    label = "resettlement"
    verbose_name = "Through the Gate (resettlement)"

    def ready(self):
        from desist.navigation import add_case_tab, add_service_link
        from desist.organisation.roles import PROVIDER_STAFF
        from desist.seeding import register

        from .demo import seed
        from .views import SERVICE_READERS

        add_case_tab("resettlement:case", _("Resettlement"), PROVIDER_STAFF, order=38)
        add_service_link("resettlement:service-level", _("Resettlement"), SERVICE_READERS,
                         prefix="/resettlement", order=55)
        register("resettlement", seed, order=60)
