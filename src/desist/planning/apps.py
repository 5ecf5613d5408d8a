from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "desist.planning"
    label = "planning"
    verbose_name = "The sentence plan"

    def ready(self):
        from desist.form_pages import READERS
        from desist.navigation import add_case_panel, add_case_tab
        from desist.seeding import register

        from .demo import seed
        from .panels import overview_panel

        add_case_tab("planning:plan", _("Plan"), READERS, order=60)
        add_case_panel("planning/_overview_panel.html", overview_panel, READERS, order=20)
        register("assessment and planning showcase", seed, order=60)
