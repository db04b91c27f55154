from django.urls import path

from beian.ministry import views

app_name = "ministry"
urlpatterns = [
    path("callback/results", views.results_callback, name="results-callback"),
]
