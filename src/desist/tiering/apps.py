from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TieringConfig(AppConfig):
    name = "desist.tiering"
    label = "tiering"
    verbose_name = "National tiering and the prioritisation policy"

    def ready(self):
        from desist import seeding
        from desist.navigation import add_case_panel, add_case_tab, add_service_link

        from .demo import seed_showcase
        from .panels import overview_panel
        from .views import POLICY_READERS, TIER_READERS

        add_case_tab("tiering:case-tier", _("Tier"), TIER_READERS, order=29)
        add_case_panel("tiering/_panel.html", overview_panel, TIER_READERS, order=5)
        add_service_link("tiering:policy", _("Prioritisation"), POLICY_READERS,
                         prefix="/prioritisation", order=41)
        seeding.register("national tiering provider", seed_showcase, order=90)
