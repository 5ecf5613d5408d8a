from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("cases/<str:crn>/self-assessment/", views.readings, name="readings"),
    path("cases/<str:crn>/self-assessment/new", views.reading_new, name="reading-new"),
    path("cases/<str:crn>/self-assessment/<int:pk>", views.reading, name="reading"),
    path("cases/<str:crn>/self-assessment/<int:pk>/sign", views.reading_sign, name="reading-sign"),
    path("cases/<str:crn>/self-assessment/<int:pk>/approve", views.reading_approve,
         name="reading-approve"),
    path("self-assessment/instrument", views.instruments, name="instruments"),
    path("self-assessment/instrument/activate", views.instrument_activate,
         name="instrument-activate"),
    path("self-assessment/instrument/edit", views.instrument_edit, name="instrument-edit"),
    path("self-assessment/instrument/load", views.instrument_load, name="instrument-load"),
]
