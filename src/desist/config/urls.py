from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from desist.access.api import DeclaredRulePermission
from desist.access.roles import ALL_ROLES
from desist.access.rules import AccessRule

from . import api_urls
from .accessibility import accessibility_statement


class SchemaView(SpectacularAPIView):
    access_rule = AccessRule(read=ALL_ROLES)
    permission_classes = [DeclaredRulePermission]


urlpatterns = [
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
    path("accessibility", accessibility_statement, name="accessibility"),
]
