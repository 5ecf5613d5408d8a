from django.urls import path

from . import views

app_name = "gateway"

urlpatterns = [
    path("national/imports/", views.imports, name="imports"),
    path("national/imports/<int:pk>", views.batch, name="batch"),
]
