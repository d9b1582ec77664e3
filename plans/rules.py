"""Who may do what with plans and progress, as named predicates.

- Everyone signed in with a role (service leads, governance, members,
  administrators) sees plans, actions and the SLI programme. Staff see approved
  progress as soon as it is approved; committee members see only the progress a
  published pack showed (locked by ``plans.services.progress_lock``): the rule's
  home is ``plans.selectors.progress_visible_to``. Staff also preview the report
  for the pack (it may show progress and ratings not yet published; members read
  it in the published pack).
- The responsible officer (a person in cyp) and the action's delegates write
  progress: record, save and submit.
- The governance team (and administrators) approve, return and reopen progress,
  change actions, import and export plans.
- Unapproved progress is seen only by those who write or review it.
- Nobody edits or deletes history: there is no permission for it.
"""

import rules

from cyp.enums import ReviewState
from cyp.rules import is_governance_or_admin, is_member, is_staff_role


def _writer_ids(action) -> set[int]:
    """The responsible officer and delegates, using prefetched delegates when the caller loaded them."""
    cache = getattr(action, "_prefetched_objects_cache", {})
    if "delegates" in cache:
        ids = {user.pk for user in cache["delegates"]}
    else:
        ids = set(action.delegates.values_list("pk", flat=True))
    if action.responsible_user_id is not None:
        ids.add(action.responsible_user_id)
    return ids


@rules.predicate
def writes_progress_for_action(user, action) -> bool:
    """The responsible officer or a delegate, while on the staff: someone whose role became member
    still listed on an action writes nothing and sees only published progress, as every member does."""
    if action is None or not is_staff_role(user):
        return False
    return user.pk in _writer_ids(action)


@rules.predicate
def writes_progress_for_update(user, update) -> bool:
    return update is not None and writes_progress_for_action(user, update.action)


@rules.predicate
def update_is_approved(user, update) -> bool:
    return update is not None and update.state == ReviewState.APPROVED


@rules.predicate
def update_is_published(user, update) -> bool:
    """Approved and locked by a published pack (``plans.services.progress_lock``)."""
    return update is not None and update.state == ReviewState.APPROVED and update.locked


can_view_plans = is_staff_role | is_member

rules.add_perm("plans.view_plan", can_view_plans)
rules.add_perm("plans.view_action", can_view_plans)
# The preview may show ratings of a quarter not yet published; members read the published pack.
rules.add_perm("plans.view_report", is_staff_role)
rules.add_perm("plans.view_sliprogramme", can_view_plans)
rules.add_perm("plans.view_history", is_staff_role)
# Approved progress no published pack has shown yet: staff only (plans.selectors.progress_visible_to).
rules.add_perm("plans.view_unpublished_progress", is_staff_role)
rules.add_perm("plans.view_unapproved_progress", is_governance_or_admin | writes_progress_for_action)
rules.add_perm(
    "plans.view_progressupdate",
    (is_staff_role & update_is_approved)
    | (is_member & update_is_published)
    | is_governance_or_admin
    | writes_progress_for_update,
)
rules.add_perm("plans.add_progressupdate", writes_progress_for_action)
# The review workflow (cyp.workflow.review_transition) asks plans.<action>_progressupdate.
rules.add_perm("plans.save_progressupdate", writes_progress_for_update)
rules.add_perm("plans.submit_progressupdate", writes_progress_for_update)
rules.add_perm("plans.withdraw_progressupdate", writes_progress_for_update)
rules.add_perm("plans.return_progressupdate", is_governance_or_admin)
rules.add_perm("plans.approve_progressupdate", is_governance_or_admin)
rules.add_perm("plans.reopen_progressupdate", is_governance_or_admin)
rules.add_perm("plans.change_action", is_governance_or_admin)
rules.add_perm("plans.import_plan", is_governance_or_admin)
rules.add_perm("plans.export_plan", is_governance_or_admin)
