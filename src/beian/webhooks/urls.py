from django.urls import path

from beian.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.endpoint, name="endpoint"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/rotate/", views.rotate, name="rotate"),
    path("<int:pk>/test/", views.test, name="test"),
    path("deliveries/<int:pk>/redeliver/", views.redeliver, name="redeliver"),
]
