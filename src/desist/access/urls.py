from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("sign-in", views.sign_in, name="sign-in"),
    path("sign-out", views.sign_out, name="sign-out"),
    path("cases/<str:crn>/cover", views.cover, name="cover"),
]
