"""Permissions on indicators, figures and quarters, as named predicates."""

import rules

from cyp.rules import can_view_body, is_governance_or_admin, is_member, is_staff_role


@rules.predicate
def quarter_is_published(user, body_quarter) -> bool:
    """``body_quarter`` (a ``cyp.bodies.BodyQuarter``): the body has published the quarter's report, and the
    person sees the body."""
    return body_quarter is not None and can_view_body(user, body_quarter.committee) and body_quarter.is_published


can_view_quarter = is_staff_role | (is_member & quarter_is_published)

rules.add_perm("indicators.view_unpublished", is_staff_role)
rules.add_perm("indicators.view_quarter", can_view_quarter)
rules.add_perm("indicators.export_quarter", can_view_quarter)
rules.add_perm("indicators.view_catalogue", is_staff_role | is_member)
rules.add_perm("indicators.import_data", is_governance_or_admin)
rules.add_perm("indicators.manage_catalogue", is_governance_or_admin)
rules.add_perm("indicators.correct_figure", is_governance_or_admin)
#: The council overview: every body's indicators at once (indicators.views_overview).
rules.add_perm("indicators.view_overview", is_governance_or_admin)
