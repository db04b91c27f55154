from django.urls import path

from beian.compliance import views

app_name = "compliance"
urlpatterns = [
    path("websites/<int:pk>/psb/", views.psb_view, name="psb"),
]
