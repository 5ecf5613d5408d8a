from django.urls import path

from . import views

app_name = "checkins"

urlpatterns = [
    path("cases/<str:crn>/check-ins", views.case, name="case"),
    path("cases/<str:crn>/check-ins/enrol", views.enrol, name="enrol"),
    path("cases/<str:crn>/check-ins/approval", views.approve, name="approve"),
    path("cases/<str:crn>/check-ins/code", views.code, name="code"),
    path("cases/<str:crn>/check-ins/unlock", views.unlock, name="unlock"),
    path("check-ins/kiosk/start", views.kiosk_start, name="kiosk-start"),
    path("kiosk/", views.identify, {"channel": "kiosk"}, name="kiosk"),
    path("kiosk/questions", views.questions, {"channel": "kiosk"}, name="kiosk-questions"),
    path("kiosk/done", views.done, {"channel": "kiosk"}, name="kiosk-done"),
    path("check-in/", views.identify, {"channel": "online"}, name="online"),
    path("check-in/questions", views.questions, {"channel": "online"}, name="online-questions"),
    path("check-in/done", views.done, {"channel": "online"}, name="online-done"),
]
