from django.urls import path

from . import views

app_name = "unpaid_work"

urlpatterns = [
    path("unpaid-work/today", views.today, name="today"),
    path("unpaid-work/sessions/<int:pk>", views.session, name="session"),
    path("unpaid-work/placements/<int:pk>/outcome", views.outcome, name="outcome"),
    path("unpaid-work/hub", views.hub, name="hub"),
    path("cases/<str:crn>/unpaid-work", views.case, name="case"),
]
