from django.urls import path

from . import views

app_name = "resettlement"

urlpatterns = [
    path("cases/<str:crn>/resettlement/", views.case, name="case"),
    path("cases/<str:crn>/resettlement/screening", views.screening, name="screening"),
    path("cases/<str:crn>/resettlement/refer", views.refer, name="refer"),
    path("cases/<str:crn>/resettlement/release-day", views.checklist, name="checklist"),
    path("resettlement/", views.service_level, name="service-level"),
    path("resettlement/assessments", views.assessments, name="assessments"),
    path("my-plan/", views.person_start, name="person-start"),
    path("my-plan/plan", views.person_plan, name="person-plan"),
]
