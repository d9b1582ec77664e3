"""The Corporate Parenting Board's meeting in the demo (idempotent, keyed by the board and the date).

The board reports monthly as a scorecard (``cyp.demo``): its meeting of 24 September 2024 reports
August 2024, with the scorecard generated from the board's measures. Its August returns are still to be
completed, so the pack shows what blocks it; nothing of it is published, so the board's member sees that
the month is not published for the board, whatever the committee has published.
"""

from __future__ import annotations

import datetime

from cyp.demo import BOARD_NAME, BOARD_OPEN_MONTH, BOARD_SLUG
from cyp.models import Committee, Quarter
from reports.demo import APOLOGIES, VENUE
from reports.enums import AgendaItemKind, AgendaSection
from reports.models import AgendaItem, Meeting

MEETING_DATE = datetime.date(2024, 9, 24)
MEMBERSHIP = [
    "Councillor Jordan Ellis (Chair)",
    "Director of Children's Services",
    "Service Director of Corporate Parenting, Fostering & Adoption",
    "A representative of the Children in Care Council",
]
PERFORMANCE_COVER = {
    "title": "Corporate Parenting scorecard: August 2024",
    "cover_to": BOARD_NAME,
    "cover_from": "Service Director of Corporate Parenting, Fostering & Adoption",
    "electoral_divisions": "All",
    "key_decision": False,
    "forward_plan_reference": "Not applicable",
    "executive_summary": (
        "The measures the board follows as corporate parents of Cambridgeshire's children in care and care "
        "leavers, month by month to the end of August 2024. Only the children in care rate is published data "
        "(to June 2024); the other figures of the demo are illustrative."
    ),
    "recommendation": "The Corporate Parenting Board is asked to note the report.",
    "officer_name": "Priya Shah",
    "officer_post": "Governance and Performance Officer",
    "officer_email": "governanceandperformance@cambridgeshire.gov.uk",
    "officer_telephone": "",
}


def load(*, committee: Committee) -> Meeting:
    """The board's meeting of Tuesday 24 September 2024: apologies (1) and its August 2024 scorecard (2)."""
    board = Committee.objects.get(slug=BOARD_SLUG)
    meeting, _ = Meeting.objects.update_or_create(
        committee=board,
        date=MEETING_DATE,
        defaults={
            "time": datetime.time(10, 0),
            "venue": VENUE,
            "clerk_name": "Priya Shah",
            "clerk_email": "governanceandperformance@cambridgeshire.gov.uk",
            "membership": "\n".join(MEMBERSHIP),
            "quarter": Quarter.objects.months().get(year__start_year=2024, number=BOARD_OPEN_MONTH),
            "draft_due_days_before": 12,
            "despatch_days_before": 8,
        },
    )
    items = [
        (1, AgendaSection.CONSTITUTIONAL, AgendaItemKind.NO_PAPER, APOLOGIES),
        (2, AgendaSection.DECISIONS, AgendaItemKind.PERFORMANCE_REPORT, PERFORMANCE_COVER),
    ]
    for number, section, kind, cover in items:
        item, created = AgendaItem.objects.get_or_create(
            meeting=meeting, number=number, defaults={"section": section, "kind": kind, **cover}
        )
        if not created:
            for field, value in cover.items():
                setattr(item, field, value)
            item.section, item.kind = section, kind
            item.save()
    return meeting
