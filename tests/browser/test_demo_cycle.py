"""From the demo data to a published pack, as a new user would do it with the README and the demo accounts.

The demo loads the Q1 2024/25 returns as published: 15 approved, and the 5 Red indicators the
council printed without actions (2, 10, 128, 130, 133) as drafts the system will not let through.
The lead completes indicator 2 in the browser; the other four are completed through the same
services by their leads, to keep the test's time bounded. Governance approves, uploads the
finance paper, assembles the final pack and publishes v1; a member downloads it. The PDF carries
every indicator, counts that add up, one page sequence and a bookmark per paper and indicator.
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from commentary.models import Return
from commentary.services import return_approve, return_save, return_submit
from cyp.demo import DEMO_PASSWORD
from cyp.enums import ReviewState
from cyp.models import User
from reports.models import Meeting, PackVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIONS = "Review every case with the service manager by 31 October 2024, and report progress to the board."


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Meeting.objects.get(date="2024-10-08")


def finance_paper(path) -> str:
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 770, "Finance Monitoring Report - August 2024")
    pdf.showPage()
    pdf.save()
    return str(path)


def complete(number: int, lead: str) -> None:
    ret = Return.objects.select_related("indicator").get(indicator__number=number, quarter__year__start_year=2024)
    ret = return_save(
        ret=ret, by=User.objects.get(username=lead), content={"actions": ACTIONS}, expected_version=ret.version
    )
    ret = return_submit(ret=ret, by=User.objects.get(username=lead))
    return_approve(ret=ret, by=User.objects.get(username="governance"))


def sign_in_as(page, username):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_the_demo_goes_from_returns_to_a_published_pack_a_member_downloads(page, assert_accessible, demo, tmp_path):
    # The lead finds indicator 2 stopped for want of actions, adds them and submits.
    sign_in_as(page, "lead")
    page.get_by_role("link", name="My returns").click()
    page.get_by_role("link", name="Edit indicator 2").click()
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_role("alert").filter(has_text="cannot be submitted yet")).to_contain_text(
        "so actions are required"
    )
    page.get_by_label("Actions", exact=True).fill(ACTIONS)
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # Governance approves it in the browser; the other four are completed by their leads.
    sign_in_as(page, "governance")
    page.goto("/quarters/2024-25-Q1/board/")
    page.get_by_role("link", name="Review indicator 2").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approved. Its figures are now on the dashboard.")).to_be_visible()
    complete(10, "lead.education")
    complete(128, "lead")
    complete(130, "lead.education")
    complete(133, "lead.education")
    # The committee's returns; the Corporate Parenting Board's are its own (not started, for its lead).
    committee_returns = Return.objects.filter(indicator__committee=demo.committee)
    assert set(committee_returns.values_list("state", flat=True)) == {ReviewState.APPROVED}

    # The finance paper is uploaded; nothing blocks the pack any more.
    page.goto(f"/meetings/{demo.pk}/")
    page.locator("#blockers").get_by_role("link", name="Upload the paper for item 7").click()
    page.get_by_label("Paper (PDF)").set_input_files(finance_paper(tmp_path / "finance.pdf"))
    page.get_by_role("button", name="Upload the paper").click()
    page.goto(f"/meetings/{demo.pk}/")
    expect(page.locator("#blockers-none")).to_be_visible()
    assert_accessible(page)

    # Assemble the final pack and publish it.
    page.get_by_role("button", name="Assemble the final pack").click()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    page.get_by_role("link", name="Publish this pack").click()
    page.get_by_label("I have checked this pack").check()
    page.get_by_role("button", name="Publish v1").click()
    expect(page.get_by_role("status").first).to_contain_text("Published v1")
    page.get_by_role("button", name="Sign out").click()

    # A member sees the published quarter and downloads the pack.
    sign_in_as(page, "member")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarter 1 2024/25")
    assert_accessible(page)
    page.goto(f"/meetings/{demo.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF of v1", exact=True).click()
    download.value.save_as(tmp_path / "pack.pdf")
    pdf_bytes = (tmp_path / "pack.pdf").read_bytes()

    reader = PdfReader(io.BytesIO(pdf_bytes))
    pages = [page_.extract_text() for page_ in reader.pages]
    text = " ".join(" ".join(pages).split())
    total = len(pages)
    assert PackVersion.objects.get().page_count == total
    for number, page_text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in " ".join(page_text.split())
    for number in (1, 2, 3, 6, 7, 8, 9, 10, 11, 116, 117, 118, 128, 129, 130, 131, 132, 133, 134, 135):
        assert f"Indicator {number}:" in text
    assert "DRAFT" not in text
    assert "Finance Monitoring Report - August 2024" in text
    # Red 8, Amber 2, Green 4, Blue 3, Contextual 2: 19 counted, 128 apart as not updated.
    counts = re.search(r"Red (\d+) \d+% Amber (\d+) \d+% Green (\d+) \d+% Blue (\d+) \d+%", text)
    assert counts and counts.groups() == ("8", "2", "4", "3")
    assert "1 indicator moved from Amber to Green: Indicator 9" in text
    assert "1 indicator moved from Green to Blue: Indicator 11" in text
    outline_titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                outline_titles.append(item.title)

    walk(reader.outline)
    assert sum(title.startswith("Indicator ") for title in outline_titles) == 20
    assert any("Finance Monitoring Report" in title for title in outline_titles)
