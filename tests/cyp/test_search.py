"""Search: indicators, returns, plan actions and papers, each only as the person may see it, the words marked safely."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from cyp.enums import Role
from cyp.search import highlight, search_words, snippet
from tests.commentary.factories import ReturnFactory
from tests.factories import CommitteeFactory, IndicatorFactory, ServiceAreaFactory, UserFactory
from tests.plans.factories import ActionFactory, PlanFactory, RecommendationFactory
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory

SEARCH = reverse("search")


def found(response) -> dict[str, list[str]]:
    """kind -> the titles found, as plain text."""
    return {kind["key"]: [strip_tags(hit["title"]) for hit in kind["hits"]] for kind in response.context["kinds"]}


@pytest.fixture
def other_body(db):
    return CommitteeFactory(name="Adults and Health Committee")


@pytest.fixture
def data(committee, area, other_area, quarter, other_body):
    """Fostering in every kind: the lead's own return, another area's draft, an action, a paper, and another
    body's indicator."""
    own = IndicatorFactory(committee=committee, service_area=area, number=117, name="Fostering placements")
    ReturnFactory(indicator=own, quarter=quarter, commentary="Fostering recruitment rose this quarter.")
    theirs = IndicatorFactory(committee=committee, service_area=other_area, number=130, name="School readiness")
    ReturnFactory(indicator=theirs, quarter=quarter, commentary="Fostering is not this area's draft to read.")
    plan = PlanFactory(committee=committee)
    ActionFactory(
        plan=plan, recommendation=RecommendationFactory(plan=plan), number="3.2", item="Recruit fostering families"
    )
    AgendaItemFactory(
        meeting=MeetingFactory(committee=committee, quarter=quarter), title="Fostering service annual report"
    )
    adults = ServiceAreaFactory(committee=other_body, name="Adult Social Care", slug="adult-social-care")
    IndicatorFactory(committee=other_body, service_area=adults, number=901, name="Fostering of adults (shared lives)")


def test_governance_finds_every_kind_grouped_with_counts(as_persona, data):
    response = as_persona("governance").get(SEARCH, {"q": "fostering"})

    assert found(response) == {
        "indicators": ["901: Fostering of adults (shared lives)", "117: Fostering placements"],
        "returns": [
            "Indicator 117: Fostering placements, Quarter 1 2024/25",
            "Indicator 130: School readiness, Quarter 1 2024/25",
        ],
        "actions": ["Action 3.2: Recruit fostering families"],
        "papers": [found(response)["papers"][0]],
    }
    assert found(response)["papers"][0].endswith(". Fostering service annual report")
    html = response.content.decode()
    assert "6 results for “fostering”" in html
    assert '<h2 class="h4" id="search-indicators">Indicators (2)</h2>' in html
    assert "<mark>Fostering</mark> placements" in html


def test_a_lead_finds_only_their_own_returns_and_their_bodies(as_persona, data):
    response = as_persona("lead").get(SEARCH, {"q": "fostering"})

    results = found(response)
    assert results["returns"] == ["Indicator 117: Fostering placements, Quarter 1 2024/25"]
    assert results["indicators"] == ["117: Fostering placements"]  # not the other body's 901
    assert "not this area" not in response.content.decode()


def test_an_indicator_is_found_by_its_number(as_persona, data):
    results = found(as_persona("governance").get(SEARCH, {"q": "117"}))

    assert results["indicators"] == ["117: Fostering placements"]
    assert results["returns"] == ["Indicator 117: Fostering placements, Quarter 1 2024/25"]


def test_every_word_must_match(as_persona, data):
    results = found(as_persona("governance").get(SEARCH, {"q": "fostering placements"}))

    assert results["indicators"] == ["117: Fostering placements"]
    assert results["actions"] == []


def test_user_text_and_the_query_are_escaped_and_marked(as_persona, committee, area):
    IndicatorFactory(committee=committee, service_area=area, number=5, name="<script>alert(1)</script> Fostering")

    html = as_persona("governance").get(SEARCH, {"q": "<script> fostering"}).content.decode()

    assert "<script>alert(1)" not in html
    assert "<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; <mark>Fostering</mark>" in html
    assert "1 result for “&lt;script&gt; fostering”" in html


def test_highlight_escapes_everything_and_marks_each_word():
    assert str(highlight("A & B <i>fostering</i>", ["foster", "&"])) == (
        "A <mark>&amp;</mark> B &lt;i&gt;<mark>foster</mark>ing&lt;/i&gt;"
    )


def test_search_words_drop_short_words_and_repeats_and_keep_at_most_eight():
    assert search_words("a care of care leavers") == ["care", "of", "leavers"]
    assert search_words("x") == ["x"]
    assert len(search_words(" ".join(f"word{n}" for n in range(20)))) == 8


def test_snippet_shows_the_text_around_the_first_match():
    text = "Lorem ipsum " * 40 + "the fostering figure " + "dolor sit " * 40

    cut = snippet(text, ["fostering"], width=80)
    assert cut.startswith("…") and cut.endswith("…") and "fostering" in cut and len(cut) <= 82


def test_an_empty_search_searches_nothing(as_persona, data):
    response = as_persona("governance").get(SEARCH)

    assert response.status_code == 200
    assert response.context["kinds"] == []


@pytest.mark.parametrize("persona", ["member", "anonymous"])
def test_members_and_anonymous_cannot_search(as_persona, persona, data):
    response = as_persona(persona).get(SEARCH, {"q": "fostering"})

    assert response.status_code == (403 if persona == "member" else 302)
    assert b"Fostering" not in response.content


def test_the_header_search_box_is_for_staff_only(as_persona, data):
    assert 'id="header-search"' in as_persona("lead").get(reverse("my_returns")).content.decode()
    member = UserFactory(username="member-two", role=Role.MEMBER)
    client = as_persona("anonymous")
    client.force_login(member)
    assert 'id="header-search"' not in client.get(reverse("notifications")).content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_search_runs_the_same_number_of_queries_whatever_the_number_of_hits(
    size, as_persona, committee, area, quarter, django_assert_num_queries
):
    plan = PlanFactory(committee=committee)
    meeting = MeetingFactory(committee=committee, quarter=quarter)
    for number in range(size):
        indicator = IndicatorFactory(committee=committee, service_area=area, number=700 + number, name="Fostering")
        ReturnFactory(indicator=indicator, quarter=quarter, commentary="Fostering rose.")
        ActionFactory(plan=plan, recommendation=RecommendationFactory(plan=plan), item="Fostering families")
        AgendaItemFactory(meeting=meeting, title="Fostering report")
    client = as_persona("governance")
    # session, user, the bodies the person sees (searches and menu), then two a kind (the hits and the count)
    # for four kinds, unread notifications
    with django_assert_num_queries(12):
        response = client.get(SEARCH, {"q": "fostering"})
    assert [kind["total"] for kind in response.context["kinds"]] == [size, size, size, size]
