from django.contrib import admin
from django.urls import include, path

from beian.api.api import api

urlpatterns = [
    path("", include("beian.web.urls")),
    path("accounts/", include("beian.accounts.urls")),
    path("orders/", include("beian.wizard.urls")),
    path("products/", include("beian.products.urls")),
    path("materials/", include("beian.documents.urls")),
    path("m/", include("beian.verification.urls")),
    path("h/", include("beian.wizard.handoff_urls")),  # 在手机上继续 (the hand-off link)
    path("review/", include("beian.review.urls")),
    path("ministry/", include("beian.ministry.urls")),
    path("notifications/", include("beian.notifications.urls")),
    path("compliance/", include("beian.compliance.urls")),
    path("agents/", include("beian.agents.urls")),
    path("webhooks/", include("beian.webhooks.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]

# Chinese error pages with a request id (beian.web.errors), never Django's English defaults.
handler400 = "beian.web.errors.bad_request"
handler403 = "beian.web.errors.permission_denied"
handler404 = "beian.web.errors.page_not_found"
handler500 = "beian.web.errors.server_error"
