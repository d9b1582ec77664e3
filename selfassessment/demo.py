"""The demo: Cambridgeshire's Eastern Region ADCS children's services self-assessment, August 2017 (seed 003).

Loaded faithfully: the cover, Part A (key personnel, key documents, the local area), Part B (progress
on last year's areas, regional areas, strengths, inspections with the school inspections table, the
four areas to improve, the three risks, innovation) from ``demo_data/parts_a_b_2017.json`` (copied
from the seed, with its table rows that a page break had split joined again), and Part C read from
the seed's own text (``demo_data/eastern_region_adcs_2017.txt``) by ``selfassessment.seed``: every
section and statement in order, each "Summary and evidence" box with its summary (the first
paragraph after "Summary :") and its evidence (the rest, tables included).

The four areas to improve become actions of the "Self-assessment 2017/18" improvement plan
through the same service a person uses (``selfassessment.actions.area_to_action``), owned by the
Service Director the seed's key personnel name for the area, due at the end of 2017/18 (the year
the seed looks forward to), with the area's outcome as the success criterion.

Safe to run twice: a document already loaded is left as it is, with whatever was done in it.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction

from cyp.enums import ReviewState
from cyp.models import Committee, FinancialYear, User
from selfassessment.actions import area_to_action
from selfassessment.enums import SummaryKind, TableSource
from selfassessment.models import (
    Block,
    ContextTable,
    Inspection,
    KeyDocument,
    KeyPerson,
    Section,
    SelfAssessment,
    SummaryItem,
    Template,
    TemplateSection,
    TemplateStatement,
)
from selfassessment.rules import SIGN_OFF_CODENAME
from selfassessment.seed import part_c_parse

DATA = Path(__file__).parent / "demo_data"
SEED_TEXT = DATA / "eastern_region_adcs_2017.txt"
PARTS_A_B = DATA / "parts_a_b_2017.json"

#: The demo account that signs the self-assessment off (``cyp.demo.DEMO_ACCOUNTS``).
DIRECTOR_USERNAME = "director"
#: Which demo lead writes which section: the education lead writes 6 and 7 (the Learning directorate).
EDUCATION_SECTIONS = {6, 7}
#: The areas to improve (seed Part B 2.1, in order): the post that owns each, its success criterion.
PRIORITY_OWNERS = [
    (
        "Service Director Learning",
        "Gaps in attainment at KS2 and KS4 between children eligible for FSM, with SEND, CIN and LAC "
        "and their peers narrow by July 2018",
    ),
    (
        "Service Director Children and Safeguarding",
        "Cases progress through the Integrated Front Door within timescale, improving each quarter to March 2018",
    ),
    (
        "Service Director Children and Safeguarding",
        "Fewer children become subject to a child protection plan for a second or subsequent time by March 2018",
    ),
    (
        "Service Director Children and Safeguarding",
        "More children who go missing or are at risk of CSE are identified and offered direct support by March 2018",
    ),
]
PRIORITY_DUE = datetime.date(2018, 3, 31)


def template_load(sections) -> Template:
    """The Eastern Region ADCS template: its sections and statements, set up once and reused."""
    template, _ = Template.objects.get_or_create(
        programme="Eastern Region ADCS", title="Children's services self-assessment"
    )
    for parsed in sections:
        section, _ = TemplateSection.objects.update_or_create(
            template=template,
            number=parsed.number,
            defaults={"title": parsed.title, "group": parsed.group, "optional": parsed.optional, "note": parsed.note},
        )
        box_of = {number: box for box, block in enumerate(parsed.blocks) for number in block.statements}
        for position, statement in enumerate(parsed.statements):
            framework = parsed.framework if statement.text.split(":", 1)[0].isupper() and ":" in statement.text else ""
            TemplateStatement.objects.update_or_create(
                section=section,
                number=statement.number,
                defaults={
                    "position": position,
                    "box": box_of.get(statement.number, 0),
                    "text": statement.text,
                    "mandatory": statement.mandatory,
                    "framework": framework,
                },
            )
    return template


def _director() -> User | None:
    """The demo's director (an account of ``cyp.demo.DEMO_ACCOUNTS``) may sign the self-assessment off."""
    from django.contrib.auth.models import Permission

    user = User.objects.filter(username=DIRECTOR_USERNAME).first()
    if user is not None:
        user.user_permissions.add(
            Permission.objects.get(codename=SIGN_OFF_CODENAME, content_type__app_label="selfassessment")
        )
    return user


