from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnpaidWorkConfig(AppConfig):
    name = "desist.unpaid_work"
    label = "unpaid_work"
    verbose_name = "Unpaid work"

    def ready(self):
        from desist.navigation import add_case_panel, add_case_tab, add_service_link
        from desist.organisation.roles import PROVIDER_STAFF
        from desist.seeding import register

        from .demo import rebuild_summary, seed
        from .views import HUB_READERS, SUPERVISORS, upw_panel

        add_service_link("unpaid_work:today", _("Unpaid work today"), SUPERVISORS,
                         prefix="/unpaid-work/today", order=55)
        add_service_link("unpaid_work:hub", _("Unpaid work"), HUB_READERS,
                         prefix="/unpaid-work/hub", order=56)
        add_case_tab("unpaid_work:case", _("Unpaid work"), PROVIDER_STAFF, order=37)
        add_case_panel("unpaid_work/_panel.html", upw_panel, PROVIDER_STAFF, order=37)
        register("unpaid_work", seed, order=60)
        # Last: the seeders write sentences, sessions and outcomes in bulk, past the services.
        register("unpaid work summary", rebuild_summary, order=1000)
