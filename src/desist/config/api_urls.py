"""The JSON API: one router over every app's api.py."""

from django.urls import re_path
from rest_framework.routers import SimpleRouter

from desist.allocation import api as allocation_api
from desist.api_params import CRN_PATTERN
from desist.appointments import api as appointments_api
from desist.assessment import api as assessment_api
from desist.compliance import api as compliance_api
from desist.interventions import api as interventions_api
from desist.oversight import api as oversight_api
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
router.register("oversight/rounds", oversight_api.RoundViewSet, basename="api-audit-round")
router.register("oversight/audits", oversight_api.AuditViewSet, basename="api-audit")
router.register(CASE + "/oversight", oversight_api.OversightViewSet, basename="api-oversight")

urlpatterns = [
    re_path(r"^intake$", allocation_api.IntakeQueue.as_view(), name="api-intake"),
    re_path(rf"^{CASE}/banding$", allocation_api.CaseBanding.as_view(), name="api-case-banding"),
    re_path(rf"^{CASE}/assignment$", allocation_api.CaseAssignment.as_view(),
            name="api-case-assignment"),
    *router.urls,
]
