from django.urls import path

from . import views

app_name = "worklist"

urlpatterns = [
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<int:pk>", views.task_detail, name="task"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