@transaction.atomic
def load(*, committee: Committee) -> SelfAssessment | None:
    sections = part_c_parse(SEED_TEXT.read_text(encoding="utf-8"))
    template = template_load(sections)
    _director()
    facts = json.loads(PARTS_A_B.read_text(encoding="utf-8"))
    year, _ = FinancialYear.objects.get_or_create(start_year=2017)
    existing = SelfAssessment.objects.filter(committee=committee, template=template, year=year).first()
    if existing is not None:
        return existing
    cover = facts["cover"]
    document = SelfAssessment.objects.create(
        committee=committee,
        template=template,
        year=year,
        date_as_printed=cover["date"],
        local_authority=cover["local_authority"],
        contact_name=cover["contact_name"],
        contact_phone=cover["contact_phone"],
        contact_email=cover["contact_email"],
        key_documents_note=facts["key_documents_note"],
        local_area=facts["local_area"],
        review_period=facts["review_period"],
    )
    KeyPerson.objects.bulk_create(
        KeyPerson(document=document, position=i, post=p["post"], name=p["name"], start_as_printed=p["start"])
        for i, p in enumerate(facts["key_people"])
    )
    KeyDocument.objects.bulk_create(
        KeyDocument(document=document, position=i, title=d["title"], date_as_printed=d["date"], link=d["link"])
        for i, d in enumerate(facts["key_documents"])
    )
    Inspection.objects.bulk_create(
        Inspection(document=document, position=i, title=x["title"], date_as_printed=x["date"], outcome=x["outcome"])
        for i, x in enumerate(facts["inspections"])
    )
    schools = facts["school_inspections"]
    ContextTable.objects.create(
        document=document,
        position=0,
        title="1.4 b) School Inspections",
        source=TableSource.TYPED,
        columns=schools["columns"],
        rows=schools["rows"],
        source_note=schools["source_note"],
    )
    kinds = {
        "progress": SummaryKind.PROGRESS,
        "regional": SummaryKind.REGIONAL,
        "strengths": SummaryKind.STRENGTH,
        "improve": SummaryKind.IMPROVE,
        "risks": SummaryKind.RISK,
        "innovation": SummaryKind.INNOVATION,
    }
    for key, kind in kinds.items():
        SummaryItem.objects.bulk_create(
            SummaryItem(
                document=document,
                kind=kind,
                position=i,
                text=entry["text"],
                outcome=entry.get("outcome", ""),
                reference=entry.get("reference", "") if kind != SummaryKind.RISK else "",
                risk_register_ref=entry.get("reference", "") if kind == SummaryKind.RISK else "",
                date_as_printed=entry.get("date", ""),
            )
            for i, entry in enumerate(facts[key])
        )
    lead = User.objects.filter(username="lead").first()
    education = User.objects.filter(username="lead.education").first()
    statements = {
        s.number: s for s in TemplateStatement.objects.filter(section__template=template).select_related("section")
    }
    for parsed in sections:
        template_section = TemplateSection.objects.get(template=template, number=parsed.number)
        section = Section.objects.create(
            document=document,
            template_section=template_section,
            author=education if parsed.number in EDUCATION_SECTIONS else lead,
            state=ReviewState.DRAFT,
        )
        for position, parsed_block in enumerate(parsed.blocks):
            block = Block.objects.create(
                section=section, position=position, summary=parsed_block.summary, evidence=parsed_block.evidence
            )
            block.statements.set([statements[number] for number in parsed_block.statements])
    _priorities_to_actions(document)
    return document


def _priorities_to_actions(document: SelfAssessment) -> None:
    governance = User.objects.get(username="governance")
    people = {person.post: person.name for person in document.key_people.all()}
    items = document.summary_items.filter(kind=SummaryKind.IMPROVE).order_by("position")
    for item, (post, criterion) in zip(items, PRIORITY_OWNERS, strict=True):
        area_to_action(
            item=item,
            by=governance,
            responsible_post=f"{post} ({people[post]})" if post in people else post,
            due_date=PRIORITY_DUE,
            success_criteria=[criterion],
            on=datetime.date(2017, 8, 31),
        )
