from django.urls import path

from beian.wizard import handoff_views

app_name = "handoff"
urlpatterns = [path("<str:token>/", handoff_views.handoff_open, name="open")]
