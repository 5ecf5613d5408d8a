"""The JSON API: one router over every app's api.py."""

from rest_framework.routers import SimpleRouter

from desist.people import api as people_api

router = SimpleRouter(trailing_slash=False)
router.register("cases", people_api.CaseViewSet, basename="api-case")

urlpatterns = router.urls
