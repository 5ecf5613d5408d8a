from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "desist.interventions"
    label = "interventions"
    verbose_name = "Interventions and referrals"

    def ready(self):
        from desist.navigation import add_case_panel, add_case_tab, add_service_link
        from desist.organisation.roles import ALL_ROLES, PROVIDER_STAFF
        from desist.seeding import register

        from .demo import seed
        from .views import MONITORING_READERS

        add_service_link("interventions:referrals", _("Referrals"), ALL_ROLES,
                         prefix="/referrals", order=40)
        add_service_link("interventions:catalogue", _("Services"), ALL_ROLES,
                         prefix="/services", order=45)
        add_service_link("interventions:monitoring", _("Monitoring"), MONITORING_READERS,
                         prefix="/monitoring", order=80)
        add_case_tab("interventions:case-referrals", _("Referrals"), PROVIDER_STAFF, order=40)
        add_case_panel("interventions/_panel.html", _panel, PROVIDER_STAFF, order=40)
        register("interventions", seed, order=40)


def _panel(request, person, today):
    from .models import Referral

    referrals = list(Referral.objects.filter(person=person).only(
        "service", "status", "at_risk", "risk_text"))
    if not referrals:
        return None
    from .choices import OPEN_STATUSES

    return {"crn": person.crn, "open": sum(r.status in OPEN_STATUSES for r in referrals),
            "at_risk": [r for r in referrals if r.at_risk]}
