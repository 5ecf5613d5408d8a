from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("reviews/remote-caseload", views.remote, name="remote"),
    path("cases/<str:crn>/reviews", views.case, name="case"),
    path("cases/<str:crn>/reviews/new", views.review, name="review"),
    path("cases/<str:crn>/reviews/events", views.event, name="event"),
    path("cases/<str:crn>/reviews/step-down", views.step_down, name="step-down"),
    path("cases/<str:crn>/reviews/pull-back", views.pull_back, name="pull-back"),
    path("cases/<str:crn>/reviews/telephone", views.telephone, name="telephone"),
]
