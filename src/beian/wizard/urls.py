from django.urls import path

from beian.wizard import claiming, handoff_views, photo_first, steps, views

app_name = "wizard"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("new/", steps.basic, name="new"),
    path("photo/", photo_first.photo_new, name="photo_new"),
    path("claim/", claiming.claim_start, name="claim_start"),
    path("<int:pk>/claim/", claiming.claim_page, name="claim"),
    path("<int:pk>/", views.order_progress, name="progress"),
    path("<int:pk>/basic/", steps.basic, name="basic"),
    path("<int:pk>/photo/", photo_first.photo, name="photo"),
    path("<int:pk>/product/", steps.product, name="product"),
    path("<int:pk>/subject/", steps.subject, name="subject"),
    path("<int:pk>/websites/", steps.websites, name="websites"),
    path("<int:pk>/materials/", views.materials, name="materials"),
    path("<int:pk>/confirm/", steps.confirm, name="confirm"),
    path("<int:pk>/cancel/", views.order_cancel, name="cancel"),
    path("<int:pk>/handoff/", handoff_views.handoff_create, name="handoff"),
    path("<int:pk>/handoff/<int:handoff_pk>/revoke/", handoff_views.handoff_revoke, name="handoff_revoke"),
    path("<int:pk>/handoff/watch/", handoff_views.handoff_watch, name="handoff_watch"),
    path("filings/<int:filing_pk>/change/", views.start_change, name="change"),
    path("offline-deregistration/", views.offline_deregistration, name="offline"),
]
