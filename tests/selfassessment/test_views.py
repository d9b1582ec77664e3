"""Every page and action for every persona, with data present that could leak; the pages' query counts."""

import re

import pytest
from django.urls import reverse

from cyp.enums import ReviewState
from selfassessment.enums import DocumentStatus, SummaryKind
from selfassessment.models import Block, SelfAssessment
from tests.factories import CommitteeFactory
from tests.selfassessment.factories import BlockFactory, SectionFactory, SelfAssessmentFactory, SummaryItemFactory

SECRET = "Draft text not for members"


@pytest.fixture
def draft(section, other_section):
    Block.objects.filter(section=section).update(summary=SECRET)
    return section.document


def url(name, document, **kwargs):
    return reverse(f"selfassessment:{name}", kwargs={"document_id": document.pk, **kwargs})


PAGES = [
    ("detail", {}),
    ("section", {"number": 1}),
    ("compare", {}),
    ("download", {"kind": "docx"}),
]


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("anonymous", 302),
        ("lead", 200),
        ("other_lead", 200),
        ("governance", 200),
        ("administrator", 200),
        ("member", 404),
    ],
)
@pytest.mark.parametrize("name, kwargs", PAGES)
def test_draft_pages_by_persona(as_persona, draft, persona, expected, name, kwargs):
    response = as_persona(persona).get(url(name, draft, **kwargs))

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))
    if expected == 200 and name in ("detail", "section"):
        assert SECRET in response.content.decode()
    if expected != 200:
        assert SECRET not in response.content.decode()


def test_the_list_shows_members_published_documents_only(as_persona, draft, committee):
    published = SelfAssessmentFactory(
        committee=committee,
        year=SelfAssessmentFactory._meta.model.year.field.related_model.objects.get_or_create(start_year=2016)[0],
        status=DocumentStatus.PUBLISHED,
    )

    member_page = as_persona("member").get(reverse("selfassessment:list")).content.decode()
    staff_page = as_persona("lead").get(reverse("selfassessment:list")).content.decode()

    assert str(published.year.label) in member_page and "2017/18" not in member_page
    assert "2017/18" in staff_page and "2016/17" in staff_page
    assert as_persona("anonymous").get(reverse("selfassessment:list")).status_code == 302


def test_a_member_reads_a_published_document(as_persona, draft):
    SelfAssessment.objects.filter(pk=draft.pk).update(status=DocumentStatus.PUBLISHED)

    response = as_persona("member").get(url("detail", draft))

    assert response.status_code == 200
    assert "Work and sign-off" not in response.content.decode()
    assert as_persona("member").get(url("section", draft, number=1)).status_code == 403


def test_another_bodys_document_does_not_exist_for_its_non_staff(as_persona, lead, member):
    elsewhere = SelfAssessmentFactory(
        committee=CommitteeFactory(name="Corporate Parenting Panel"), status=DocumentStatus.PUBLISHED
    )

    assert as_persona("member").get(url("detail", elsewhere)).status_code == 404
    assert as_persona("lead").get(url("detail", elsewhere)).status_code == 404
    assert as_persona("governance").get(url("detail", elsewhere)).status_code == 200


@pytest.mark.parametrize(
    "persona, expected",
    [("anonymous", 302), ("lead", 200), ("other_lead", 403), ("governance", 403), ("member", 404)],
)
def test_only_the_author_saves_a_section(as_persona, draft, section, persona, expected):
    block = section.blocks.get()
    data = {
        "version": section.version,
        f"summary_{block.pk}": "Rewritten",
        f"evidence_{block.pk}": "",
        f"grade_{block.pk}": "",
        "save": "",
    }

    response = as_persona(persona).post(url("section", draft, number=1), data)

    expected_status = 302 if expected == 200 else expected
    assert response.status_code == expected_status
    block.refresh_from_db()
    assert block.summary == ("Rewritten" if expected == 200 else SECRET)


def test_a_too_long_summary_is_refused_with_the_field_named_and_kept(as_persona, draft, section):
    block = section.blocks.get()
    typed = "x" * 12_001
    data = {
        "version": section.version,
        f"summary_{block.pk}": typed,
        f"evidence_{block.pk}": "",
        f"grade_{block.pk}": "",
        "save": "",
    }

    response = as_persona("lead").post(url("section", draft, number=1), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Summary for 1.1, 1.2" in page and "12,000" in page and typed in page


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("anonymous", 302),
        ("lead", 403),
        ("other_lead", 403),
        ("governance", 302),
        ("administrator", 302),
        ("member", 404),
    ],
)
def test_only_governance_returns_a_section(as_persona, draft, section, persona, expected):
    section.state = ReviewState.SUBMITTED
    section.save()

    response = as_persona(persona).post(
        url("section_review", draft, number=1),
        {"decision": "return", "comment": "More evidence", "version": section.version},
    )

    assert response.status_code == expected
    section.refresh_from_db()
    assert section.state == (
        ReviewState.RETURNED if persona in ("governance", "administrator") else ReviewState.SUBMITTED
    )


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("anonymous", 302),
        ("lead", 403),
        ("governance", 403),
        ("administrator", 403),
        ("member", 404),
        ("director", 302),
    ],
)
def test_only_the_director_signs_off(as_persona, draft, section, other_section, persona, expected, director):
    from selfassessment.models import Section

    Section.objects.filter(document=draft).update(state=ReviewState.APPROVED)

    response = as_persona(persona).post(url("sign_off", draft), {"comment": ""})

    assert response.status_code == expected
    draft.refresh_from_db()
    assert draft.status == (DocumentStatus.SIGNED_OFF if persona == "director" else DocumentStatus.DRAFT)


