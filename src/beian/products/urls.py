from django.urls import path

from beian.products import views

app_name = "products"
urlpatterns = [
    path("instances/", views.instances, name="instances"),
    path("service-numbers/", views.service_numbers, name="service_numbers"),
    path("service-numbers/<int:pk>/revoke/", views.revoke_service_number, name="revoke_service_number"),
]
