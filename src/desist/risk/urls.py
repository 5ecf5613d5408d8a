from django.urls import path

from . import views

app_name = "risk"

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
]
