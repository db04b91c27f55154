from django.urls import path

from beian.products import views

app_name = "products"
urlpatterns = [
    path("instances/", views.instances, name="instances"),
    path("service-numbers/", views.service_numbers, name="service_numbers"),
]
