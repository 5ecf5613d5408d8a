from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "desist.assessment"
    label = "assessment"
    verbose_name = "Self-assessment"

    def ready(self):
        from desist.navigation import add_case_tab, add_service_link

        from .views import INSTRUMENT_READERS, READERS

        add_case_tab("assessment:readings", _("Self-assessment"), READERS, order=40)
        add_service_link("assessment:instruments", _("Instrument"), INSTRUMENT_READERS,
                         prefix="/self-assessment", order=80)
