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
