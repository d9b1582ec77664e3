"""Who may do what with the self-assessment, as named predicates.

- Staff (service leads, governance, administrators) of the document's body read every draft;
  committee members of the body read only published versions.
- A section is written (saved, submitted, evidence uploaded) by its author, the service lead it
  is assigned to, while the document is being written.
- The governance team (and administrators) set up the document: assign sections, edit Parts A
  and B, start next year's document, turn an area for improvement into a plan action; they
  return, approve and reopen sections; they publish a signed-off document.
- The director signs the document off. The director is a person, not a team, so sign-off is a
  permission granted to that person's account ("Sign off the self-assessment as director",
  in the admin), on top of a staff role; a superuser's blanket permissions do not count, so the
  administrator who grants it cannot sign off by being an administrator.
- Everything is scoped to the document's body: a person who does not see the body
  (``cyp.rules.visible_body_ids``) may do nothing with its self-assessment, and its pages are
  404 to them.
"""

import rules
from django.contrib.auth.models import Permission
from django.db.models import Q

from cyp.rules import is_governance_or_admin, is_member, is_staff_role, visible_body_ids
from selfassessment.enums import DocumentStatus

SIGN_OFF_CODENAME = "sign_off_selfassessment"


def _document_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "template_id") and hasattr(obj, "year_id"):
        return obj
    if hasattr(obj, "document"):
        return obj.document
    return None


@rules.predicate
def serves_body(user, obj) -> bool:
    """The object's document belongs to a body the person sees (``cyp.rules.visible_body_ids``)."""
    document = _document_of(obj)
    return document is not None and document.committee_id in visible_body_ids(user)


@rules.predicate
def is_director(user) -> bool:
    """Holds the sign-off permission on their own account or through a group (not as a superuser)."""
    if not is_staff_role(user):
        return False
    cached = getattr(user, "_sa_is_director", None)
    if cached is None:
        cached = Permission.objects.filter(
            Q(user=user) | Q(group__user=user), codename=SIGN_OFF_CODENAME, content_type__app_label="selfassessment"
        ).exists()
        user._sa_is_director = cached
    return cached


@rules.predicate
def document_is_published(user, obj) -> bool:
    document = _document_of(obj)
    return document is not None and document.status == DocumentStatus.PUBLISHED


@rules.predicate
def document_is_draft(user, obj) -> bool:
    document = _document_of(obj)
    return document is not None and document.status == DocumentStatus.DRAFT


@rules.predicate
def writes_section(user, section) -> bool:
    return section is not None and is_staff_role(user) and section.author_id == user.pk


staff_of_body = is_staff_role & serves_body
governance_of_body = is_governance_or_admin & serves_body

rules.add_perm("selfassessment.view_list", is_staff_role | is_member)
rules.add_perm("selfassessment.view_selfassessment", staff_of_body | (is_member & serves_body & document_is_published))
rules.add_perm("selfassessment.view_draft", staff_of_body)
rules.add_perm("selfassessment.view_history", staff_of_body)
rules.add_perm("selfassessment.change_selfassessment", governance_of_body & document_is_draft)
rules.add_perm("selfassessment.start_next", governance_of_body)
rules.add_perm("selfassessment.create_action", governance_of_body)
rules.add_perm("selfassessment.signoff_selfassessment", is_director & serves_body & document_is_draft)
rules.add_perm("selfassessment.publish_selfassessment", governance_of_body)
# The review workflow (cyp.workflow.review_transition) asks selfassessment.<action>_section.
rules.add_perm("selfassessment.save_section", writes_section & serves_body & document_is_draft)
rules.add_perm("selfassessment.submit_section", writes_section & serves_body & document_is_draft)
rules.add_perm("selfassessment.withdraw_section", writes_section & serves_body & document_is_draft)
rules.add_perm("selfassessment.return_section", governance_of_body & document_is_draft)
rules.add_perm("selfassessment.approve_section", governance_of_body & document_is_draft)
rules.add_perm("selfassessment.reopen_section", governance_of_body & document_is_draft)
rules.add_perm("selfassessment.assign_section", governance_of_body & document_is_draft)
rules.add_perm("selfassessment.upload_evidence", writes_section & serves_body & document_is_draft)
