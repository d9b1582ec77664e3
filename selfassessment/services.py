"""Writes: sections through the review workflow, evidence, sign-off, publication, next year's document.

Sections move only through ``cyp.workflow.review_transition`` (audit prefix ``sa_section``), so
they have the same states, permissions, compare-and-set and audit history as quarterly returns
and plan progress. Areas for improvement become plan actions in ``selfassessment.actions``.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from cyp.audit import audit_record, changes_between
from cyp.enums import AuditAction, NotificationKind, ReviewAction, ReviewState
from cyp.limits import text_limits_check
from cyp.notifications import notification_send, task_queue
from cyp.text import text_clean
from cyp.workflow import TransitionError, review_lock, review_transition
from reports.services import files
from reports.services.meetings import paper_check
from selfassessment.enums import DocumentStatus, Grade
from selfassessment.models import (
    Block,
    EvidenceFile,
    Section,
    SelfAssessment,
    SelfAssessmentVersion,
)
from selfassessment.rules import is_director

AUDIT_PREFIX = "sa_section"
BLOCK_FIELDS = ("summary", "evidence", "grade")
EVIDENCE_DIR = "selfassessment"


# --- Sections -------------------------------------------------------------------------------------


def _not_draft(section: Section) -> None:
    if not section.document.is_draft:
        raise TransitionError(
            f"The {section.document} has been signed off: its sections can no longer change. "
            "Start next year's document to write again."
        )


def _block_content(block: Block, values: dict) -> dict:
    content = {
        "summary": text_clean(values.get("summary", "")).strip(),
        "evidence": text_clean(values.get("evidence", "")).strip(),
        "grade": values.get("grade", "") or "",
    }
    if content["grade"] and content["grade"] not in Grade.values:
        raise ValidationError({"grade": f"Choose a grade: {', '.join(Grade.labels)}, or none."})
    text_limits_check(model=Block, values={"summary": content["summary"], "evidence": content["evidence"]})
    return content


def _block_links(section: Section, values: dict) -> dict[str, list]:
    """The indicators and plan actions a box links to, refused when they are not the document's body's."""
    links = {}
    body = section.document.committee_id
    if "indicators" in values:
        foreign = [i for i in values["indicators"] if i.committee_id != body]
        if foreign:
            raise ValidationError({"indicators": f"Indicator {foreign[0].number} is not one of this body's."})
        links["indicators"] = list(values["indicators"])
    if "plan_actions" in values:
        foreign = [a for a in values["plan_actions"] if a.plan.committee_id != body]
        if foreign:
            raise ValidationError({"plan_actions": f"{foreign[0]} is not in one of this body's plans."})
        links["plan_actions"] = list(values["plan_actions"])
    return links


def section_save(
    *, section: Section, by, blocks: dict[int, dict], expected_version: int | None = None, submit: bool = False
) -> Section:
    """Save the section's boxes (summary, evidence, grade) and submit it if asked.

    ``blocks`` maps a block id of the section to its new values (summary, evidence, grade, and optionally
    the ``indicators`` and ``plan_actions`` it links to, of the document's body). Side effects: the Block rows,
    audit ``sa_section.save`` with the fields changed (per box) and ``sa_section.submit``; after
    commit, governance is told of a submission. Raises PermissionDenied, ValidationError,
    TransitionError or ConcurrentChange (someone saved first: nothing is written).
    """
    _not_draft(section)
    own = {block.pk: block for block in section.blocks.all()}
    unknown = set(blocks) - set(own)
    if unknown:
        raise ValidationError(f"Box {sorted(unknown)[0]} is not part of section {section.number}.")
    contents = {pk: _block_content(own[pk], values) for pk, values in blocks.items()}
    links = {pk: _block_links(section, values) for pk, values in blocks.items()}
    changes: dict[str, list] = {}
    for pk, content in contents.items():
        before = {field: getattr(own[pk], field) for field in BLOCK_FIELDS}
        position = own[pk].position + 1
        for field, pair in changes_between(before, content).items():
            changes[f"box {position} {field}"] = pair
        for field, chosen in links[pk].items():
            old = sorted(str(obj) for obj in getattr(own[pk], field).all())
            new = sorted(str(obj) for obj in chosen)
            if old != new:
                changes[f"box {position} {field.replace('_', ' ')}"] = [old, new]
    with transaction.atomic():
        section = review_transition(
            obj=section,
            action=ReviewAction.SAVE,
            by=by,
            audit_prefix=AUDIT_PREFIX,
            expected_version=expected_version,
            changes=changes,
        )
        for pk, content in contents.items():
            Block.objects.filter(pk=pk, section=section).update(**content)
            for field, chosen in links[pk].items():
                getattr(own[pk], field).set(chosen)
        if submit:
            section = section_submit(section=section, by=by)
    return section


def section_submit(*, section: Section, by, expected_version: int | None = None) -> Section:
    """Send a draft or returned section to the governance team.

    Refused while a box has no summary. Side effects: audit ``sa_section.submit``; after commit, a
    notification to the governance team."""
    _not_draft(section)
    # Read the boxes afresh: a save in the same request has just changed them.
    boxes = Block.objects.filter(section=section).order_by("position", "id")
    empty = [str(block.position + 1) for block in boxes if not block.summary.strip()]
    if empty:
        raise ValidationError(
            {"summary": f"Write the summary of box {', '.join(empty)} before submitting section {section.number}."}
        )
    return review_transition(
        obj=section,
        action=ReviewAction.SUBMIT,
        by=by,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
        after_commit=_notify_after_commit(section, event="submitted", comment=""),
    )


def section_withdraw(*, section: Section, by, expected_version: int | None = None) -> Section:
    """Take a submitted section back before anyone has reviewed it, to change it: it becomes a draft again.

    Refused once it is returned, approved or locked (the MOVES table). Side effect: audit
    ``sa_section.withdraw``."""
    _not_draft(section)
    return review_transition(
        obj=section,
        action=ReviewAction.WITHDRAW,
        by=by,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
    )


def section_review(
    *, section: Section, action: ReviewAction | str, by, comment: str = "", expected_version: int | None = None
) -> Section:
    """Return (with a comment), approve or reopen (with a comment) a section: the governance team.

    Side effects: audit ``sa_section.<action>`` with the comment; after commit, a notification to
    the section's author."""
    action = ReviewAction(action)
    if action not in (ReviewAction.RETURN, ReviewAction.APPROVE, ReviewAction.REOPEN):
        raise ValueError(f"{action} is not a review decision")
    _not_draft(section)
    event = {ReviewAction.RETURN: "returned", ReviewAction.APPROVE: "approved", ReviewAction.REOPEN: "reopened"}[action]
    return review_transition(
        obj=section,
        action=action,
        by=by,
        comment=comment,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
        after_commit=_notify_after_commit(section, event=event, comment=comment),
    )


def section_assign(*, section: Section, author, by) -> Section:
    """Give the section to a service lead to write. Side effect: audit ``sa_section.assign``."""
    if not by.has_perm("selfassessment.assign_section", section):
        raise PermissionDenied("Only the governance team assigns sections, while the document is being written.")
    if author is not None and not author.has_perm("selfassessment.view_draft", section.document):
        raise ValidationError({"author": f"{author} cannot read this document: choose a member of staff of its body."})
    old = section.author
    if (old.pk if old else None) == (author.pk if author else None):
        return section
    with transaction.atomic():
        Section.objects.filter(pk=section.pk).update(author=author, version=F("version") + 1)
        section.refresh_from_db()
        audit_record(
            action=AuditAction.SA_SECTION_ASSIGN,
            target=section,
            actor=by,
            changes={"author": [str(old) if old else None, str(author) if author else None]},
        )
    return section


#: What the people concerned are told: event -> notification kind.
SECTION_EVENTS = {
    "submitted": NotificationKind.SA_SECTION_SUBMITTED,
    "returned": NotificationKind.SA_SECTION_RETURNED,
    "approved": NotificationKind.SA_SECTION_APPROVED,
    "reopened": NotificationKind.SA_SECTION_REOPENED,
}


def _notify_after_commit(section: Section, *, event: str, comment: str):
    return task_queue("selfassessment.tasks.section_notify_task", section_id=section.pk, event=event, comment=comment)


def section_notify(*, section_id: int, event: str, comment: str) -> int:
    """Tell the author of a decision on their section, or the governance team of a submission.

    Runs in ``selfassessment.tasks.section_notify_task``; idempotent (the key names the section, its
    version and the event). Returns how many were sent. Side effects: notifications and e-mails.
    """
    from cyp.enums import Role
    from cyp.models import User

    section = Section.objects.select_related("document", "template_section", "author").filter(pk=section_id).first()
    if section is None:
        return 0
    if event == "submitted":
        recipients = list(User.objects.filter(role=Role.GOVERNANCE, is_active=True))
    else:
        recipients = [section.author] if section.author is not None and section.author.is_active else []
    subject = f"Self-assessment section {section.number} {event}"
    body = f"{section.document}, section {section.number} ({section.title}) was {event}."
    if comment.strip():
        body += f"\n\nComment: {comment.strip()}"
    url = reverse("selfassessment:section", kwargs={"document_id": section.document_id, "number": section.number})
    return sum(
        notification_send(
            recipient=person,
            kind=SECTION_EVENTS[event],
            subject=subject,
            body=body,
            url=url,
            dedupe_key=f"sa_section:{section.pk}:v{section.version}:{event}",
        )
        for person in recipients
    )


# --- Evidence -------------------------------------------------------------------------------------


def evidence_upload(*, block: Block, by, title: str, name: str, data: bytes) -> EvidenceFile:
    """Check an uploaded document as a pack paper is checked (PDF, size, not encrypted, cleaned of scripts:
    ``reports.services.meetings.paper_check``) and keep it under MEDIA_ROOT/selfassessment.

    Side effects: the file, an EvidenceFile row, audit ``sa_evidence.upload``.
    """
    section = block.section
    if not by.has_perm("selfassessment.upload_evidence", section):
        raise PermissionDenied("Only the section's author uploads its evidence, while the document is being written.")
    title = text_clean(title).strip() or name
    checked = paper_check(name=name, data=data)
    relative = f"{EVIDENCE_DIR}/document-{section.document_id}/block-{block.pk}-{uuid.uuid4().hex[:12]}.pdf"
    files.write_atomic(relative, checked.data)
    with transaction.atomic():
        evidence = EvidenceFile.objects.create(
            block=block, title=title[:300], path=relative, sha256=checked.sha256, pages=checked.pages, uploaded_by=by
        )
        audit_record(
            action=AuditAction.SA_EVIDENCE_UPLOAD,
            target=section,
            actor=by,
            changes={"evidence": [None, title], "sha256": [None, checked.sha256]},
            comment=name,
        )
    return evidence


# --- Sign-off and publication ---------------------------------------------------------------------


def document_sign_off(*, document: SelfAssessment, by, comment: str = "") -> SelfAssessment:
    """The director signs the document off.

    1. checks permission (``selfassessment.signoff_selfassessment``: the director, of the body, on a draft;
       a superuser's blanket permissions do not make them the director);
    2. refuses while any section is not approved, naming them;
    3. moves the document from draft to signed off with a compare-and-set;
    4. locks every section (``cyp.workflow.review_lock``), so nothing changes after the signature;
    5. records ``self_assessment.sign_off``.
    """
    # A superuser has every permission; the director's signature is that person's own (selfassessment.rules).
    if not (is_director(by) and by.has_perm("selfassessment.signoff_selfassessment", document)):
        raise PermissionDenied("Only the director signs off the self-assessment, while it is being written.")
    waiting = [
        f"{section.number} ({section.get_state_display().lower()})"
        for section in document.sections.select_related("template_section").exclude(state=ReviewState.APPROVED)
    ]
    if waiting:
        raise ValidationError(
            f"Every section must be approved before sign-off. Not yet approved: {', '.join(waiting)}."
        )
    with transaction.atomic():
        now = timezone.now()
        moved = SelfAssessment.objects.filter(pk=document.pk, status=DocumentStatus.DRAFT).update(
            status=DocumentStatus.SIGNED_OFF, signed_off_at=now, signed_off_by=by
        )
        if moved == 0:
            raise TransitionError("Someone else has just signed off or changed this document: reload the page.")
        review_lock(
            queryset=Section.objects.filter(document=document),
            by=by,
            audit_action=AuditAction.SA_SECTION_LOCK,
            comment="Locked by the director's sign-off",
        )
        document.refresh_from_db()
        audit_record(
            action=AuditAction.SA_SIGN_OFF,
            target=document,
            actor=by,
            changes={"status": [DocumentStatus.DRAFT.value, DocumentStatus.SIGNED_OFF.value]},
            comment=comment,
        )
    return document


def document_publish(*, document: SelfAssessment, by) -> SelfAssessmentVersion:
    """Freeze the signed-off document as its next version: DOCX, PDF and HTML written once, read-only,
    with the SHA-256 of the DOCX (the form the region receives) and of the PDF.

    Side effects: three files under MEDIA_ROOT/selfassessment, a SelfAssessmentVersion row, the
    document's status "published", audit ``self_assessment.publish``.
    """
    from selfassessment.render import document_docx, document_html, document_pdf
    from selfassessment.selectors import document_outline

    if not by.has_perm("selfassessment.publish_selfassessment", document):
        raise PermissionDenied("Only the governance team publishes the self-assessment.")
    if document.status == DocumentStatus.DRAFT:
        raise ValidationError("The director has not signed this self-assessment off yet: it cannot be published.")
    outline = document_outline(document=document, user=None)
    docx, pdf, html = document_docx(outline), document_pdf(outline), document_html(outline).encode("utf-8")
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=document.pk)
        number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        folder = f"{EVIDENCE_DIR}/document-{document.pk}/v{number}-{uuid.uuid4().hex[:12]}"
        slug = f"self-assessment-{document.year.label.replace('/', '-')}"
        version = SelfAssessmentVersion.objects.create(
            document=document,
            number=number,
            docx_path=files.write_once(f"{folder}/{slug}.docx", docx),
            pdf_path=files.write_once(f"{folder}/{slug}.pdf", pdf),
            html_path=files.write_once(f"{folder}/{slug}.html", html),
            sha256=files.sha256_of(docx),
            pdf_sha256=files.sha256_of(pdf),
            published_by=by,
        )
        old_status = locked.status
        SelfAssessment.objects.filter(pk=document.pk).update(status=DocumentStatus.PUBLISHED)
        document.refresh_from_db()
        audit_record(
            action=AuditAction.SA_PUBLISH,
            target=document,
            actor=by,
            changes={"status": [old_status, DocumentStatus.PUBLISHED.value], "version": [None, number]},
            comment=f"SHA-256 {version.sha256}",
        )
    return version
