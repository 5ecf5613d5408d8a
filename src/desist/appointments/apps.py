from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "desist.appointments"
    label = "appointments"
    verbose_name = "Appointments"

    def ready(self):
        from desist.navigation import add_case_panel, add_case_tab, add_service_link
        from desist.organisation.roles import CASE_WRITERS, PROVIDER_STAFF
        from desist.seeding import register

        from . import panels
        from .demo import seed

        add_service_link("appointments:calendar", _("Calendar"), PROVIDER_STAFF,
                         prefix="/calendar", order=35)
        add_case_tab("appointments:case", _("Appointments"), PROVIDER_STAFF, order=30)
        add_case_tab("appointments:book", _("Book"), CASE_WRITERS, order=31)
        add_case_panel("appointments/_panel.html", panels.delivery_panel, PROVIDER_STAFF,
                       order=30)
        register("appointments", seed, order=45)
