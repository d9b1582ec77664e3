from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cyp import views

# The project URLconf: the one module of cyp/ that names the apps, to include their pages.
# Home ("") is the indicators app's: where a person lands is the dashboard of their quarter.
urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # The one-time link of manage.py create_admin --send-link (Django's password-reset token).
    path(
        "set-password/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("set-password/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("health/", views.health, name="health"),
    path("", include("indicators.urls")),
    path("", include("commentary.urls")),
    path("", include("reports.urls")),
    path("", include("plans.urls")),
    path("", include("agendaplan.urls")),
    path("", include("minutes.urls")),
    path("", include("selfassessment.urls")),
    path("public/", include("public.urls")),
    path("admin/", admin.site.urls),
]
