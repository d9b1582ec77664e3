"""Papers in the search (``cyp.search``): agenda items by title, in the meetings of the bodies the person sees."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format

from cyp.audit_log import register_audit_body
from cyp.rules import visible_body_ids
from cyp.search import Hit, register_search, snippet, words_q
from reports.models import AgendaItem


def papers_search(*, user, words: list[str], limit: int) -> tuple[list[Hit], int]:
    """Two queries. Only the bodies the person sees, so an exempt item's title reaches only its body's people
    (``reports.view_item``)."""
    if not user.has_perm("reports.view_meetings"):
        return [], 0
    found = AgendaItem.objects.filter(
        words_q(words, ["title", "note"]), meeting__committee_id__in=visible_body_ids(user)
    )
    hits = [
        Hit(
            title=f"{item.number}. {item.title}",
            url=reverse("meeting_detail", kwargs={"pk": item.meeting_id}),
            context=f"{item.meeting.committee.name}, {date_format(item.meeting.date, 'j F Y')}"
            + (" (exempt: Part 2)" if item.is_exempt else ""),
            text=snippet(item.note, words),
        )
        for item in found.select_related("meeting", "meeting__committee").order_by("-meeting__date", "number")[:limit]
    ]
    return hits, found.count()


def register() -> None:
    """From ``ReportsConfig.ready()``: the search's papers, and which audited objects are a body's."""
    from reports.models import Meeting, PackBuild, PackVersion

    register_search("papers", "Papers", 40, papers_search)
    register_audit_body(Meeting, lambda committee: Meeting.objects.filter(committee=committee).values("pk"))
    register_audit_body(AgendaItem, lambda c: AgendaItem.objects.filter(meeting__committee=c).values("pk"))
    register_audit_body(PackBuild, lambda c: PackBuild.objects.filter(meeting__committee=c).values("pk"))
    register_audit_body(PackVersion, lambda c: PackVersion.objects.filter(meeting__committee=c).values("pk"))
