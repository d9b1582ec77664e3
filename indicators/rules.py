"""Permissions on indicators, figures and quarters, as named predicates."""

import rules

from cyp.rules import is_governance_or_admin, is_member, is_staff_role


@rules.predicate
def quarter_is_published(user, quarter) -> bool:
    return quarter is not None and quarter.published_at is not None


can_view_quarter = is_staff_role | (is_member & quarter_is_published)

rules.add_perm("indicators.view_unpublished", is_staff_role)
rules.add_perm("indicators.view_quarter", can_view_quarter)
rules.add_perm("indicators.export_quarter", can_view_quarter)
rules.add_perm("indicators.view_catalogue", is_staff_role | is_member)
rules.add_perm("indicators.import_data", is_governance_or_admin)
rules.add_perm("indicators.manage_catalogue", is_governance_or_admin)
rules.add_perm("indicators.correct_figure", is_governance_or_admin)
