from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "desist.organisation"
    label = "organisation"

    def ready(self):
        from desist.navigation import add_service_link

        from .views import ORGANISATION_READERS

        add_service_link("organisation:staff", _("Staff"), ORGANISATION_READERS, prefix="/staff",
                         order=80)
        add_service_link("organisation:venues", _("Venues"), ORGANISATION_READERS,
                         prefix="/venues", order=81)
