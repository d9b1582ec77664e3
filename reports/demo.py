"""The meeting of 8 October 2024 with its generated papers, so a new user can assemble the Q1 pack at once.

Details are as printed on the front sheet of the pack (seed 002): 14:00 at New
Shire Hall, with the clerk and membership as printed. The printed venue line
"Red Kite Room [Venue Address]" carried a template placeholder; the address
printed on the same sheet replaces it. Cover sheets come from the demo data.
Idempotent: everything is keyed by meeting date and item number.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from cyp.enums import Role
from cyp.models import Committee, Quarter, User
from reports.enums import AgendaItemKind, AgendaSection, ExemptParagraph
from reports.models import AgendaItem, Meeting
from reports.services.meetings import paper_upload

DATA = Path(__file__).resolve().parent.parent / "cyp" / "demo_data"

MEETING_DATE = datetime.date(2024, 10, 8)
VENUE = "Red Kite Room, New Shire Hall, Alconbury Weald, Huntingdon PE28 4YE"
MEMBERSHIP = [
    "Councillor Bryony Goodliffe (Chair)",
    "Councillor Michael Atkins (Vice-Chair)",
    "Councillor David Ambrose Smith",
    "Councillor Anna Bradnam",
    "Councillor Alex Bulat",
    "Councillor Piers Coutts",
    "Councillor Claire Daunton",
    "Councillor Mark Goldsack",
    "Councillor John Gowing",
    "Councillor Anne Hay",
    "Councillor Samantha Hoy",
    "Councillor Alan Sharp",
    "Councillor Philippa Slatter",
    "Councillor Simone Taylor",
    "Councillor Firouz Thompson",
    "Dr Andy Stone (Appointee)",
    "Jon Young (Appointee)",
]

APOLOGIES = {
    "title": "Apologies for absence and declarations of interest",
    "note": (
        "Guidance on declaring interests is available in Chapter 6 of the Council's Constitution "
        "(Members' Code of Conduct)"
    ),
}

#: Item 7 of the printed agenda, a paper from the finance team: it shows an upload still to come.
FINANCE_PAPER = {
    "title": "Finance Monitoring Report – August 2024",
    "cover_to": "Children and Young People Committee",
    "cover_from": (
        "Executive Director: Children, Education and Families; Executive Director: Finance and Resources; "
        "Director of Public Health"
    ),
    "electoral_divisions": "All",
    "key_decision": False,
    "forward_plan_reference": "Not applicable",
    "executive_summary": (
        "To provide the Committee with the August 2024 Finance Monitoring Report for Children, Education and "
        "Families. The report is presented to provide the Committee with the opportunity to comment on the "
        "financial position as at the end of August 2024."
    ),
    "recommendation": "The Children and Young People Committee are asked to note the report.",
    "officer_name": "Martin Wade",
    "officer_post": "Strategic Finance Manager",
    "officer_email": "martin.wade@cambridgeshire.gov.uk",
    "officer_telephone": "01223 699733",
}


#: An exempt (Part 2) item, so the published pack has a members' and a public variant. Not from the printed
#: agenda, which was all "open to public and press" (items 1 to 9): an illustration of a paragraph 3 item
#: after them, as councils take Part 2 items last, with a small paper of its own.
EXEMPT_NUMBER = 10
EXEMPT_PAPER = {
    "title": "Award of the Children's Residential Placements Framework Contract",
    "cover_to": "Children and Young People Committee",
    "cover_from": "Executive Director: Children, Education and Families",
    "electoral_divisions": "All",
    "key_decision": True,
    "forward_plan_reference": "2024/068",
    "executive_summary": (
        "The Council tendered a four-year framework for residential placements for children in care. This "
        "report sets out the evaluation of the six bids received and the prices tendered."
    ),
    "recommendation": "The Committee is asked to award the framework contract to the two highest-scoring providers.",
    "officer_name": "Ricky Cooper",
    "officer_post": "Head of Commissioning",
    "officer_email": "commissioning@cambridgeshire.gov.uk",
    "officer_telephone": "01223 727993",
}
#: The governance team's choice, set when the item is first loaded (a later run keeps what they changed).
EXEMPT_CHOICE = {
    "exempt_paragraph": ExemptParagraph.FINANCIAL,
    "exempt_public_description": (
        "A report on the award of a contract for children's residential placements. The report is exempt "
        "because it contains the tendered prices of the providers who bid."
    ),
}
EXEMPT_PAPER_NAME = "residential-placements-award.pdf"


def exempt_paper_pdf() -> bytes:
    """A small paper for the exempt item, drawn with reportlab: the evaluation and the prices tendered."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(EXEMPT_PAPER["title"])
    height = A4[1]
    pages = [
        [
            "1. Evaluation of the bids",
            "Six providers bid. Bids were scored 60% on quality and 40% on price.",
            "Provider A scored 82 and Provider D scored 79; the others scored under 65.",
        ],
        [
            "2. Prices tendered (weekly, per placement)",
            "Provider A: £5,840. Provider D: £6,120. Lowest compliant bid: £5,610.",
            "The framework's value over four years is estimated at £18.2 million.",
        ],
    ]
    for number, lines in enumerate(pages, start=1):
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(72, height - 72, "EXEMPT: NOT FOR PUBLICATION (paragraph 3 of Schedule 12A)")
        canvas.setFont("Helvetica-Bold", 15)
        canvas.drawString(72, height - 110, EXEMPT_PAPER["title"])
        canvas.setFont("Helvetica", 11)
        for index, line in enumerate(lines):
            canvas.drawString(72, height - 150 - 20 * index, line)
        canvas.drawString(72, 60, f"Page {number} of {len(pages)}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _exempt_paper_upload(item: AgendaItem) -> None:
    """Upload the exempt item's paper once, as the governance team would (skipped without that account)."""
    governance = User.objects.filter(username="governance", role=Role.GOVERNANCE, is_active=True).first()
    if item.has_paper or governance is None:
        return
    paper_upload(item=item, by=governance, name=EXEMPT_PAPER_NAME, data=exempt_paper_pdf())


def _read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _cover(paper: dict) -> dict:
    contact = paper.get("officer_contact") or {}
    return {
        "title": paper["title"],
        "cover_to": paper["to"],
        "cover_from": paper["from"],
        "electoral_divisions": paper["electoral_divisions"],
        "key_decision": paper["key_decision"].strip().lower() == "yes",
        "forward_plan_reference": paper["forward_plan_ref"],
        "executive_summary": paper["executive_summary"],
        "recommendation": paper["recommendation"],
        "officer_name": contact.get("name", ""),
        "officer_post": contact.get("post", ""),
        "officer_email": contact.get("email", ""),
        "officer_telephone": contact.get("telephone", ""),
    }


def load(*, committee: Committee) -> Meeting:
    """The meeting of Tuesday 8 October 2024, reporting 2024/25-Q1, with five of its printed agenda items:
    apologies (1) and petitions (3) without papers, the Ofsted action plan report (6, generated), the finance
    monitoring report (7, a paper from the finance team not uploaded yet: a blocker of the final pack) and the
    performance report (8, generated, with the examples the published paper quoted); and an exempt key decision
    (10, paragraph 3: the award of a placements contract, its paper uploaded), so the pack has a public variant."""
    performance = _read("q1_2024_25_cover.json")
    plan = _read("ofsted_action_plan_2024.json")
    meeting, _ = Meeting.objects.update_or_create(
        committee=committee,
        date=MEETING_DATE,
        defaults={
            "time": datetime.time(14, 0),
            "venue": VENUE,
            "clerk_name": "Tamar Oviatt-Ham",
            "clerk_email": "tamar.oviatt-ham@cambridgeshire.gov.uk",
            "clerk_telephone": "01223 715668",
            "membership": "\n".join(MEMBERSHIP),
            "quarter": Quarter.objects.quarters().get(year__start_year=2024, number=1),
            "draft_due_days_before": 12,
            "despatch_days_before": 8,
        },
    )
    green_blue = [example["number"] for example in performance["green_blue_commentary"]["examples"]]
    red = [example["number"] for example in performance["red_commentary"]["examples"]]
    items = [
        (1, AgendaSection.CONSTITUTIONAL, AgendaItemKind.NO_PAPER, APOLOGIES, {}),
        (3, AgendaSection.CONSTITUTIONAL, AgendaItemKind.NO_PAPER, {"title": "Petitions and Public Questions"}, {}),
        (6, AgendaSection.DECISIONS, AgendaItemKind.IMPROVEMENT_PLAN_REPORT, _cover(plan["paper"]), {}),
        (7, AgendaSection.DECISIONS, AgendaItemKind.UPLOADED_PAPER, FINANCE_PAPER, {}),
        (
            8,
            AgendaSection.DECISIONS,
            AgendaItemKind.PERFORMANCE_REPORT,
            _cover(performance["meeting"]),
            {"green_blue_examples": green_blue, "red_examples": red},
        ),
        (EXEMPT_NUMBER, AgendaSection.DECISIONS, AgendaItemKind.UPLOADED_PAPER, EXEMPT_PAPER, EXEMPT_CHOICE),
    ]
    for number, section, kind, cover, extra in items:
        item, created = AgendaItem.objects.get_or_create(
            meeting=meeting, number=number, defaults={"section": section, "kind": kind, **cover, **extra}
        )
        if not created:
            # Keep an uploaded paper and the governance team's choices; refresh the printed texts.
            for field, value in cover.items():
                setattr(item, field, value)
            item.section, item.kind = section, kind
            item.save()
        if number == EXEMPT_NUMBER:
            _exempt_paper_upload(item)
    return meeting
