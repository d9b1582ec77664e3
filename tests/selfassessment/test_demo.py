"""load_demo loads seed 003, the Eastern Region ADCS self-assessment of August 2017, faithfully."""

import json
import re

from plans.enums import PlanSource
from selfassessment.demo import PARTS_A_B, SEED_TEXT
from selfassessment.enums import SummaryKind
from selfassessment.models import Section, SummaryItem, TemplateStatement
from selfassessment.selectors import document_outline

SEED = SEED_TEXT.read_text(encoding="utf-8")
FACTS = json.loads(PARTS_A_B.read_text(encoding="utf-8"))
BODY = SEED.split("PART C: CURRENT SELF-ASSESSMENT", 1)[1]


def seed_statement_numbers() -> list[str]:
    """Every statement number of the seed's Part C in order of first appearance, read with a plain regex."""
    seen: list[str] = []
    for match in re.finditer(r"^(?:- )?(\d{1,2}\.\d{1,2})\) ", BODY, re.MULTILINE):
        if match.group(1) not in seen:
            seen.append(match.group(1))
    return seen


def test_the_document_holds_the_eighteen_sections_of_the_contents_in_order(demo):
    contents = re.findall(
        r"^(\d{1,2})\. (.+)$", SEED.split("PART C: CURRENT SELF ASSESSMENT", 1)[1].split("PART A")[0], re.MULTILINE
    )
    sections = list(
        Section.objects.filter(document=demo).select_related("template_section").order_by("template_section__number")
    )

    assert [(str(s.number), s.title) for s in sections] == [
        (number, title.replace(" (*optional section*)", "")) for number, title in contents
    ]
    assert len(sections) == 18
    assert [s.template_section.optional for s in sections].count(True) == 1  # 18. Radicalisation and Extremism


def test_the_document_holds_every_statement_of_the_seed_in_order_with_its_text(demo):
    statements = list(
        TemplateStatement.objects.filter(section__template=demo.template).order_by("section__number", "position")
    )

    assert [s.number for s in statements] == seed_statement_numbers()
    assert len(statements) == 82
    first = statements[2]
    assert first.number == "1.3" and first.mandatory is True
    assert first.text.startswith("Senior Leaders, including the DCS, discharge their statutory responsibilities.")
    assert not first.text.endswith("(M)")
    workforce = next(s for s in statements if s.number == "4.1")
    assert workforce.mandatory is True
    assert workforce.text.endswith("within the service:\n- a) education\n- b) early help staff\n- c) social work")
    early_help = {s.number: s.framework for s in statements if s.number.startswith("8.")}
    assert early_help["8.1"] == "Early Intervention Foundation" and early_help["8.7"] == ""


def test_every_word_of_part_c_is_kept_in_order(demo):
    """The seed's Part C less its headings, its "Summary and evidence" labels and the statements' numbers
    and (M) marks, word for word, is the document's sections read in order."""
    expected: list[str] = []
    seen: set[str] = set()
    for line in BODY.split("\n"):
        text = line.strip()
        if re.fullmatch(r"\d{1,2}\. [A-Z0-9 ,'’&–\-:()/]+", text) or re.fullmatch(r"Summary( and evidence)?\s*:", text):
            continue
        statement = re.match(r"^(?:- )?(\d{1,2}\.\d{1,2})\) (.*)$", text)
        first = bool(statement) and statement.group(1) not in seen  # a later one is the evidence quoting it
        if first:
            seen.add(statement.group(1))
            text = statement.group(2)
        if first or re.match(r"^- [a-z]\) ", text):  # a statement or one of its parts: "- c) social work (M)"
            text = re.sub(r"\s*\(M\)\s*$", "", text)
        expected += text.split()
    kept: list[str] = []
    sections = Section.objects.filter(document=demo).select_related("template_section")
    for section in sections.order_by("template_section__number"):
        kept += section.template_section.note.split()
        for block in section.blocks.order_by("position"):
            for statement in block.statements.order_by("position"):
                kept += statement.text.split()
            kept += block.summary.split() + block.evidence.split()

    assert kept == expected


def test_the_boxes_answer_the_statements_as_the_seed_groups_them(demo):
    section_2 = Section.objects.get(document=demo, template_section__number=2)
    boxes = [[s.number for s in b.statements.order_by("position")] for b in section_2.blocks.order_by("position")]

    assert boxes == [["2.1", "2.2"], ["2.3"]]
    first = section_2.blocks.order_by("position").first()
    assert first.summary.startswith("A Joint Commissioning Unit for Peterborough City Council")
    assert "The Access to Resources Team in Cambridgeshire commissions placements" in first.evidence


def test_parts_a_and_b_are_as_published(demo):
    assert [(p.post, p.name) for p in demo.key_people.order_by("position")] == [
        (p["post"], p["name"]) for p in FACTS["key_people"]
    ]
    assert demo.key_people.count() == 7
    assert demo.key_documents.count() == 4
    assert demo.inspections.count() == 5
    counts = {kind: demo.summary_items.filter(kind=kind).count() for kind in SummaryKind}
    assert counts == {
        SummaryKind.PROGRESS: 3,
        SummaryKind.REGIONAL: 2,
        SummaryKind.STRENGTH: 4,
        SummaryKind.IMPROVE: 4,
        SummaryKind.RISK: 3,
        SummaryKind.INNOVATION: 13,
    }
    schools = demo.tables.get()
    assert schools.rows[-1] == ["ALL SCHOOLS", "240", "34", "171", "32", "3", "85%"]


def test_the_four_priorities_are_actions_of_a_self_assessment_plan(demo):
    items = list(
        SummaryItem.objects.filter(document=demo, kind=SummaryKind.IMPROVE).select_related("plan_action__plan")
    )

    assert len(items) == 4 and all(item.plan_action is not None for item in items)
    plan = items[0].plan_action.plan
    assert plan.source == PlanSource.SELF_ASSESSMENT
    assert [item.plan_action.number for item in items] == ["1.1", "2.1", "3.1", "4.1"]
    assert items[1].plan_action.responsible_post == "Service Director Children and Safeguarding (Lou Williams)"
    assert all(item.plan_action.success_criteria for item in items)


def test_the_outline_reads_in_the_template_order(demo, governance):
    outline = document_outline(document=demo, user=governance)

    assert [view.section.number for view in outline.sections] == list(range(1, 19))
    assert [group for group, _ in outline.groups] == ["", "Self-Assessment by Service Area"]


def test_the_demo_document_page_and_a_section_page_open_for_governance(demo, client, governance):
    client.force_login(governance)

    page = client.get(f"/self-assessments/{demo.pk}/")
    section = client.get(f"/self-assessments/{demo.pk}/sections/4/")

    assert page.status_code == 200 and section.status_code == 200
    text = page.content.decode()
    assert text.count('class="sa-section"') == 18
    assert "Self-assessment 2017/18: areas for improvement" in text  # the four priorities' plan actions
    assert "- c) social work" in section.content.decode()
