from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InductionConfig(AppConfig):
    name = "desist.induction"
    label = "induction"
    verbose_name = "Induction"

    def ready(self):
        from desist.form_pages import READERS
        from desist.navigation import add_case_tab

        add_case_tab("induction:induction", _("Induction"), READERS, order=30)
