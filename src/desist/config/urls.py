from django.urls import include, path

from . import api_urls
from .accessibility import accessibility_statement
from .api_schema import SchemaView

urlpatterns = [
    path("", include("desist.health.urls")),
    path("", include("desist.access.urls")),
    path("", include("desist.people.urls")),
    path("", include("desist.organisation.urls")),
    path("", include("desist.audit.urls")),
    path("", include("desist.worklist.urls")),
    path("", include("desist.allocation.urls")),
    path("", include("desist.tiering.urls")),
    path("", include("desist.assessment.urls")),
    path("", include("desist.risk.urls")),
    path("", include("desist.induction.urls")),
    path("", include("desist.planning.urls")),
    path("", include("desist.interventions.urls")),
    path("", include("desist.appointments.urls")),
    path("", include("desist.compliance.urls")),
    path("", include("desist.reviews.urls")),
    path("", include("desist.checkins.urls")),
    path("", include("desist.gateway.urls")),
    path("", include("desist.unpaid_work.urls")),
    path("", include("desist.insight.urls")),
    path("", include("desist.oversight.urls")),
    path("api/", include(api_urls)),
    path("api/schema", SchemaView.as_view(), name="api-schema"),
    path("accessibility", accessibility_statement, name="accessibility"),
]

# Styled error pages (never Django's debug page in production): desist.config.errors.
handler400 = "desist.config.errors.bad_request"
handler403 = "desist.config.errors.permission_denied"
handler404 = "desist.config.errors.page_not_found"
handler500 = "desist.config.errors.server_error"

urlpatterns += [path("", include("desist.resettlement.urls"))]
