"""The JSON API: one router over every app's api.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from desist.allocation import api as allocation_api
from desist.people import api as people_api

router = SimpleRouter(trailing_slash=False)
router.register("cases", people_api.CaseViewSet, basename="api-case")

urlpatterns = [
    path("intake", allocation_api.IntakeQueue.as_view(), name="api-intake"),
    path("cases/<str:crn>/banding", allocation_api.CaseBanding.as_view(), name="api-case-banding"),
    path("cases/<str:crn>/assignment", allocation_api.CaseAssignment.as_view(),
         name="api-case-assignment"),
    *router.urls,
]
