from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("cases/<str:crn>/self-assessment/", views.readings, name="readings"),
    path("cases/<str:crn>/self-assessment/new", views.reading_new, name="reading-new"),
    path("cases/<str:crn>/self-assessment/<int:pk>", views.reading, name="reading"),
    path("cases/<str:crn>/self-assessment/<int:pk>/sign", views.reading_sign, name="reading-sign"),
    path("self-assessment/instrument", views.instruments, name="instruments"),
]
