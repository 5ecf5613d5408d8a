from django.urls import path

from . import views

app_name = "organisation"
urlpatterns = [
    path("staff/", views.staff, name="staff"),
    path("venues/", views.venues, name="venues"),
]
