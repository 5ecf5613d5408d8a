from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "desist.insight"
    label = "insight"
    verbose_name = "Insight: service levels and needs"

    def ready(self):
        from desist.navigation import add_service_link
        from desist.seeding import register

        from .demo import seed
        from .views import READERS

        add_service_link("insight:service-levels", _("Insight"), READERS, prefix="/insight",
                         order=90)
        register("insight", seed, order=95)
