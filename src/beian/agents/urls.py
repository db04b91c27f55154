from django.urls import path

from beian.agents import views

app_name = "agents"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("customers/new/", views.customer_create, name="customer_create"),
    path("customers/invite/", views.customer_invite, name="customer_invite"),
    path("customers/<int:pk>/remove/", views.customer_remove, name="customer_remove"),
    path("act/", views.act, name="act"),
    path("act/stop/", views.act_stop, name="act_stop"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/accept/", views.accept, name="accept"),
    path("mine/<int:pk>/decline/", views.decline, name="decline"),
    path("mine/<int:pk>/leave/", views.leave, name="leave"),
]
