"""The JSON API: one router over every app's api.py."""

from rest_framework.routers import SimpleRouter

from desist.appointments import api as appointments_api
from desist.compliance import api as compliance_api
from desist.interventions import api as interventions_api
from desist.people import api as people_api

router = SimpleRouter(trailing_slash=False)
router.register("cases", people_api.CaseViewSet, basename="api-case")
router.register("referrals", interventions_api.ReferralViewSet, basename="api-referral")
router.register("appointments", appointments_api.AppointmentViewSet, basename="api-appointment")
router.register("absences", compliance_api.AbsenceViewSet, basename="api-absence")
router.register("breaches", compliance_api.BreachViewSet, basename="api-breach")
router.register("compliance", compliance_api.ComplianceViewSet, basename="api-compliance")

urlpatterns = router.urls
