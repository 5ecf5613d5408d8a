from django.urls import path

from . import views

app_name = "allocation"

urlpatterns = [
    path("hub/intake/", views.intake, name="intake"),
    path("hub/intake/<str:crn>", views.intake_case, name="intake-case"),
    path("hub/intake/<str:crn>/address", views.intake_address, name="intake-address"),
    path("hub/intake/<str:crn>/release", views.intake_release, name="intake-release"),
    path("allocation/", views.queue, name="queue"),
    path("cases/<str:crn>/band", views.banding, name="banding"),
    path("cases/<str:crn>/assignment", views.assign, name="assign"),
    path("cases/<str:crn>/risk-escalation", views.escalation, name="escalation"),
    path("workload/", views.workload_view, name="workload"),
    path("workload/officers/<int:pk>", views.workload_officer, name="workload-officer"),
    path("workload/weightings", views.weightings, name="weightings"),
    path("workload/officers/<int:pk>/capacity", views.capacity, name="capacity"),
    path("workload/officers/<int:pk>/hours", views.capacity_hours, name="capacity-hours"),
    path("workload/officers/<int:pk>/reductions", views.capacity_reduction_add,
         name="capacity-reduction-add"),
    path("workload/officers/<int:pk>/reductions/<int:rid>/end", views.capacity_reduction_end,
         name="capacity-reduction-end"),
    path("workload/officers/<int:pk>/reductions/<int:rid>/withdraw",
         views.capacity_reduction_withdraw, name="capacity-reduction-withdraw"),
]
