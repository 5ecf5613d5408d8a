from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.trail, name="trail"),
    path("audit/cases/<str:crn>", views.case_trail, name="case-trail"),
]
