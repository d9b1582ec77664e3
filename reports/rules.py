"""Permissions on meetings, agendas and packs, as named predicates.

Everyone signed in sees the meetings and their published versions. Only the
governance team (and administrators) changes meetings, sees drafts and builds,
assembles and publishes. Pages answer 404 for a draft to anyone else, so a
draft's existence does not leak.

An exempt (Part 2) item's title, cover sheet, paper, file name and pages are for the
people of its meeting's body only: governance, the body's members and its service leads
(``cyp.rules.can_view_body``). To anyone else the item answers 404, and the pack they
read is the public one (``reports.selectors.pack_format_for``).
"""

import rules

from cyp.rules import can_view_body, is_governance_or_admin, is_member, is_staff_role

is_signed_in = is_staff_role | is_member


def _meeting_of(obj):
    return getattr(obj, "meeting", obj)


@rules.predicate
def is_of_body(user, obj) -> bool:
    """The person is of the body of the meeting (or of the agenda item's meeting)."""
    return obj is not None and bool(can_view_body(user, _meeting_of(obj).committee))


@rules.predicate
def is_public_item(user, item) -> bool:
    return item is not None and not item.is_exempt


#: Sees an item: a public item, or an exempt one being of its body.
can_view_item = is_public_item | (is_signed_in & is_of_body)

#: Members' files and exempt items of a meeting's agenda.
rules.add_perm("reports.view_exempt", is_signed_in & is_of_body)
#: One agenda item (its page, title, cover sheet and paper).
rules.add_perm("reports.view_item", can_view_item)

rules.add_perm("reports.view_meetings", is_signed_in)
rules.add_perm("reports.view_meeting", is_signed_in)
rules.add_perm("reports.download_version", is_signed_in)
rules.add_perm("reports.manage_meeting", is_governance_or_admin)
rules.add_perm("reports.view_builds", is_governance_or_admin)
rules.add_perm("reports.view_readiness", is_governance_or_admin)
rules.add_perm("reports.view_paper", is_governance_or_admin)
#: An uploaded paper's file: the governance team, and for an exempt item only if they are of its body.
rules.add_perm("reports.view_item_paper", is_governance_or_admin & can_view_item)
rules.add_perm("reports.assemble_pack", is_governance_or_admin)
rules.add_perm("reports.publish_pack", is_governance_or_admin)
