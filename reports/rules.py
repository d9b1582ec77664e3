"""Permissions on meetings, agendas and packs, as named predicates.

Everyone signed in sees the meetings and their published versions. Only the
governance team (and administrators) changes meetings, sees drafts and builds,
assembles and publishes. Pages answer 404 for a draft to anyone else, so a
draft's existence does not leak.
"""

import rules

from cyp.rules import is_governance_or_admin, is_member, is_staff_role

is_signed_in = is_staff_role | is_member

rules.add_perm("reports.view_meetings", is_signed_in)
rules.add_perm("reports.view_meeting", is_signed_in)
rules.add_perm("reports.download_version", is_signed_in)
rules.add_perm("reports.manage_meeting", is_governance_or_admin)
rules.add_perm("reports.view_builds", is_governance_or_admin)
rules.add_perm("reports.view_readiness", is_governance_or_admin)
rules.add_perm("reports.view_paper", is_governance_or_admin)
rules.add_perm("reports.assemble_pack", is_governance_or_admin)
rules.add_perm("reports.publish_pack", is_governance_or_admin)