@pytest.mark.parametrize("persona, expected", [("anonymous", 302), ("lead", 403), ("member", 404), ("governance", 302)])
def test_only_governance_starts_next_year(as_persona, draft, persona, expected):
    response = as_persona(persona).post(url("next", draft), {"date_as_printed": "August 2018"})

    assert response.status_code == expected
    assert SelfAssessment.objects.filter(previous=draft).exists() == (persona == "governance")


@pytest.mark.parametrize("persona, expected", [("anonymous", 302), ("lead", 403), ("member", 404), ("governance", 200)])
def test_only_governance_opens_the_plan_action_and_table_forms(as_persona, draft, persona, expected):
    item = SummaryItemFactory(document=draft, kind=SummaryKind.IMPROVE)

    assert as_persona(persona).get(url("area_action", draft, item_id=item.pk)).status_code == expected
    assert as_persona(persona).get(url("table_add", draft)).status_code == expected


def test_the_plan_action_form_names_each_missing_field_and_keeps_what_was_typed(as_persona, draft):
    item = SummaryItemFactory(document=draft, kind=SummaryKind.IMPROVE)

    response = as_persona("governance").post(
        url("area_action", draft, item_id=item.pk),
        {"responsible_post": "", "due_date": "", "success_criteria": "Fewer re-referrals"},
    )

    page = response.content.decode()
    assert "Name the responsible officer" in page and "Give the due date" in page
    assert "Fewer re-referrals" in page


@pytest.mark.parametrize("size", [3, 12])
def test_the_document_page_runs_a_fixed_number_of_queries(
    as_persona, document, lead, size, django_assert_max_num_queries
):
    for number in range(1, size + 1):
        section = SectionFactory(document=document, author=lead, number=number)
        BlockFactory(section=section, position=0)
        BlockFactory(section=section, position=1)
        SummaryItemFactory(document=document, kind=SummaryKind.STRENGTH)
    client = as_persona("governance")

    with django_assert_max_num_queries(30):
        response = client.get(url("detail", document))

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 10])
def test_the_list_runs_a_fixed_number_of_queries(as_persona, committee, size, django_assert_max_num_queries):
    for start in range(size):
        SelfAssessmentFactory(
            committee=committee,
            year=SelfAssessment.year.field.related_model.objects.get_or_create(start_year=2000 + start)[0],
        )
    client = as_persona("governance")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("selfassessment:list"))

    assert response.content.decode().count("self-assessment 20") == size


def test_a_bodys_list_shows_its_own_documents_and_is_404_to_those_who_do_not_see_it(as_persona, committee, document):
    elsewhere = CommitteeFactory(name="Corporate Parenting Panel")
    SelfAssessmentFactory(committee=elsewhere, date_as_printed="September 2017")

    page = (
        as_persona("governance").get(reverse("selfassessment:list", kwargs={"committee": elsewhere})).content.decode()
    )

    assert "September 2017" in page and "August 2017" not in page
    assert as_persona("lead").get(reverse("selfassessment:list", kwargs={"committee": elsewhere})).status_code == 404


def test_governance_starts_a_first_document_from_the_list(as_persona, committee, lead):
    from tests.selfassessment.factories import TemplateSectionFactory

    template_section = TemplateSectionFactory(number=1, title="Leadership and Governance")
    client = as_persona("governance")
    data = {"template": template_section.template_id, "committee": committee.pk, "start_year": "2025"}

    refused = client.post(reverse("selfassessment:list"), {**data, "date_as_printed": ""})
    started = client.post(
        reverse("selfassessment:list"), {**data, "date_as_printed": "August 2025", "local_authority": "Cambridgeshire"}
    )

    assert (
        refused.status_code == 400
        and "Give the date on the cover, for example “August 2025”." in refused.content.decode()
    )
    document = SelfAssessment.objects.get(year__start_year=2025)
    assert started["Location"] == url("detail", document)
    assert as_persona("lead").post(reverse("selfassessment:list"), data).status_code == 403


def test_the_author_uploads_evidence_and_staff_open_the_cleaned_pdf(as_persona, draft, section):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Case file audit")
    canvas.save()
    block = section.blocks.get()
    upload = SimpleUploadedFile("audit.pdf", buffer.getvalue(), content_type="application/pdf")

    response = as_persona("lead").post(
        url("evidence_upload", draft, number=1),
        {"block": block.pk, "title": "Case file audit, June 2017", "file": upload},
    )

    assert response.status_code == 302
    evidence = block.files.get()
    page = as_persona("other_lead").get(url("section", draft, number=1)).content.decode()
    assert "Case file audit, June 2017" in page
    download = as_persona("other_lead").get(url("evidence", draft, file_id=evidence.pk))
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")
    assert as_persona("member").get(url("evidence", draft, file_id=evidence.pk)).status_code == 404


def test_a_stale_save_keeps_the_text_and_a_second_save_knowingly_wins(as_persona, draft, section):
    block = section.blocks.get()
    stale = {
        "version": section.version,
        f"summary_{block.pk}": "My version",
        f"evidence_{block.pk}": "",
        f"grade_{block.pk}": "",
        "save": "",
    }
    client = as_persona("lead")
    client.post(url("section", draft, number=1), {**stale, f"summary_{block.pk}": "Their version"})

    refused = client.post(url("section", draft, number=1), stale)

    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Someone else changed this self-assessment section" in page and "My version" in page
    fresh_version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
    assert client.post(url("section", draft, number=1), {**stale, "version": fresh_version}).status_code == 302
    block.refresh_from_db()
    assert block.summary == "My version"
