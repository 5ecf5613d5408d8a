from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "desist.compliance"
    label = "compliance"
    verbose_name = "Compliance and enforcement"

    def ready(self):
        from desist.appointments.signals import appointment_booked, outcome_recorded
        from desist.interventions.signals import session_missed
        from desist.navigation import add_case_panel, add_case_tab, add_service_link
        from desist.organisation.roles import PROVIDER_STAFF
        from desist.seeding import register

        from . import services
        from .demo import seed
        from .views import HUB_READERS, compliance_panel

        outcome_recorded.connect(services.on_outcome, dispatch_uid="compliance-absences")
        appointment_booked.connect(services.on_booked, dispatch_uid="compliance-letters")
        session_missed.connect(services.on_session_missed, dispatch_uid="compliance-sessions")
        add_service_link("compliance:hub", _("Enforcement"), HUB_READERS, prefix="/compliance",
                         order=50)
        add_case_tab("compliance:case", _("Compliance"), PROVIDER_STAFF, order=35)
        add_case_panel("compliance/_panel.html", compliance_panel, PROVIDER_STAFF, order=35)
        register("compliance", seed, order=50)
