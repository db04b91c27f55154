from django.urls import path

from beian.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("sink/", views.sink, name="sink"),
    path("settings/", views.notification_settings, name="settings"),
]
