from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "desist.people"
    label = "people"

    def ready(self):
        from desist.navigation import add_case_tab, add_service_link
        from desist.organisation.roles import ALL_ROLES, CASE_WRITERS

        add_service_link("people:caseload", _("Cases"), ALL_ROLES, prefix="/cases", order=10)
        add_case_tab("people:overview", _("Overview"), ALL_ROLES, order=10)
        add_case_tab("people:edit-details", _("Personal details"), CASE_WRITERS, order=20)
