"""Signing in without a password typed into cyp: forgotten-password links and single sign-on.

Two rules hold for both. Nobody learns from cyp whether an address has an account (the forgotten-password
page gives one answer for every address; a refused single sign-on says so only to the person the identity
provider has just vouched for). And cyp never creates an account: people, their roles and their service
areas are the governance team's, whoever checks the password.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cyp.audit import audit_record
from cyp.enums import AuditAction
from cyp.models import User

logger = logging.getLogger(__name__)

#: The window of the forgotten-password limits (CYP_PASSWORD_RESET_LIMIT, CYP_PASSWORD_RESET_IP_LIMIT).
RESET_WINDOW_SECONDS = 60 * 60


def set_password_link(user: User) -> str:
    """The address of the one-time page where ``user`` chooses a password (Django's reset token: it stops
    working once the password changes or the person signs in, and after ``PASSWORD_RESET_TIMEOUT``)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.CYP_BASE_URL.rstrip("/") + path


def link_validity_words() -> str:
    days, seconds = divmod(settings.PASSWORD_RESET_TIMEOUT, 86400)
    if days and not seconds:
        return "1 day" if days == 1 else f"{days} days"
    hours = max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600))
    return "1 hour" if hours == 1 else f"{hours} hours"


def _over_limit(key: str, limit: int) -> bool:
    """Count one more request under ``key`` in the current window; True once past ``limit``."""
    cache.add(key, 0, RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, RESET_WINDOW_SECONDS)
        count = 1
    return count > limit


def password_reset_client_over_limit(*, client_ip: str | None) -> bool:
    """Whether this client address has asked for more links this hour than CYP_PASSWORD_RESET_IP_LIMIT.
    Saying so reveals nothing about any account, so the page may tell them to wait."""
    return _over_limit(f"cyp:password-reset:ip:{client_ip or 'unknown'}", settings.CYP_PASSWORD_RESET_IP_LIMIT)


def password_reset_request(*, email: str, client_ip: str | None) -> int:
    """Someone asked for a link to choose a new password for ``email``.

    Steps: find the active accounts with that address (case-insensitive) and a password, as Django's own
    reset does (an account without one is signed in another way and asks an administrator); past
    CYP_PASSWORD_RESET_LIMIT links for the address this hour, stop; otherwise record
    ``password.reset_request`` for each account and queue the e-mail after commit. Returns how many
    e-mails were queued; the caller must not show it (the page answers the same for every address).
    """
    address = email.strip()
    if _over_limit(f"cyp:password-reset:email:{address.lower()}", settings.CYP_PASSWORD_RESET_LIMIT):
        logger.warning("Forgotten-password links for one address over the hourly limit; none sent")
        return 0
    users = list(PasswordResetForm().get_users(address))
    if not users:
        logger.info("Forgotten-password link asked for an address with no account; none sent")
        return 0
    from cyp.tasks import password_reset_send_task

    with transaction.atomic():
        for user in users:
            audit_record(
                action=AuditAction.PASSWORD_RESET_REQUEST,
                target=user,
                comment=f"Link e-mailed to the account's address (asked from {client_ip or 'an unknown address'})",
            )
            transaction.on_commit(lambda user_id=user.pk: password_reset_send_task.delay(user_id=user_id))
    return len(users)


def password_reset_send(*, user_id: int) -> bool:
    """E-mail the person a fresh link to choose a password; nothing when the account is gone, inactive or
    without an address. The link is made here, so a task that runs late still sends a working one."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    send_mail(
        subject="Choose a new cyp password",
        message=(
            f"Someone asked to reset the password of the cyp account {user.username}.\n\n"
            f"Choose a new password here (the link works once, for {link_validity_words()}):\n\n"
            f"{set_password_link(user)}\n\n"
            "If it was not you, you can ignore this e-mail: your password stays as it is. "
            "Tell the governance team if it keeps happening."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    return True


def password_set_record(*, user: User, client_ip: str | None) -> None:
    """Audit a password chosen through an e-mailed link (forgotten password or a new administrator's)."""
    audit_record(
        action=AuditAction.PASSWORD_SET,
        target=user,
        actor=user,
        comment=f"From {client_ip or 'an unknown address'}",
    )


@dataclass(frozen=True)
class SsoOutcome:
    """Who single sign-on signs in, or why nobody: ``refusal`` is a sentence for the person."""

    user: User | None
    refusal: str = ""


def sso_user_for(*, claims: dict, client_ip: str | None) -> SsoOutcome:
    """The cyp account the identity provider's ``claims`` belong to, matched by e-mail, never created.

    Steps: read the address from CYP_OIDC_EMAIL_CLAIM; with CYP_OIDC_REQUIRE_VERIFIED_EMAIL, refuse one
    the provider has not verified; find exactly one account with it (case-insensitive), refusing none,
    several, or an inactive one. Records ``signin.sso`` or, for an account found but refused,
    ``signin.sso_refuse``. Roles and service areas are never read from the claims.
    """
    ask = "Ask the governance team to add this address to your cyp account, then sign in again."
    address = claims.get(settings.CYP_OIDC_EMAIL_CLAIM)
    if not isinstance(address, str) or "@" not in address:
        logger.warning("Single sign-on refused: no e-mail address in the %r claim", settings.CYP_OIDC_EMAIL_CLAIM)
        return SsoOutcome(None, "Your identity provider did not tell cyp your e-mail address. " + ask)
    address = address.strip()
    if settings.CYP_OIDC_REQUIRE_VERIFIED_EMAIL and claims.get("email_verified") is not True:
        logger.warning("Single sign-on refused: the provider has not verified the e-mail address")
        return SsoOutcome(
            None,
            f"Your identity provider has not verified the address {address}, so cyp cannot match it to an "
            "account. Verify it with your IT team, then sign in again.",
        )
    users = list(User.objects.filter(email__iexact=address)[:2])
    if not users:
        logger.warning("Single sign-on refused: no account has the address")
        return SsoOutcome(None, f"No cyp account has the address {address}. " + ask)
    if len(users) > 1:
        logger.warning("Single sign-on refused: more than one account has the address")
        return SsoOutcome(
            None,
            f"More than one cyp account has the address {address}, so cyp cannot tell which is yours. "
            "Ask the governance team to give each account its own address.",
        )
    user = users[0]
    if not user.is_active:
        audit_record(
            action=AuditAction.SIGNIN_SSO_REFUSE,
            target=user,
            comment=f"The account is inactive (from {client_ip or 'an unknown address'})",
        )
        return SsoOutcome(
            None, "Your cyp account is switched off. Ask the governance team if you should still have access."
        )
    audit_record(
        action=AuditAction.SIGNIN_SSO,
        target=user,
        actor=user,
        comment=f"Through {settings.CYP_OIDC_PROVIDER_NAME} (from {client_ip or 'an unknown address'})",
    )
    return SsoOutcome(user)
