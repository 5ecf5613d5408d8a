from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "desist.risk"
    label = "risk"
    verbose_name = "Risk of harm and safeguarding"

    def ready(self):
        from desist.form_pages import READERS
        from desist.navigation import add_case_tab

        add_case_tab("risk:risk", _("Risk"), READERS, order=50)
