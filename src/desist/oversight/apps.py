from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "desist.oversight"
    label = "oversight"
    verbose_name = "Management oversight and case audit"

    def ready(self):
        from desist.navigation import add_case_panel, add_case_tab, add_service_link
        from desist.seeding import register

        from .demo import seed
        from .views import AUDIT_USERS, CASE_READERS, oversight_panel

        add_service_link("oversight:hub", _("Quality"), AUDIT_USERS, prefix="/oversight",
                         order=60)
        add_case_tab("oversight:case", _("Oversight"), CASE_READERS, order=38)
        add_case_panel("oversight/_panel.html", oversight_panel, CASE_READERS, order=38)
        register("oversight", seed, order=80)
