"""Who may do what with quarterly returns, as named predicates.

- Service leads draft (save) and submit the returns of the service areas they
  lead, and of indicators they own.
- The governance team returns, approves, reopens and shares returns, opens a
  quarter and reads the board. Administrators may do what governance does (an
  administrator who is a Django superuser passes every permission check anyway).
- A lead sees the returns they are responsible for, returns the governance team
  has shared, and approved returns; never another area's draft unless shared.
- Members never see returns: they read the published pack.

Views answer 404, not 403, for a return the user may not see, so that its
existence does not leak.
"""

import rules

from cyp.enums import ReviewState
from cyp.rules import is_governance_or_admin, is_service_lead, is_staff_role


def lead_area_ids(user) -> frozenset[int]:
    """The service areas a user leads, read once per user object (a board checks many returns)."""
    cached = getattr(user, "_cyp_lead_area_ids", None)
    if cached is None:
        cached = frozenset(user.service_areas.values_list("id", flat=True)) if user.is_authenticated else frozenset()
        user._cyp_lead_area_ids = cached
    return cached


@rules.predicate
def is_responsible_for_return(user, ret) -> bool:
    """The user leads the return's service area, or owns its indicator."""
    if ret is None:
        return False
    indicator = ret.indicator
    return indicator.service_area_id in lead_area_ids(user) or (
        indicator.owner_id is not None and indicator.owner_id == user.pk
    )


@rules.predicate
def return_is_shared(user, ret) -> bool:
    return ret is not None and ret.shared


@rules.predicate
def return_is_approved(user, ret) -> bool:
    return ret is not None and ret.state == ReviewState.APPROVED


is_returns_lead = is_service_lead & is_responsible_for_return

can_view_return = is_governance_or_admin | (
    is_service_lead & (is_responsible_for_return | return_is_shared | return_is_approved)
)

rules.add_perm("commentary.view_return", can_view_return)
rules.add_perm("commentary.save_return", is_returns_lead)
rules.add_perm("commentary.submit_return", is_returns_lead)
# Taking a submission back before review: whoever could submit it (the MOVES table allows it only while submitted).
rules.add_perm("commentary.withdraw_return", is_returns_lead)
rules.add_perm("commentary.return_return", is_governance_or_admin)
rules.add_perm("commentary.approve_return", is_governance_or_admin)
rules.add_perm("commentary.reopen_return", is_governance_or_admin)
rules.add_perm("commentary.share_return", is_governance_or_admin)
rules.add_perm("commentary.view_board", is_governance_or_admin)
rules.add_perm("commentary.open_quarter", is_governance_or_admin)
rules.add_perm("commentary.view_own_returns", is_service_lead)
#: The return events on an indicator's timeline (each return is still checked with view_return).
rules.add_perm("commentary.view_timeline", is_staff_role)
