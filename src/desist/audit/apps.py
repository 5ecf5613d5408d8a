from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "desist.audit"
    label = "audit"

    def ready(self):
        from desist.navigation import add_service_link
        from desist.organisation.roles import Role

        add_service_link("audit:trail", _("Audit"), {Role.SYSADMIN, Role.AUDITOR}, prefix="/audit",
                         order=90)
