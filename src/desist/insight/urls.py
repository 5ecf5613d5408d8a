from django.urls import path

from . import views

app_name = "insight"

urlpatterns = [
    path("insight/", views.service_levels, name="service-levels"),
    path("insight/timeliness", views.timeliness, name="timeliness"),
    path("insight/needs", views.needs, name="needs"),
    path("insight/equality", views.equality, name="equality"),
    path("insight/cases", views.cases, name="cases"),
    path("insight/refresh", views.refresh, name="refresh"),
    path("insight/targets", views.targets, name="targets"),
]
