"""What management commands share: the person a command acts as, so the audit log names someone."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Q

from cyp.enums import Role
from cyp.models import User


def command_user(*, username: str | None, perm: str, cannot: str, unnamed: str, only_one: bool = False) -> User:
    """The active user called ``username``; without one, the governance account (``only_one``: the
    only one, else the first). Raises CommandError with ``unnamed`` when none can be chosen, and
    with ``cannot`` (after the username) when the user lacks ``perm``.
    """
    users = User.objects.filter(is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None:
            raise CommandError(f"No active user is called '{username}'.")
    else:
        governance = list(
            users.filter(Q(role=Role.GOVERNANCE) | Q(role=Role.ADMINISTRATOR) | Q(is_superuser=True)).order_by("pk")[:2]
        )
        if not governance or (only_one and len(governance) > 1):
            raise CommandError(unnamed)
        user = governance[0]
    if not user.has_perm(perm):
        raise CommandError(f"{user.username} {cannot}")
    return user
