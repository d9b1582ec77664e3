"""Who may do what with minutes and the action log, as named predicates.

- The governance team (and administrators) write minutes, upload them as a paper,
  approve them as an accurate record, record actions, and approve, return or reopen
  responses.
- The body's people read its minutes and its action log: its members, the service
  leads who serve it, the governance team (``cyp.rules.can_view_body``, the one home of
  who sees a body). Other bodies' people see nothing: the pages answer 404.
- The officer responsible for an action (a person in cyp, on the staff) writes its
  responses: record, save and submit. Nobody else does, not even another service lead.
- Draft and returned responses are seen only by their officer and the governance team;
  everyone who reads the log sees the approved ones.
"""

from __future__ import annotations

import rules

from cyp.enums import ReviewState
from cyp.rules import can_view_body, is_governance_or_admin, is_staff_role


def body_of(obj):
    """The body (Committee) of a meeting's minutes, a minute, an action or a response."""
    from minutes.models import ActionResponse, MinuteAction, MinuteItem, Minutes

    if isinstance(obj, ActionResponse):
        obj = obj.action
    if isinstance(obj, MinuteAction):
        obj = obj.minute
    if isinstance(obj, MinuteItem):
        obj = obj.minutes
    if isinstance(obj, Minutes):
        obj = obj.meeting
    return getattr(obj, "committee", obj)  # a Meeting, or already a Committee


@rules.predicate
def reads_body(user, obj) -> bool:
    return obj is not None and can_view_body(user, body_of(obj))


@rules.predicate
def is_officer_of_action(user, action) -> bool:
    """The action's officer responsible, while on the staff (a member named on an old action writes nothing)."""
    return action is not None and is_staff_role(user) and action.officer_user_id == user.pk


@rules.predicate
def is_officer_of_response(user, response) -> bool:
    return response is not None and is_officer_of_action(user, response.action)


@rules.predicate
def response_is_approved(user, response) -> bool:
    return response is not None and response.state == ReviewState.APPROVED


can_read = reads_body | is_governance_or_admin

rules.add_perm("minutes.view_minutes", can_read)
rules.add_perm("minutes.change_minutes", is_governance_or_admin)
rules.add_perm("minutes.view_paper", can_read)
# The body's action log: asked with the Committee.
rules.add_perm("minutes.view_actionlog", can_read)
rules.add_perm("minutes.view_minuteaction", can_read | is_officer_of_action)
rules.add_perm("minutes.change_minuteaction", is_governance_or_admin)
rules.add_perm("minutes.view_unapproved_responses", is_governance_or_admin | is_officer_of_action)
rules.add_perm(
    "minutes.view_actionresponse",
    (can_read & response_is_approved) | is_governance_or_admin | is_officer_of_response,
)
rules.add_perm("minutes.add_actionresponse", is_officer_of_action)
# The review workflow (cyp.workflow.review_transition) asks minutes.<action>_actionresponse.
rules.add_perm("minutes.save_actionresponse", is_officer_of_response)
rules.add_perm("minutes.submit_actionresponse", is_officer_of_response)
rules.add_perm("minutes.withdraw_actionresponse", is_officer_of_response)
rules.add_perm("minutes.return_actionresponse", is_governance_or_admin)
rules.add_perm("minutes.approve_actionresponse", is_governance_or_admin)
rules.add_perm("minutes.reopen_actionresponse", is_governance_or_admin)
