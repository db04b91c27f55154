from django.urls import path

from beian.documents import views

app_name = "documents"
urlpatterns = [path("<int:pk>/template/<str:kind>.pdf", views.template_pdf, name="template")]
