"""In a real browser: the governance team assembles the final pack, watches it end ready and publishes it;
a member downloads it. Every page visited passes axe-core's WCAG 2.2 AA checks.

Tasks run in-process (CELERY_TASK_ALWAYS_EAGER), so the assembly has finished when the page comes back.
"""

import pytest

from reports.models import PackDownload, PackVersion
from reports.services import files
from tests.reports.workflow_factories import pack_ready_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting(committee, area, quarter, governance, member):
    return pack_ready_meeting(committee=committee, area=area, quarter=quarter)


def test_governance_assembles_and_publishes_the_pack_and_a_member_downloads_it(
    page, sign_in, assert_accessible, meeting, tmp_path
):
    sign_in(page, "governance")
    page.get_by_role("link", name="Meetings and packs").click()
    assert_accessible(page)
    page.get_by_role("link", name="8 October 2024").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("Tuesday 8 October 2024")
    assert page.locator("#blockers-none").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Assemble the final pack").click()

    progress = page.get_by_role("progressbar")
    assert progress.get_attribute("aria-valuenow") == "100"
    assert "Final pack, build" in page.locator("#build-progress").inner_text()
    assert "Ready:" in page.locator("#build-progress").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Publish this pack").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Publish the pack for 8 October 2024 as v1"
    assert_accessible(page)
    page.get_by_label("I have checked this pack").check()
    page.get_by_role("button", name="Publish v1").click()
    assert "Published v1" in page.get_by_role("status").first.inner_text()
    version = PackVersion.objects.get()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "member")
    page.goto(f"/meetings/{meeting.pk}/")
    assert page.get_by_text("Readiness").count() == 0
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF of v1", exact=True).click()

    saved = tmp_path / "pack.pdf"
    download.value.save_as(saved)
    assert files.sha256_of(saved.read_bytes()) == version.sha256
    assert PackDownload.objects.get().format == "pdf"


def test_the_agenda_item_and_upload_forms_are_accessible(page, sign_in, assert_accessible, meeting):
    item = meeting.items.get(number=8)
    paper = meeting.items.get(number=7)
    sign_in(page, "governance")

    page.goto(f"/meetings/{meeting.pk}/items/{item.pk}/")
    assert page.get_by_label("Indicator 117:").is_checked()
    assert_accessible(page)
    page.goto(f"/meetings/{meeting.pk}/items/{paper.pk}/paper/")
    assert_accessible(page)
    page.goto(f"/meetings/{meeting.pk}/edit/")
    assert_accessible(page)
