from django.urls import path

from beian.review import views

app_name = "review"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("<int:pk>/", views.order_view, name="order"),
    path("<int:pk>/claim/", views.claim_view, name="claim"),
    path("<int:pk>/field/", views.field_view, name="field"),
    path("<int:pk>/supplement/", views.supplement_view, name="supplement"),
    path("<int:pk>/approve/", views.approve_view, name="approve"),
    path("<int:pk>/call/", views.call_view, name="call"),
    path("material/<int:pk>/", views.material_image, name="material"),
    path("<int:pk>/manual-review/", views.manual_review_view, name="manual_review"),
    path("face/<int:pk>/<int:index>/", views.face_frame, name="face_frame"),
]
