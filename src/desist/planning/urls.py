from django.urls import path

from . import views

app_name = "planning"

C = "cases/<str:crn>/"
urlpatterns = [
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
