from django.urls import path

from . import views

app_name = "unpaid_work"

urlpatterns = [
    path("unpaid-work/today", views.today, name="today"),
    path("unpaid-work/sessions/<int:pk>", views.session, name="session"),
    path("unpaid-work/placements/<int:pk>/outcome", views.outcome, name="outcome"),
    path("unpaid-work/hub", views.hub, name="hub"),
    path("unpaid-work/projects", views.projects, name="projects"),
    path("unpaid-work/projects/new", views.project_new, name="project-new"),
    path("unpaid-work/projects/<int:pk>", views.project, name="project"),
    path("unpaid-work/projects/<int:pk>/schedule", views.project_schedule,
         name="project-schedule"),
    path("unpaid-work/projects/<int:pk>/sessions/new", views.project_session_new,
         name="project-session-new"),
    path("cases/<str:crn>/unpaid-work", views.case, name="case"),
]
