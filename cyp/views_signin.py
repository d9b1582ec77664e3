"""Sign-in pages beyond Django's username and password: forgotten passwords and single sign-on."""

from __future__ import annotations

import logging

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from cyp.oidc import SignInFailed, oidc_authorize_redirect, oidc_button_label, oidc_claims, oidc_enabled
from cyp.proxy import client_ip
from cyp.signin import (
    link_validity_words,
    password_reset_client_over_limit,
    password_reset_request,
    password_set_record,
    sso_user_for,
)

logger = logging.getLogger(__name__)

#: Where the page to go back to after single sign-on waits in the session.
SSO_NEXT_KEY = "cyp_sso_next"


class ForgottenPasswordView(auth_views.PasswordResetView):
    """Django's reset page with cyp's rules: the e-mail goes from a task after commit, every address gets
    the same answer, and one client asking for too many links is told to wait."""

    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        ip = client_ip(self.request)
        if password_reset_client_over_limit(client_ip=ip):
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        password_reset_request(email=form.cleaned_data["email"], client_ip=ip)
        return redirect(self.get_success_url())


class ForgottenPasswordSentView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "link_validity": link_validity_words()}


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The e-mailed link's page (forgotten password, or a new administrator's first password): audited."""

    def form_valid(self, form):
        response = super().form_valid(form)
        password_set_record(user=form.user, client_ip=client_ip(self.request))
        return response


def _safe_next(request, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


@require_POST
def sso_start(request):
    """The button on the sign-in page: off to the identity provider (a POST, so no page can start it)."""
    if not oidc_enabled():
        raise Http404("Single sign-on is not set up")
    request.session[SSO_NEXT_KEY] = _safe_next(request, request.POST.get("next", ""))
    try:
        return oidc_authorize_redirect(request, redirect_uri=request.build_absolute_uri(reverse("sso_callback")))
    except SignInFailed:
        logger.exception("Single sign-on could not start: the identity provider's discovery document failed")
        return _refused(
            request,
            f"cyp could not reach {oidc_button_label().removeprefix('Sign in with ')} just now. Try again in a "
            "few minutes, or sign in with your username and password.",
            status=502,
        )


@require_GET
def sso_callback(request):
    """Where the identity provider sends the person back: check its answer, match the account, sign in."""
    if not oidc_enabled():
        raise Http404("Single sign-on is not set up")
    try:
        claims = oidc_claims(request)
    except SignInFailed as error:
        logger.warning("Single sign-on answer refused: %s", error)
        return _refused(
            request,
            "The answer from your identity provider could not be checked: the sign-in may have been cancelled, "
            "taken too long, or been started in another window. Sign in again from the start.",
            status=400,
        )
    outcome = sso_user_for(claims=claims, client_ip=client_ip(request))
    if outcome.user is None:
        return _refused(request, outcome.refusal, status=403)
    next_page = request.session.pop(SSO_NEXT_KEY, "") or reverse("home")
    login(request, outcome.user, backend="cyp.backends.PasswordBackend")
    return redirect(_safe_next(request, next_page))


def _refused(request, reason: str, *, status: int):
    return render(
        request,
        "registration/sso_refused.html",
        {"reason": reason, "sso_label": oidc_button_label()},
        status=status,
    )


class SignInView(auth_views.LoginView):
    """Django's sign-in page, with the single sign-on button when it is set up."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_label"] = oidc_button_label() if oidc_enabled() else ""
        return context
