"""The JSON API: one router over every app's api.py."""

from django.urls import re_path
from rest_framework.routers import SimpleRouter

from desist.allocation import api as allocation_api
from desist.api_params import CRN_PATTERN
from desist.appointments import api as appointments_api
from desist.assessment import api as assessment_api
from desist.checkins import api as checkins_api
from desist.compliance import api as compliance_api
from desist.gateway import api as gateway_api
from desist.insight import api as insight_api
from desist.interventions import api as interventions_api
from desist.oversight import api as oversight_api
from desist.people import api as people_api
from desist.planning import api as planning_api
from desist.reviews import api as reviews_api
from desist.risk import api as risk_api
from desist.tiering import api as tiering_api
from desist.unpaid_work import api as unpaid_work_api

router = SimpleRouter(trailing_slash=False)
router.register("cases", people_api.CaseViewSet, basename="api-case")
CASE = rf"cases/(?P<crn>{CRN_PATTERN})"
router.register(CASE + "/readings", assessment_api.ReadingViewSet, basename="api-reading")
router.register(CASE + "/plans", planning_api.PlanViewSet, basename="api-plan")
router.register(CASE + "/checks", risk_api.CheckViewSet, basename="api-check")
router.register("referrals", interventions_api.ReferralViewSet, basename="api-referral")
router.register("appointments", appointments_api.AppointmentViewSet, basename="api-appointment")
router.register("absences", compliance_api.AbsenceViewSet, basename="api-absence")
router.register("breaches", compliance_api.BreachViewSet, basename="api-breach")
router.register("compliance", compliance_api.ComplianceViewSet, basename="api-compliance")
router.register("unpaid-work", unpaid_work_api.LedgerViewSet, basename="api-upw-ledger")
router.register("upw-sessions", unpaid_work_api.SessionViewSet, basename="api-upw-session")
router.register("upw-placements", unpaid_work_api.PlacementViewSet, basename="api-upw-placement")
router.register("oversight/rounds", oversight_api.RoundViewSet, basename="api-audit-round")
router.register("oversight/audits", oversight_api.AuditViewSet, basename="api-audit")
router.register(CASE + "/oversight", oversight_api.OversightViewSet, basename="api-oversight")

urlpatterns = [
    re_path(r"^intake$", allocation_api.IntakeQueue.as_view(), name="api-intake"),
    re_path(rf"^{CASE}/banding$", allocation_api.CaseBanding.as_view(), name="api-case-banding"),
    re_path(rf"^{CASE}/assignment$", allocation_api.CaseAssignment.as_view(),
            name="api-case-assignment"),
    re_path(rf"^{CASE}/tier$", tiering_api.CaseTier.as_view(), name="api-case-tier"),
    re_path(rf"^{CASE}/reviews$", reviews_api.CaseReviews.as_view(), name="api-case-reviews"),
    re_path(rf"^{CASE}/step-down$", reviews_api.CaseStepDown.as_view(), name="api-case-step-down"),
    re_path(rf"^{CASE}/check-ins$", checkins_api.CaseCheckIns.as_view(), name="api-case-check-ins"),
    re_path(r"^national/imports$", gateway_api.NationalImports.as_view(), name="api-national-imports"),
    re_path(r"^national/contacts$", gateway_api.NationalExport.as_view(), name="api-national-export"),
    re_path(rf"^{CASE}/national$", gateway_api.NationalView.as_view(), name="api-case-national"),
    *router.urls,
    re_path(r"^insight/service-levels$", insight_api.ServiceLevels.as_view(),
            name="api-insight-service-levels"),
    re_path(r"^insight/timeliness$", insight_api.Timeliness.as_view(), name="api-insight-timeliness"),
    re_path(r"^insight/needs$", insight_api.Needs.as_view(), name="api-insight-needs"),
    re_path(r"^insight/equality$", insight_api.Equality.as_view(), name="api-insight-equality"),
    re_path(r"^insight/cases$", insight_api.Cases.as_view(), name="api-insight-cases"),
    re_path(r"^insight/refresh$", insight_api.Refresh.as_view(), name="api-insight-refresh"),
]

from desist.resettlement import api as resettlement_api  # noqa: E402

urlpatterns += resettlement_api.urlpatterns
