"""The CYP Committee's agenda plan as published with the pack of 8 October 2024 (seed 002).

"Published on 2 September 2024": every item is put on the plan on that day. Items of the
meeting of 8 October 2024 that its demo agenda carries (items 6, 7 and 8) are on the
agenda; the two key decisions of that meeting (printed as items 4 and 5) stay planned,
as the demo agenda does not carry them. Later
meetings are not set up yet: their items carry the planned date. The seed prints the
lead officers as initial and surname, without posts, and no date for the key decisions'
publication on the forward plan: neither is invented here. The agenda of 8 October 2024
gets its item 9, the agenda plan (generated). "Corporate Parenting Strategy 2024 [via CPSC]" is printed
with its routing in square brackets, which every title refuses as a template placeholder: the
words in brackets are the item's note ("via CPSC", the Corporate Parenting Sub-Committee).
Idempotent: items are keyed by body, title and meeting date.
"""

from __future__ import annotations

import datetime

from agendaplan.enums import PlannedItemStatus
from agendaplan.models import PlannedItem
from cyp.models import Committee
from reports.enums import AgendaItemKind, AgendaSection
from reports.models import AgendaItem, Meeting

PUBLISHED_ON = datetime.date(2024, 9, 2)
PACK_MEETING = datetime.date(2024, 10, 8)
NOT_APPLICABLE = "Not applicable"

#: (meeting date, [(agenda item, lead officer, reference if key decision)]) as printed.
PLAN = [
    (
        datetime.date(2024, 10, 8),
        [
            ("Quarterly Performance Report (Q1)", "R Springbett", NOT_APPLICABLE),
            ("Healthy Child Programme Commissioning Approach", "R Laksman", "2024/070"),
            ("Finance Monitoring Report - August", "M Wade", NOT_APPLICABLE),
            ("Ofsted Action Plan", "M Purbrick", NOT_APPLICABLE),
            ("Music Education Hub Consortium Agreement", "M Gunn", "2024/085"),
        ],
    ),
    (
        datetime.date(2024, 11, 26),
        [
            ("Children's Workforce Strategic Plan", "M Purbrick", NOT_APPLICABLE),
            ("Finance Monitoring Report - October", "M Wade", NOT_APPLICABLE),
            ("Corporate Parenting Strategy 2024", "R Chambers", "2024/039"),
            ("Childcare Access Funds and After School Clubs", "A Brooker", "2024/035"),
            ("SEND Safety Valve Update", "S Callaghan", NOT_APPLICABLE),
        ],
    ),
    (
        datetime.date(2025, 1, 14),
        [
            ("Schools and Early Years Revenue Funding Arrangements 2025/26", "M Purbrick", "2025/004"),
            ("Determined admission arrangements", "S Callaghan", NOT_APPLICABLE),
            ("Re-Commissioning of Young People's Drug and Alcohol Treatment Services", "V Thomas", NOT_APPLICABLE),
            ("Quarterly Performance Report (Q2)", "R Springbett", NOT_APPLICABLE),
            ("Children's Occupational Therapy provision 2025/26", "L Roberston", "2025/011"),
            ("Scrutiny of Draft Business Plan and Budget", "M Purbrick", NOT_APPLICABLE),
            (
                "Deed of Variation to enable the building of the permanent accommodation of Wisbech Free School",
                "R Pinion",
                "2025/012",
            ),
            ("Education Performance", "S Callaghan", NOT_APPLICABLE),
            ("Sufficiency Strategy", "L Munt", "2025/013"),
        ],
    ),
    (
        datetime.date(2025, 2, 25),
        [
            ("Quarterly Performance Report (Q3)", "R Springbett", NOT_APPLICABLE),
            ("Finance Monitoring Report – January", "M Wade", NOT_APPLICABLE),
            (
                "The Award of Design and Construction Contracts for Education Projects Included in the Council's "
                "Approved Business Plan",
                "R Pinion",
                "2025/010",
            ),
            ("Transport Strategy", "S Callaghan", "2025/014"),
            ("Alconbury Weald Secondary School Construction Contract", "A Revell", "2025/015"),
        ],
    ),
    (
        datetime.date(2025, 6, 3),
        [
            ("Finance Monitoring Report - May", "M Wade", NOT_APPLICABLE),
            ("Outturn 2024/25 Finance Monitoring Report", "M Wade", NOT_APPLICABLE),
        ],
    ),
]

#: Printed in square brackets after the title, which the agenda reads as a template placeholder: kept as the note.
NOTES = {"Corporate Parenting Strategy 2024": "via CPSC"}

#: Plan items of 8 October 2024 and the number of the demo agenda item they became (reports.demo).
ON_AGENDA = {"Quarterly Performance Report (Q1)": 8, "Finance Monitoring Report - August": 7, "Ofsted Action Plan": 6}

AGENDA_PLAN_ITEM = {"number": 9, "title": "CYP Committee Agenda Plan", "section": AgendaSection.DECISIONS}


def load(*, committee: Committee) -> list[PlannedItem]:
    """The plan's 26 items over five meetings, and item 9 (the agenda plan) of the meeting of 8 October 2024."""
    meeting = Meeting.objects.filter(committee=committee, date=PACK_MEETING).first()
    agenda = {item.number: item for item in AgendaItem.objects.filter(meeting=meeting)} if meeting else {}
    loaded = []
    position = 0
    for date, rows in PLAN:
        for title, officer, reference in rows:
            position += 1
            key_decision = reference != NOT_APPLICABLE
            agenda_item = agenda.get(ON_AGENDA.get(title)) if date == PACK_MEETING else None
            item, _ = PlannedItem.objects.update_or_create(
                committee=committee,
                title=title,
                planned_date=date,
                defaults={
                    "lead_officer_name": officer,
                    "note": NOTES.get(title, ""),
                    "key_decision": key_decision,
                    "forward_plan_reference": reference if key_decision else "",
                    "meeting": meeting if date == PACK_MEETING else None,
                    "added_on": PUBLISHED_ON,
                    "position": position,
                    "status": PlannedItemStatus.ON_AGENDA if agenda_item else PlannedItemStatus.PLANNED,
                    "agenda_item": agenda_item,
                },
            )
            loaded.append(item)
    if meeting is not None:
        AgendaItem.objects.update_or_create(
            meeting=meeting,
            number=AGENDA_PLAN_ITEM["number"],
            defaults={
                "title": AGENDA_PLAN_ITEM["title"],
                "section": AGENDA_PLAN_ITEM["section"],
                "kind": AgendaItemKind.AGENDA_PLAN,
                "cover_to": committee.name,
            },
        )
    return loaded
