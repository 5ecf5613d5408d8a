from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from desist.access.api import DeclaredRulePermission
from desist.access.roles import ALL_ROLES
from desist.access.rules import AccessRule

from . import api_urls


class SchemaView(SpectacularAPIView):
    access_rule = AccessRule(read=ALL_ROLES)
    permission_classes = [DeclaredRulePermission]


urlpatterns = [
    path("", include("desist.health.urls")),
    path("", include("desist.access.urls")),
    path("", include("desist.people.urls")),
    path("", include("desist.organisation.urls")),
    path("", include("desist.audit.urls")),
    path("", include("desist.worklist.urls")),
    path("", include("desist.allocation.urls")),
    path("", include("desist.assessment.urls")),
    path("", include("desist.planning.urls")),
    path("", include("desist.interventions.urls")),
    path("", include("desist.appointments.urls")),
    path("", include("desist.compliance.urls")),
    path("api/", include(api_urls)),
    path("api/schema", SchemaView.as_view(), name="api-schema"),
]

# Styled error pages (never Django's debug page in production): desist.config.errors.
handler400 = "desist.config.errors.bad_request"
handler403 = "desist.config.errors.permission_denied"
handler404 = "desist.config.errors.page_not_found"
handler500 = "desist.config.errors.server_error"
