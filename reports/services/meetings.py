"""Writes for meetings, agenda items and uploaded papers."""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cyp.audit import audit_record, changes_between
from cyp.enums import AuditAction
from reports.models import ITEM_FIELDS, AgendaItem, Meeting
from reports.render.pdf_sanitise import reader_sanitise


def paper_max_bytes() -> int:
    """The largest paper accepted: ``CYP_PAPER_MAX_MB`` megabytes (50 unless set)."""
    return settings.CYP_PAPER_MAX_MB * 1024 * 1024


def paper_too_large(*, name: str, size: int) -> str | None:
    limit = paper_max_bytes()
    if size <= limit:
        return None
    return (
        f"“{name}” is {size / 1024 / 1024:.1f} MB: a paper can be at most {limit // 1024 // 1024} MB. "
        "Reduce the images' resolution and save it again."
    )


@dataclass(frozen=True)
class PaperCheck:
    pages: int
    sha256: str
    data: bytes
    tagged: bool = True  # the paper carries a structure tree for screen readers (``paper_tagged``)


#: What to do about a paper without tags (readiness shows it as a warning, naming the paper).
UNTAGGED_FIX = (
    "Ask the author to export it from Word with 'Document structure tags for accessibility' ticked, "
    "then upload it again."
)


def paper_tagged(reader: PdfReader) -> bool:
    """Whether a paper is a tagged PDF: marked (/MarkInfo /Marked true) with a structure tree. The pack keeps
    a tagged paper's tags when it merges it; an untagged paper's pages cannot be read in order by a screen
    reader."""
    root = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo")
    marked = bool(mark_info and mark_info.get_object().get("/Marked", False))
    return marked and "/StructTreeRoot" in root


def paper_untagged_message(*, number, title: str, name: str) -> str:
    """ "Item 7 (Finance monitoring): the uploaded paper “finance.pdf” is not tagged for screen readers. Ask …" """
    return (
        f"Item {number} ({title}): the uploaded paper “{name}” is not tagged for screen readers, so the pack "
        f"cannot be fully accessible. {UNTAGGED_FIX}"
    )


def paper_file_tagged(path) -> bool | None:
    """``paper_tagged`` of a stored paper; None when the file cannot be read (the build names that)."""
    try:
        return paper_tagged(PdfReader(path, strict=False))
    except (OSError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None


def paper_check(*, name: str, data: bytes) -> PaperCheck:
    """Refuse a file the pack could not merge: too large, not a PDF, encrypted, or unreadable.

    Reads the whole document with pypdf and writes its pages again in memory, without
    JavaScript, launch actions, embedded files or form scripts
    (``reports.render.pdf_sanitise``): ``data`` is that cleaned paper, the one to store,
    and ``sha256`` is its hash. Raises ValidationError naming the file and the fix.
    """
    too_large = paper_too_large(name=name, size=len(data))
    if too_large:
        raise ValidationError(too_large)
    if not data.lstrip()[:5] == b"%PDF-":
        raise ValidationError(f"“{name}” is not a PDF: save or export the paper as PDF and upload that file.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                f"“{name}” is encrypted (password-protected or restricted): save a copy without a password "
                "or restrictions and upload that."
            )
        pages = len(reader.pages)
        if pages == 0:
            raise ValidationError(f"“{name}” has no pages: upload the complete paper.")
        cleaned = reader_sanitise(reader)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise ValidationError(
            f"“{name}” cannot be read as a PDF ({exc.__class__.__name__}): it may be damaged or incomplete. "
            "Open it, save it as PDF again and upload the new file."
        ) from None
    return PaperCheck(
        pages=pages, sha256=hashlib.sha256(cleaned).hexdigest(), data=cleaned, tagged=paper_tagged(reader)
    )


def paper_upload(*, item: AgendaItem, by, name: str, data: bytes) -> AgendaItem:
    """Check the file, store it under MEDIA_ROOT/papers (never served directly) and record ``paper.upload``.

    A replaced paper's old file stays on disk: a build may be reading it.
    """
    if not by.has_perm("reports.manage_meeting", item.meeting):
        raise PermissionDenied("Only the governance team can upload papers.")
    if not item.is_uploaded_paper:
        raise ValidationError(f"Item {item.number} is generated by cyp: it takes no uploaded paper.")
    checked = paper_check(name=name, data=data)
    old_sha = item.paper_sha256
    with transaction.atomic():
        stored_name = f"meeting-{item.meeting_id}-item-{item.number}-{uuid.uuid4().hex[:12]}.pdf"
        item.paper.save(stored_name, ContentFile(checked.data), save=False)
        item.paper_name = name[:255]
        item.paper_pages = checked.pages
        item.paper_sha256 = checked.sha256
        item.paper_uploaded_at = timezone.now()
        item.paper_uploaded_by = by
        item.save()
        audit_record(
            action=AuditAction.PAPER_UPLOAD,
            target=item,
            actor=by,
            changes={"paper": [old_sha or None, checked.sha256], "pages": [None, checked.pages]},
            comment=name,
        )
    return item


MEETING_FIELDS = (
    "date",
    "time",
    "venue",
    "clerk_name",
    "clerk_email",
    "clerk_telephone",
    "membership",
    "quarter",
    "draft_due_days_before",
    "despatch_days_before",
)


def _values(obj, fields) -> dict:
    return {field: getattr(obj, field) for field in fields}


def meeting_save(*, meeting: Meeting, by, before: dict | None = None) -> Meeting:
    """Validate and save a meeting, new or changed, and record ``meeting.change`` with what changed.

    ``before`` holds the field values as they were (None for a new meeting).
    """
    if not by.has_perm("reports.manage_meeting", meeting if meeting.pk else None):
        raise PermissionDenied("Only the governance team can change meetings.")
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        changes = changes_between(before or {}, _values(meeting, MEETING_FIELDS))
        if changes:
            audit_record(action=AuditAction.MEETING_CHANGE, target=meeting, actor=by, changes=changes)
    return meeting


def agenda_item_save(*, item: AgendaItem, by, before: dict | None = None) -> AgendaItem:
    """Validate and save an agenda item, and record ``agenda.change`` with what changed; when the item
    became exempt, changed paragraph or became public again, ``agenda.exempt`` with the paragraphs too
    (a new exempt item counts as made exempt)."""
    if not by.has_perm("reports.manage_meeting", item.meeting):
        raise PermissionDenied("Only the governance team can change the agenda.")
    item.full_clean()
    with transaction.atomic():
        item.save()
        changes = changes_between(before or {}, _values(item, ITEM_FIELDS))
        if changes:
            audit_record(action=AuditAction.AGENDA_CHANGE, target=item, actor=by, changes=changes)
        if "exempt_paragraph" in changes:
            audit_record(
                action=AuditAction.AGENDA_EXEMPT,
                target=item,
                actor=by,
                changes={"exempt_paragraph": changes["exempt_paragraph"]},
            )
    return item


def values_before(obj) -> dict:
    """The audited fields of a meeting or agenda item as they are now, for a later ``changes_between``."""
    return _values(obj, MEETING_FIELDS if isinstance(obj, Meeting) else ITEM_FIELDS)
