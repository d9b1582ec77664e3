from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cyp import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", views.health, name="health"),
    path("", include("indicators.urls")),
    path("", include("commentary.urls")),
    path("", include("reports.urls")),
    path("", include("plans.urls")),
    path("admin/", admin.site.urls),
]
