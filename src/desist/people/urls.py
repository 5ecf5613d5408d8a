from django.urls import path
from django.views.generic import RedirectView

from desist.access.rules import PUBLIC

from . import views

app_name = "people"


class HomeView(RedirectView):
    access_rule = PUBLIC
    pattern_name = "people:caseload"


urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("cases/", views.caseload, name="caseload"),
    path("cases/<str:crn>/", views.overview, name="overview"),
    path("cases/<str:crn>/personal-details", views.edit_details, name="edit-details"),
]
