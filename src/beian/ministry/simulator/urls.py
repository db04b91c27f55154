from django.urls import path

from beian.ministry.simulator import views

urlpatterns = [
    path("", views.index),
    path("healthz", views.healthz),
    path("api/v1/filings", views.api_submit),
    path("api/v1/filings/<str:request_id>", views.api_status),
    path("api/v1/records/lookup", views.api_claim_lookup),
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

# The platform's Chinese error pages, in the simulator's look (ERROR_PAGE_TEMPLATE).
handler400 = "beian.web.errors.bad_request"
handler403 = "beian.web.errors.permission_denied"
handler404 = "beian.web.errors.page_not_found"
handler500 = "beian.web.errors.server_error"
