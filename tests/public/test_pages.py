"""The public site's pages, read without signing in: what each shows, and what none ever shows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cyp.models import QuarterPublication
from indicators.services import figure_correct, figures_lock
from reports.services import files
from tests.factories import FigureFactory, IndicatorFactory, QuarterFactory
from tests.public.conftest import (
    SECRET_DRAFT_VALUE,
    SECRET_EXEMPT_COVER,
    SECRET_EXEMPT_TITLE,
    SECRET_LATER_ITEM,
    SECRET_MEMBERS_PACK,
    SECRET_OTHER_BODY,
    assert_no_secret,
)


def page_urls(world) -> list[str]:
    body, other = world.body, world.other_body
    day = world.meeting.date.isoformat()
    return [
        reverse("public:home"),
        reverse("public:api"),
        reverse("public:openapi"),
        reverse("public:body", kwargs={"committee": body}),
        reverse("public:body", kwargs={"committee": other}),
        reverse("public:meeting", kwargs={"committee": body, "day": day}),
        reverse("public:indicators", kwargs={"committee": body}),
        reverse("public:indicators", kwargs={"committee": other}),
        reverse("public:indicator", kwargs={"committee": body, "number": world.indicator.number}),
        reverse("public:indicator", kwargs={"committee": other, "number": world.other_indicator.number}),
        reverse("public:figures_csv", kwargs={"committee": body}),
        reverse("public:figures_json", kwargs={"committee": body}),
    ]


def test_anonymous_reads_every_page_cacheable_by_anyone_and_without_a_cookie(client, public_world):
    for url in page_urls(public_world):
        response = client.get(url)

        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=300", url
        assert not response.cookies, f"{url} sets a cookie"
        assert "Cookie" not in response.get("Vary", ""), url
        text = response.content.decode()
        assert "csrfmiddlewaretoken" not in text, url
        assert_no_secret(text, url)


@pytest.mark.parametrize("persona", ["governance", "lead", "member", "administrator"])
def test_a_signed_in_person_gets_the_public_page_and_nothing_behind_sign_in(persona, as_persona, public_world):
    client = as_persona(persona)
    for url in page_urls(public_world):
        response = client.get(url)

        assert response.status_code == 200, url
        assert "Sign out" not in response.content.decode(), url
        assert_no_secret(response.content.decode(), f"{url} as {persona}")


def test_public_pages_refuse_posts(client, public_world):
    response = client.post(reverse("public:body", kwargs={"committee": public_world.body}))

    assert response.status_code == 405


def test_home_lists_every_body_with_what_it_published(client, public_world):
    text = client.get(reverse("public:home")).content.decode()

    assert "Children and Young People Committee" in text
    assert "Corporate Parenting Board" in text
    assert reverse("public:body", kwargs={"committee": public_world.other_body}) in text


def test_body_page_lists_its_published_meetings_and_latest_quarter(client, public_world):
    text = client.get(reverse("public:body", kwargs={"committee": public_world.body})).content.decode()

    assert "8 October 2024" in text
    assert "Version 2" in text
    assert "The latest figures published are for <strong>Quarter 1 2024/25</strong>" in text


def test_each_body_shows_only_its_own_meetings_and_figures(client, public_world):
    body_text = client.get(reverse("public:body", kwargs={"committee": public_world.body})).content.decode()
    other_text = client.get(reverse("public:body", kwargs={"committee": public_world.other_body})).content.decode()

    assert "5 November 2024" not in body_text
    assert "8 October 2024" not in other_text
    assert "No meeting of the board has been published yet." in other_text
    assert "The board has not published any quarter's performance figures yet." in other_text


def test_a_meeting_with_only_a_draft_build_does_not_exist_for_the_public(client, public_world):
    url = reverse("public:meeting", kwargs={"committee": public_world.other_body, "day": "2024-11-05"})

    response = client.get(url)

    assert response.status_code == 404
    assert "Corporate Parenting Board has no published meeting on 2024-11-05" in response.content.decode()
    assert_no_secret(response.content.decode())


def test_a_meeting_of_one_body_is_not_found_at_the_other_bodys_address(client, public_world):
    url = reverse("public:meeting", kwargs={"committee": public_world.other_body, "day": "2024-10-08"})

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("day", ["2024-13-01", "yesterday", "2024-10-09"])
def test_a_meeting_address_that_names_no_published_meeting_is_not_found(client, public_world, day):
    response = client.get(reverse("public:meeting", kwargs={"committee": public_world.body, "day": day}))

    assert response.status_code == 404
    assert "The body&#x27;s page lists every meeting it has published." in response.content.decode()


def test_the_meeting_agenda_shows_an_exempt_item_only_as_its_notice(client, public_world):
    url = reverse("public:meeting", kwargs={"committee": public_world.body, "day": "2024-10-08"})

    text = client.get(url).content.decode()

    assert "Apologies for absence" in text
    assert "Corporate Performance Report" in text
    assert (
        "This item is exempt from publication under paragraph 3 of Part 1 of Schedule 12A to the Local Government "
        "Act 1972" in text
    )
    assert SECRET_EXEMPT_TITLE not in text
    assert SECRET_EXEMPT_COVER not in text


def test_the_meeting_agenda_leaves_out_an_item_added_since_the_latest_version(client, public_world):
    url = reverse("public:meeting", kwargs={"committee": public_world.body, "day": "2024-10-08"})

    assert SECRET_LATER_ITEM not in client.get(url).content.decode()


def test_an_item_made_exempt_after_publication_is_shown_as_its_notice(client, public_world):
    public_world.meeting.items.filter(number=8).update(exempt_paragraph=1)
    url = reverse("public:meeting", kwargs={"committee": public_world.body, "day": "2024-10-08"})

    text = client.get(url).content.decode()

    assert "Corporate Performance Report" not in text
    assert "under paragraph 1 of Part 1 of Schedule 12A" in text


def test_the_meeting_lists_earlier_versions_with_their_dates_and_sha256(client, public_world):
    url = reverse("public:meeting", kwargs={"committee": public_world.body, "day": "2024-10-08"})
    earlier = public_world.meeting.versions.get(number=1)

    text = client.get(url).content.decode()

    assert "Version 2, published" in text
    assert '<th scope="row">Version 1</th>' in text
    assert earlier.public_sha256 in text
    assert earlier.published_at.strftime("%-d %B %Y") in text


def test_the_public_pdf_is_the_public_pack_never_the_members(client, public_world):
    url = reverse(
        "public:pack_file",
        kwargs={"committee": public_world.body, "day": "2024-10-08", "number": 2, "extension": "pdf"},
    )

    response = client.get(url)

    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert data == files.read(public_world.version.public_pdf_path)
    assert SECRET_MEMBERS_PACK.encode() not in data
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "public, max-age=300"


def test_the_meeting_page_links_the_public_files_of_the_latest_version(client, public_world):
    url = reverse("public:meeting", kwargs={"committee": public_world.body, "day": "2024-10-08"})

    text = client.get(url).content.decode()

    assert "/public/children-and-young-people/meetings/2024-10-08/v2/pack.pdf" in text
    assert "/public/children-and-young-people/meetings/2024-10-08/v2/pack.html" in text


@pytest.mark.parametrize(
    ("number", "extension"),
    [(3, "pdf"), (2, "exe"), (2, "public_pdf")],
)
def test_a_file_that_was_not_published_is_not_found(client, public_world, number, extension):
    url = reverse(
        "public:pack_file",
        kwargs={"committee": public_world.body, "day": "2024-10-08", "number": number, "extension": extension},
    )

    assert client.get(url).status_code == 404


def test_the_other_bodys_address_does_not_serve_this_bodys_files(client, public_world):
    url = reverse(
        "public:pack_file",
        kwargs={"committee": public_world.other_body, "day": "2024-10-08", "number": 2, "extension": "pdf"},
    )

    assert client.get(url).status_code == 404


def test_indicators_show_the_latest_published_quarter_and_never_the_draft_one(client, public_world):
    text = client.get(reverse("public:indicators", kwargs={"committee": public_world.body})).content.decode()

    assert "As published for <strong>Quarter 1 2024/25</strong>" in text
    assert "78.9%" in text
    assert "June 2024" in text
    assert SECRET_DRAFT_VALUE not in text
    assert '<span class="rag rag-blue">Blue</span>' in text  # the rating is written, never colour alone


def test_the_quarter_chooser_offers_only_published_quarters(client, public_world):
    earlier = QuarterFactory(year__start_year=2023, number=4)
    QuarterPublication.objects.create(committee=public_world.body, quarter=earlier)

    text = client.get(reverse("public:indicators", kwargs={"committee": public_world.body})).content.decode()

    assert '<option value="2024-25-Q1" selected>Quarter 1 2024/25</option>' in text
    assert '<option value="2023-24-Q4">Quarter 4 2023/24</option>' in text
    assert "2024-25-Q2" not in text


def test_an_earlier_published_quarter_shows_its_own_figures(client, public_world):
    earlier = QuarterFactory(year__start_year=2023, number=4)
    QuarterPublication.objects.create(committee=public_world.body, quarter=earlier)
    FigureFactory(indicator=public_world.indicator, period_end=datetime.date(2024, 3, 31), value=Decimal("70.2"))
    url = reverse("public:indicators", kwargs={"committee": public_world.body}) + "?quarter=2023-24-Q4"

    text = client.get(url).content.decode()

    assert "As published for <strong>Quarter 4 2023/24</strong>" in text
    assert "70.2%" in text
    assert "78.9%" not in text


def test_an_unpublished_quarter_is_not_found_and_the_page_names_the_published_ones(client, public_world):
    url = reverse("public:indicators", kwargs={"committee": public_world.body}) + "?quarter=2024-25-Q2"

    response = client.get(url)

    assert response.status_code == 404
    assert "has not published the quarter &#x27;2024-25-Q2&#x27;. Published quarters: 2024-25-Q1." in (
        response.content.decode()
    )
    assert_no_secret(response.content.decode())


def test_another_bodys_publication_publishes_nothing_of_this_body(client, public_world):
    text = client.get(reverse("public:indicators", kwargs={"committee": public_world.other_body})).content.decode()

    assert "Corporate Parenting Board has not published any quarter&#x27;s figures yet." in text
    assert "Placements" not in text


def test_the_indicator_page_shows_the_published_history_and_the_trend_chart(client, public_world):
    url = reverse("public:indicator", kwargs={"committee": public_world.body, "number": 11})

    text = client.get(url).content.decode()

    assert "Indicator 11: Two-year-olds taking up free early education" in text
    assert "2 published figures, newest first" in text
    assert "<svg" in text
    assert "Figures up to 30 June 2024" in text
    assert SECRET_DRAFT_VALUE not in text


def test_an_indicator_of_a_body_that_published_nothing_shows_no_figure(client, public_world):
    url = reverse("public:indicator", kwargs={"committee": public_world.other_body, "number": 11})

    text = client.get(url).content.decode()

    assert "Corporate Parenting Board has not published any quarter's figures yet, so no figures are shown." in text
    assert "12.0" not in text
    assert SECRET_OTHER_BODY not in text


def test_an_indicator_the_body_does_not_report_is_not_found(client, public_world):
    response = client.get(reverse("public:indicator", kwargs={"committee": public_world.body, "number": 999}))

    assert response.status_code == 404
    assert "reports no indicator 999" in response.content.decode()


def test_a_figure_corrected_after_publication_shows_as_published(client, public_world, governance):
    figures_lock(
        committee=public_world.body, until=public_world.quarter.end, meeting_date=public_world.meeting.date, version=2
    )
    figure_correct(
        indicator=public_world.indicator,
        period_end=datetime.date(2024, 6, 30),
        fields={"value": Decimal("80.5")},
        by=governance,
        reason="The June return was resubmitted",
    )

    indicators = client.get(reverse("public:indicators", kwargs={"committee": public_world.body})).content.decode()
    history = client.get(
        reverse("public:indicator", kwargs={"committee": public_world.body, "number": 11})
    ).content.decode()

    assert "78.9%" in indicators and "80.5%" not in indicators
    assert "78.9%" in history and "80.5%" not in history


def test_typed_text_is_escaped_and_long_text_is_shown_whole(client, public_world):
    long_reason = "The school census was late this term. " * 135
    indicator = IndicatorFactory(committee=public_world.body, number=12, name="<script>alert('x')</script> attendance")
    FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 6, 30),
        not_updated=True,
        not_updated_reason=long_reason,
    )

    response = client.get(reverse("public:indicators", kwargs={"committee": public_world.body}))

    text = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; attendance" in text
    assert long_reason.strip() in text
    assert len(long_reason) > 5000


def _bodies_with_meetings(count: int, governance):
    from tests.public.conftest import public_version
    from tests.reports.workflow_factories import MeetingFactory, ready_build

    quarter = QuarterFactory(year__start_year=2024, number=1)
    for n in range(count):
        from tests.factories import CommitteeFactory

        body = CommitteeFactory(name=f"Panel {n}")
        QuarterPublication.objects.create(committee=body, quarter=quarter)
        for day in (1, 2):
            meeting = MeetingFactory(committee=body, quarter=quarter, date=datetime.date(2024, 10, day))
            public_version(ready_build(meeting, by=governance, draft=False), by=governance)


@pytest.mark.parametrize("count", [2, 6])
def test_the_bodies_list_runs_a_fixed_number_of_queries(
    client, governance, settings, tmp_path, count, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    _bodies_with_meetings(count, governance)

    with django_assert_max_num_queries(1):
        response = client.get(reverse("public:home"))

    assert response.content.decode().count("Panel ") == count


@pytest.mark.parametrize("meetings", [1, 5])
def test_the_body_page_runs_a_fixed_number_of_queries(
    client, public_world, governance, meetings, django_assert_max_num_queries
):
    from tests.public.conftest import public_version
    from tests.reports.workflow_factories import MeetingFactory, ready_build

    for n in range(meetings):
        meeting = MeetingFactory(
            committee=public_world.body, quarter=public_world.quarter, date=datetime.date(2025, 1, 1 + n)
        )
        public_version(ready_build(meeting, by=governance, draft=False), by=governance)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("public:body", kwargs={"committee": public_world.body}))

    assert response.content.decode().count("Version 1</td>") == meetings


@pytest.mark.parametrize("indicators", [3, 30])
def test_the_indicators_page_runs_a_fixed_number_of_queries(
    client, public_world, indicators, django_assert_max_num_queries
):
    for n in range(indicators):
        indicator = IndicatorFactory(committee=public_world.body, number=200 + n)
        FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30))

    with django_assert_max_num_queries(7):
        response = client.get(reverse("public:indicators", kwargs={"committee": public_world.body}))

    assert response.content.decode().count('<tr id="indicator-') == indicators + 1


@pytest.mark.parametrize("extra_versions", [0, 5])
def test_the_meeting_page_runs_a_fixed_number_of_queries(
    client, public_world, governance, extra_versions, django_assert_max_num_queries
):
    from tests.public.conftest import public_version
    from tests.reports.workflow_factories import ready_build

    for _ in range(extra_versions):
        public_version(ready_build(public_world.meeting, by=governance, draft=False), by=governance)
    url = reverse("public:meeting", kwargs={"committee": public_world.body, "day": "2024-10-08"})

    with django_assert_max_num_queries(4):
        response = client.get(url)

    assert response.content.decode().count('<th scope="row">Version ') == 1 + extra_versions


@pytest.mark.parametrize("address", ["/public/no-such-body/", "/public/no-such-body/indicators/", "/public/x/y/z"])
def test_an_address_under_public_that_names_nothing_gets_the_public_not_found_page(client, public_world, address):
    response = client.get(address)

    assert response.status_code == 404
    text = response.content.decode()
    assert "There is nothing at this address. If you typed it, check it" in text
    assert "Go to your dashboard" not in text
    assert not response.cookies


def test_an_indicator_shared_with_another_body_is_public_there_under_that_bodys_number(client, public_world):
    from indicators.models import IndicatorShare

    IndicatorShare.objects.create(indicator=public_world.indicator, committee=public_world.other_body, number=5)
    QuarterPublication.objects.create(committee=public_world.other_body, quarter=public_world.quarter)

    listed = client.get(reverse("public:indicators", kwargs={"committee": public_world.other_body})).content.decode()
    shown = client.get(reverse("public:indicator", kwargs={"committee": public_world.other_body, "number": 5}))
    figures = client.get(reverse("public:figures_json", kwargs={"committee": public_world.other_body})).json()

    assert reverse("public:indicator", kwargs={"committee": public_world.other_body, "number": 5}) in listed
    assert "Indicator 5: Two-year-olds taking up free early education" in shown.content.decode()
    assert "78.9%" in shown.content.decode()
    assert [(figure["indicator"], figure["value"]) for figure in figures["figures"]] == [(5, 78.9), (11, 12.0)]


def test_a_head_request_gets_the_headers_without_the_page(client, public_world):
    response = client.head(reverse("public:indicators", kwargs={"committee": public_world.body}))

    assert response.status_code == 200
    assert response.content == b""
    assert response["Cache-Control"] == "public, max-age=300"
