from django.urls import path

from . import views

app_name = "interventions"

urlpatterns = [
    path("services/", views.catalogue, name="catalogue"),
    path("services/<int:pk>/edit", views.service_edit, name="service-edit"),
    path("referrals/", views.referrals, name="referrals"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("referrals/<int:pk>", views.referral, name="referral"),
    path("referrals/<int:pk>/status", views.referral_status, name="referral-status"),
    path("referrals/<int:pk>/sessions", views.referral_session, name="referral-session"),
    path("cases/<str:crn>/referrals", views.case_referrals, name="case-referrals"),
]
