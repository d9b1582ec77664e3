"""Exempt (Part 2) items in a real browser: the item form, the meeting page and both packs' HTML pass
axe-core's WCAG 2.2 AA checks, and the public pack reads as a notice, not as the item."""

import pytest

from reports.exempt import public_notice
from reports.render import pack_render
from tests.reports.exempt_factories import DESCRIPTION, SECRETS, exempt_item_add
from tests.reports.render.test_exempt import _exempt_pack
from tests.reports.workflow_factories import pack_ready_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting(committee, area, quarter, governance, member, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    meeting = pack_ready_meeting(committee=committee, area=area, quarter=quarter)
    exempt_item_add(meeting)
    return meeting


def test_the_exempt_items_form_and_the_meeting_page_are_accessible(page, sign_in, assert_accessible, meeting):
    item = meeting.items.get(number=9)
    sign_in(page, "governance")

    page.goto(f"/meetings/{meeting.pk}/items/{item.pk}/")

    select = page.get_by_label("Exempt (Part 2) under")
    assert select.input_value() == "3"
    assert page.get_by_label("Description for the public agenda").input_value() == DESCRIPTION
    assert_accessible(page)
    page.goto(f"/meetings/{meeting.pk}/")
    assert page.get_by_text("Exempt: paragraph 3").is_visible()
    assert_accessible(page)


def test_the_public_and_the_members_pack_html_are_accessible(page, assert_accessible, tmp_path):
    rendered = pack_render(pack=_exempt_pack(tmp_path))

    page.set_content(rendered.public.html)

    assert page.get_by_text(public_notice(3)).is_visible()
    assert SECRETS["title"] not in page.content()
    assert_accessible(page)
    page.set_content(rendered.html)
    assert page.get_by_role("heading", name=f"9. {SECRETS['title']} residential placement contract award").count() == 1
    assert_accessible(page)
