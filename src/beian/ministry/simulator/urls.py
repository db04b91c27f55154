from django.urls import path

from beian.ministry.simulator import views

urlpatterns = [
    path("", views.index),
    path("healthz", views.healthz),
    path("api/v1/filings", views.api_submit),
    path("api/v1/filings/<str:request_id>", views.api_status),
    path("api/v1/results", views.api_results),
    path("api/v1/callback", views.api_callback),
    path("sms/", views.sms_page),
    path("sms/outbox/", views.sms_outbox),
    path("query/", views.query),
    path("query/api", views.query),
    path("query/api/provider-check", views.provider_check),
    path("bureau/login/", views.bureau_login),
    path("bureau/", views.bureau),
    path("bureau/<int:pk>/decide", views.bureau_decide),
]
