from django.urls import path

from beian.verification import views

app_name = "verification"
urlpatterns = [
    path("<str:token>/", views.phone_page, name="phone"),
    path("<str:token>/status/", views.phone_status, name="status"),
    path("<str:token>/upload/", views.phone_upload, name="upload"),
    path("<str:token>/face/", views.phone_face, name="face"),
    path("<str:token>/manual-review/", views.phone_manual, name="manual"),
]
