from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("reviews/remote-caseload", views.remote, name="remote"),
    path("cases/<str:crn>/reviews", views.case, name="case"),
]
