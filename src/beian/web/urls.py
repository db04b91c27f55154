from django.urls import path

from beian.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("precheck/", views.precheck_page, name="precheck"),
]
