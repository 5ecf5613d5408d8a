"""The JSON API: one router over every app's api.py."""

from django.urls import re_path
from rest_framework.routers import SimpleRouter

from desist.allocation import api as allocation_api
from desist.api_params import CRN_PATTERN
from desist.appointments import api as appointments_api
from desist.assessment import api as assessment_api
from desist.compliance import api as compliance_api
from desist.insight import api as insight_api
from desist.interventions import api as interventions_api
from desist.people import api as people_api
from desist.planning import api as planning_api

router = SimpleRouter(trailing_slash=False)
router.register("cases", people_api.CaseViewSet, basename="api-case")
CASE = rf"cases/(?P<crn>{CRN_PATTERN})"
router.register(CASE + "/readings", assessment_api.ReadingViewSet, basename="api-reading")
router.register(CASE + "/plans", planning_api.PlanViewSet, basename="api-plan")
router.register(CASE + "/checks", planning_api.CheckViewSet, basename="api-check")
router.register("referrals", interventions_api.ReferralViewSet, basename="api-referral")
router.register("appointments", appointments_api.AppointmentViewSet, basename="api-appointment")
router.register("absences", compliance_api.AbsenceViewSet, basename="api-absence")
router.register("breaches", compliance_api.BreachViewSet, basename="api-breach")
router.register("compliance", compliance_api.ComplianceViewSet, basename="api-compliance")

urlpatterns = [
    re_path(r"^intake$", allocation_api.IntakeQueue.as_view(), name="api-intake"),
    re_path(rf"^{CASE}/banding$", allocation_api.CaseBanding.as_view(), name="api-case-banding"),
    re_path(rf"^{CASE}/assignment$", allocation_api.CaseAssignment.as_view(),
            name="api-case-assignment"),
    *router.urls,
    re_path(r"^insight/service-levels$", insight_api.ServiceLevels.as_view(),
            name="api-insight-service-levels"),
    re_path(r"^insight/timeliness$", insight_api.Timeliness.as_view(), name="api-insight-timeliness"),
    re_path(r"^insight/needs$", insight_api.Needs.as_view(), name="api-insight-needs"),
    re_path(r"^insight/equality$", insight_api.Equality.as_view(), name="api-insight-equality"),
    re_path(r"^insight/cases$", insight_api.Cases.as_view(), name="api-insight-cases"),
    re_path(r"^insight/refresh$", insight_api.Refresh.as_view(), name="api-insight-refresh"),
]
