"""A lead writes a section, governance returns it, the lead resubmits, governance approves, the director
signs off: in Chromium through Playwright, every page checked with axe-core."""

import pytest
from django.contrib.auth.models import Permission

from cyp.enums import ReviewState, Role
from tests.factories import UserFactory
from tests.selfassessment.factories import BlockFactory, SectionFactory, SelfAssessmentFactory, TemplateStatementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(committee, area):
    lead = UserFactory(
        username="lead", first_name="Sam", last_name="Okafor", role=Role.SERVICE_LEAD, service_areas=[area]
    )
    UserFactory(username="governance", first_name="Priya", last_name="Shah", role=Role.GOVERNANCE)
    director = UserFactory(username="director", first_name="Morgan", last_name="Ellis", role=Role.GOVERNANCE)
    director.user_permissions.add(Permission.objects.get(codename="sign_off_selfassessment"))
    document = SelfAssessmentFactory(committee=committee)
    section = SectionFactory(document=document, author=lead, number=1, state=ReviewState.DRAFT)
    section.template_section.title = "Leadership and Governance"
    section.template_section.save()
    block = BlockFactory(section=section, summary="", evidence="")
    block.statements.set([TemplateStatementFactory(section=section.template_section, number="1.1", mandatory=True)])
    return document, section


def switch_to(page, sign_in, username):
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, username)


def test_write_return_approve_and_sign_off_one_section(page, sign_in, assert_accessible, setup):
    document, _section = setup
    section_url = f"/self-assessments/{document.pk}/sections/1/"

    sign_in(page, "lead")
    page.goto(section_url)
    assert page.get_by_role("heading", level=1).inner_text() == "1. Leadership and Governance"
    assert_accessible(page)
    page.get_by_label("Summary for 1.1").fill("Strong political focus: the committee scrutinises every quarter.")
    page.get_by_label("Evidence for 1.1").fill("Minutes of the committee\n\n- March 2017\n- June 2017")
    page.get_by_role("button", name="Submit to the governance team").click()
    assert "Section 1 submitted to the governance team." in page.inner_text("body")
    assert "Submitted" in page.locator("#section-state").inner_text()

    switch_to(page, sign_in, "governance")
    page.goto(section_url)
    assert_accessible(page)
    page.get_by_label("Comment (needed to return or reopen)").fill("Add the scrutiny outcomes.")
    page.get_by_role("button", name="Return to the author").click()
    assert "Section 1 returned to its author." in page.inner_text("body")

    switch_to(page, sign_in, "lead")
    page.goto(section_url)
    assert "Add the scrutiny outcomes." in page.locator("#returned-comment").inner_text()
    page.get_by_label("Evidence for 1.1").fill(
        "Minutes of the committee\n\n- March 2017\n- June 2017\n\nScrutiny changed the plan twice."
    )
    page.get_by_role("button", name="Submit to the governance team").click()
    assert "Submitted" in page.locator("#section-state").inner_text()

    switch_to(page, sign_in, "governance")
    page.goto(section_url)
    page.get_by_role("button", name="Approve").click()
    assert "Section 1 approved." in page.inner_text("body")
    timeline = page.locator("#timeline").inner_text()
    for step in (
        "Self-assessment section submitted",
        "Self-assessment section sent back",
        "Self-assessment section approved",
    ):
        assert step in timeline

    switch_to(page, sign_in, "director")
    page.goto(f"/self-assessments/{document.pk}/")
    assert page.locator("#progress-summary").inner_text() == "1 of 1 section approved."
    assert_accessible(page)
    page.get_by_role("button", name="Sign off the self-assessment").click()
    assert "signed off. The governance team can now publish it." in page.inner_text("body")
    assert "Signed off by the director: signed off by Morgan Ellis" in page.inner_text("body")

    switch_to(page, sign_in, "governance")
    page.goto(f"/self-assessments/{document.pk}/")
    page.get_by_role("button", name="Publish version 1").click()
    assert "Version 1 published. SHA-256 of the DOCX:" in page.inner_text("body")
    assert_accessible(page)
    # The exported file as a reader opens it (without the download's CSP, which would block axe itself).
    exported = page.request.get(f"/self-assessments/{document.pk}/download.html").text()
    page.set_content(exported)
    assert page.get_by_role("heading", level=1).inner_text() == "Children's services self-assessment"
    assert_accessible(page)


def test_the_list_comparison_and_forms_have_no_axe_violation(page, sign_in, assert_accessible, setup):
    from selfassessment.documents import document_start_next
    from selfassessment.enums import SummaryKind
    from selfassessment.models import Block
    from tests.selfassessment.factories import SummaryItemFactory

    document, section = setup
    governance = document.committee.people.model.objects.get(username="governance")
    Block.objects.filter(section=section).update(summary="Last year's summary of the section.")
    item = SummaryItemFactory(document=document, kind=SummaryKind.IMPROVE)
    new = document_start_next(document=document, by=governance, date_as_printed="August 2018")
    Block.objects.filter(section__document=new).update(summary="This year's summary of the section.")

    sign_in(page, "governance")
    for address in (
        "/self-assessments/",
        f"/self-assessments/{new.pk}/",
        f"/self-assessments/{new.pk}/compare/",
        f"/self-assessments/{document.pk}/areas/{item.pk}/action/",
        f"/self-assessments/{new.pk}/tables/add/",
    ):
        page.goto(address)
        assert_accessible(page)
    page.goto(f"/self-assessments/{new.pk}/compare/")
    diff = " ".join(page.locator(".sa-diff").first.inner_text().split())
    assert diff == "[removed: Last ] [added: This ] year's summary of the section."


def test_the_demo_self_assessment_reads_accessibly(page, sign_in, assert_accessible):
    from cyp.demo import demo_load
    from cyp.models import User
    from selfassessment.models import SelfAssessment
    from tests.browser.fixtures import PASSWORD

    demo_load()
    governance = User.objects.get(username="governance")
    governance.set_password(PASSWORD)
    governance.save()
    document = SelfAssessment.objects.get(year__start_year=2017)

    sign_in(page, "governance")
    page.goto(f"/self-assessments/{document.pk}/")
    assert page.locator("section.sa-section").count() == 18
    assert_accessible(page)
    page.goto(f"/self-assessments/{document.pk}/sections/4/")
    assert_accessible(page)
