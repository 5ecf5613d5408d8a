from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    path("cases/<str:crn>/appointments", views.case_appointments, name="case"),
    path("cases/<str:crn>/appointments/new", views.book, name="book"),
    path("appointments/<int:pk>", views.appointment, name="appointment"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/venue", views.venue_calendar, name="venue-calendar"),
]
