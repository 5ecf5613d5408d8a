from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "desist.oversight"
    label = "oversight"
    verbose_name = "Management oversight and case audit"

    def ready(self):
        from django.db.models.signals import post_save

        from desist.navigation import (
            add_case_panel,
            add_case_tab,
            add_record_panel,
            add_service_link,
            add_timeline_source,
        )
        from desist.seeding import register

        from .demo import seed
        from .selectors import oversight_timeline
        from .services import on_review_saved
        from .views import AUDIT_USERS, CASE_READERS, breach_panel, oversight_panel

        add_service_link("oversight:hub", _("Quality"), AUDIT_USERS, prefix="/oversight",
                         order=60)
        add_case_tab("oversight:case", _("Oversight"), CASE_READERS, order=38)
        add_case_panel("oversight/_panel.html", oversight_panel, CASE_READERS, order=38)
        register("oversight", seed, order=80)
        # Oversight shows on the compliance timeline and beside the breach it is about (§15).
        add_timeline_source("compliance", oversight_timeline, CASE_READERS)
        add_record_panel("breach", "oversight/_breach_panel.html", breach_panel, CASE_READERS)
        # A review of a case that needs countersigning goes to the managers' queue (§15).
        post_save.connect(on_review_saved, sender="reviews.Review",
                          dispatch_uid="oversight.review_countersign")
