from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinsConfig(AppConfig):
    name = "desist.checkins"
    label = "checkins"
    verbose_name = "Self-reporting check-ins"

    def ready(self):
        from desist.navigation import add_case_tab
        from desist.organisation.roles import PROVIDER_STAFF
        from desist.seeding import register

        from .demo import seed

        add_case_tab("checkins:case", _("Check-ins"), PROVIDER_STAFF, order=39)
        register("checkins", seed, order=61)
