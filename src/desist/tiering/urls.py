from django.urls import path

from . import views

app_name = "tiering"

urlpatterns = [
    path("cases/<str:crn>/tier", views.case_tier, name="case-tier"),
    path("cases/<str:crn>/tier/rsr", views.case_rsr, name="case-rsr"),
    path("prioritisation/", views.policy, name="policy"),
    path("prioritisation/switch", views.policy_switch, name="policy-switch"),
]
