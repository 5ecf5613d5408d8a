from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("compliance/", views.hub, name="hub"),
    path("compliance/absences/<int:pk>", views.absence, name="absence"),
    path("compliance/absences/<int:pk>/evidence", views.absence_evidence, name="absence-evidence"),
    path("compliance/absences/<int:pk>/attach", views.absence_attach, name="absence-attach"),
    path("compliance/breaches/<int:pk>", views.breach, name="breach"),
    path("compliance/breaches/<int:pk>/outcome", views.breach_outcome, name="breach-outcome"),
    path("compliance/breaches/<int:pk>/report.pdf", views.breach_report, name="breach-report"),
    path("compliance/letters/", views.hub_letters, name="letters"),
    path("compliance/letters/<int:pk>.pdf", views.letter_pdf, name="letter"),
    path("compliance/letters/<int:pk>/posted", views.letter_posted, name="letter-posted"),
    path("compliance/letters/<int:pk>/reprint", views.letter_reprint, name="letter-reprint"),
    path("cases/<str:crn>/compliance", views.case, name="case"),
]
