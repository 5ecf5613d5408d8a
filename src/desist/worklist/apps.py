from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklistConfig(AppConfig):
    name = "desist.worklist"
    label = "worklist"
    verbose_name = "Task lists"

    def ready(self):
        from desist.navigation import add_service_link

        from .views import DASHBOARD_READERS, TASK_READERS

        add_service_link("worklist:tasks", _("Tasks"), TASK_READERS, prefix="/tasks", order=20)
        add_service_link("worklist:dashboard", _("Dashboard"), DASHBOARD_READERS,
                         prefix="/dashboard", order=30)
