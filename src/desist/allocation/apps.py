from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllocationConfig(AppConfig):
    name = "desist.allocation"
    label = "allocation"
    verbose_name = "Intake, banding and assignment"

    def ready(self):
        from desist import seeding
        from desist.navigation import add_case_tab, add_service_link
        from desist.organisation.roles import Role

        from .demo import rebuild_caseloads, seed_showcase
        from .views import ALLOCATORS, BAND_READERS, HUB, WORKLOAD_READERS

        add_service_link("allocation:intake", _("Hub intake"), HUB, prefix="/hub", order=15)
        add_service_link("allocation:queue", _("Allocation"), ALLOCATORS, prefix="/allocation",
                         order=16)
        add_service_link("allocation:workload", _("Workload"), WORKLOAD_READERS,
                         prefix="/workload", order=40)
        add_case_tab("allocation:banding", _("Band"), BAND_READERS, order=30)
        add_case_tab("allocation:assign", _("Assignment"), ALLOCATORS | {Role.AUDITOR}, order=31)
        seeding.register("intake and allocation", seed_showcase, order=10)
        # Last: other seeders move cases between officers and close cases in bulk.
        seeding.register("caseload summary", rebuild_caseloads, order=1000)
