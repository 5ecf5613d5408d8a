from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "desist.reviews"
    label = "reviews"
    verbose_name = "Reviews and step-down"

    def ready(self):
        from desist.navigation import add_case_panel, add_case_tab, add_service_link
        from desist.organisation.roles import PROVIDER_STAFF
        from desist.seeding import register

        from .demo import seed
        from .views import HUB_READERS, reviews_panel

        add_service_link("reviews:remote", _("Remote caseload"), HUB_READERS, prefix="/reviews",
                         order=55)
        add_case_tab("reviews:case", _("Reviews"), PROVIDER_STAFF, order=38)
        add_case_panel("reviews/_panel.html", reviews_panel, PROVIDER_STAFF, order=38)
        register("reviews", seed, order=60)

        from desist.people.signals import details_changed

        from .services import on_details_changed

        details_changed.connect(on_details_changed, dispatch_uid="reviews-address-change")
