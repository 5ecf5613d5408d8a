from django.urls import include, path

from . import api_urls
from .api_schema import SchemaView

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
]
