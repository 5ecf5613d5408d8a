"""The JSON API: one router over every app's api.py."""

from rest_framework.routers import SimpleRouter

from desist.assessment import api as assessment_api
from desist.people import api as people_api
from desist.planning import api as planning_api

router = SimpleRouter(trailing_slash=False)
router.register("cases", people_api.CaseViewSet, basename="api-case")
CASE = r"cases/(?P<crn>[A-Za-z0-9]+)"
router.register(CASE + "/readings", assessment_api.ReadingViewSet, basename="api-reading")
router.register(CASE + "/plans", planning_api.PlanViewSet, basename="api-plan")
router.register(CASE + "/checks", planning_api.CheckViewSet, basename="api-check")

urlpatterns = router.urls
