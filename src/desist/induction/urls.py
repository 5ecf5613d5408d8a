from django.urls import path

from . import views

app_name = "induction"

C = "cases/<str:crn>/"
urlpatterns = [
    path(C + "induction/", views.induction, name="induction"),
    path(C + "induction/book", views.induction_book, name="induction-book"),
    path(C + "induction/summary.pdf", views.induction_pdf, name="induction-pdf"),
]
