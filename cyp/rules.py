"""Who may do what: named predicates. Views ask has_perm and never test roles inline."""

import rules

from cyp.enums import Role


def _has_role(user, role: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == role)


@rules.predicate
def is_service_lead(user) -> bool:
    return _has_role(user, Role.SERVICE_LEAD)


@rules.predicate
def is_governance(user) -> bool:
    return _has_role(user, Role.GOVERNANCE)


@rules.predicate
def is_member(user) -> bool:
    return _has_role(user, Role.MEMBER)


@rules.predicate
def is_administrator(user) -> bool:
    return _has_role(user, Role.ADMINISTRATOR) or bool(user and user.is_active and user.is_superuser)


is_staff_role = is_service_lead | is_governance | is_administrator
is_governance_or_admin = is_governance | is_administrator


def visible_body_ids(user) -> frozenset[int]:
    """The ids of the bodies ``user`` sees (``Committee.objects.visible_to``), asked once per user object.

    A request has one user object, so every check of a page shares one query.
    """
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_cyp_visible_body_ids", None)
    if cached is None:
        from cyp.models import Committee  # the models need the enums this module reads; import on use

        # The bodies themselves come in the same query, for the switcher (``cyp.bodies.bodies_visible``).
        user._cyp_visible_bodies = list(Committee.objects.visible_to(user))
        cached = frozenset(body.pk for body in user._cyp_visible_bodies)
        user._cyp_visible_body_ids = cached
    return cached


@rules.predicate
def can_view_body(user, committee) -> bool:
    """The person sees the body (committee, board or panel): its pages, meetings, plans and indicators."""
    return committee is not None and committee.pk in visible_body_ids(user)


rules.add_perm("cyp.view_body", can_view_body)
#: "Waiting for me" (cyp.queues): the staff's queue of work to act on.
rules.add_perm("cyp.view_queue", is_staff_role)
#: Search across indicators, returns, plan actions and papers (``cyp.search``): staff only, see its docstring.
rules.add_perm("cyp.search", is_staff_role)
#: The audit log page (``cyp.views_audit``): the governance team and administrators.
rules.add_perm("cyp.view_audit_log", is_governance_or_admin)
