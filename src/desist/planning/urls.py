from django.urls import path

from . import views

app_name = "planning"

C = "cases/<str:crn>/"
urlpatterns = [
    path(C + "risk/", views.risk, name="risk"),
    path(C + "risk/assessment", views.risk_assess, name="risk-assess"),
    path(C + "risk/checks/new", views.check_new, name="check-new"),
    path(C + "risk/checks/<int:pk>", views.check, name="check"),
    path(C + "risk/information/new", views.agency_new, name="agency-new"),
    path(C + "risk/information/<int:pk>", views.agency, name="agency"),
    path(C + "risk/home-visits/new", views.home_visit_new, name="home-visit-new"),
    path(C + "risk/home-visits/<int:pk>", views.home_visit, name="home-visit"),
    path(C + "risk/partner-link-worker", views.link_worker, name="link-worker"),
    path(C + "plan/", views.plan, name="plan"),
    path(C + "plan/start", views.plan_start, name="plan-start"),
    path(C + "plan/copy", views.plan_copy, name="plan-copy"),
    path(C + "plan/reviewed", views.plan_reviewed, name="plan-reviewed"),
    path(C + "plan/complete", views.plan_complete, name="plan-complete"),
    path(C + "plan/<int:pk>/objectives/new", views.objective_new, name="objective-new"),
    path(C + "plan/<int:pk>/declined-areas/new", views.decline_area, name="decline-area"),
    path(C + "plan/<int:pk>/risk-management", views.rmp, name="rmp"),
    path(C + "plan/<int:pk>/agreement", views.agreement, name="agreement"),
    path(C + "plan/<int:pk>/countersign", views.countersign, name="countersign"),
    path(C + "plan/<int:pk>/copy.pdf", views.plan_pdf, name="plan-pdf"),
]
