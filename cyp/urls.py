from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cyp import views, views_audit, views_queues, views_search, views_signin

# The project URLconf: the one module of cyp/ that names the apps, to include their pages.
# Home ("") is the indicators app's: where a person lands is the dashboard of their quarter.
urlpatterns = [
    path("sign-in/", views_signin.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-in/forgotten-password/", views_signin.ForgottenPasswordView.as_view(), name="password_reset"),
    path(
        "sign-in/forgotten-password/sent/", views_signin.ForgottenPasswordSentView.as_view(), name="password_reset_done"
    ),
    path("sign-in/sso/", views_signin.sso_start, name="sso_start"),
    path("sign-in/sso/callback/", views_signin.sso_callback, name="sso_callback"),
    # The one-time link of a forgotten password and of manage.py create_admin --send-link (Django's reset token).
    path("set-password/<uidb64>/<token>/", views_signin.SetPasswordView.as_view(), name="password_reset_confirm"),
    path("set-password/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("search/", views_search.search, name="search"),
    path("audit/", views_audit.audit_log, name="audit_log"),
    path("audit/export.csv", views_audit.audit_log_export, {"file_format": "csv"}, name="audit_log_csv"),
    path("audit/export.xlsx", views_audit.audit_log_export, {"file_format": "xlsx"}, name="audit_log_xlsx"),
    path("waiting/", views_queues.waiting_for_me, name="waiting_for_me"),
    path("waiting/count/", views_queues.waiting_count, name="waiting_count"),
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
