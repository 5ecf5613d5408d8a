from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("oversight/", views.hub, name="hub"),
    path("oversight/framework", views.framework, name="framework"),
    path("oversight/rounds/new", views.round_new, name="round-new"),
    path("oversight/rounds/<int:pk>", views.round_detail, name="round"),
    path("oversight/rounds/<int:pk>/results", views.results, name="results"),
    path("oversight/rounds/<int:pk>/results.csv", views.results_csv, name="results-csv"),
    path("oversight/rounds/<int:pk>/results.pdf", views.results_pdf, name="results-pdf"),
    path("oversight/rounds/<int:pk>/questions/<str:code>", views.question, name="question"),
    path("oversight/audits/<int:pk>", views.audit_case, name="audit-case"),
    path("oversight/trends", views.trends, name="trends"),
    path("oversight/coverage", views.coverage, name="coverage"),
    path("oversight/coverage/cases", views.coverage_cases, name="coverage-cases"),
    path("oversight/countersigning", views.countersigning, name="countersigning"),
    path("cases/<str:crn>/oversight", views.case, name="case"),
    path("cases/<str:crn>/oversight/reviews/<int:pk>/countersign", views.countersign_review,
         name="countersign-review"),
]
