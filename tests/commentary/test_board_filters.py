"""The returns board's filters: state, service area, RAG and warnings, with counts and a way back."""

import pytest
from django.urls import reverse

from commentary.services import return_submit
from cyp.enums import ReviewState
from tests.commentary.factories import ReturnFactory
from tests.factories import IndicatorFactory

BOARD = reverse("governance_board", kwargs={"quarter": "2024-25-Q1"})


def shown_numbers(response) -> list[int]:
    return [row.indicator.number for group in response.context["filtered"].groups for row in group.rows]


@pytest.fixture
def warned(committee, area, quarter):
    """Indicator 12 in the lead's area, drafted with commentary that contradicts its figure (a warning)."""
    indicator = IndicatorFactory(committee=committee, number=12, name="Care leavers in touch", service_area=area)
    return ReturnFactory(indicator=indicator, quarter=quarter, commentary="Take-up was 73.2% this quarter.")


def test_the_board_unfiltered_shows_every_return_and_says_so(as_persona, ret, other_ret, warned):
    response = as_persona("governance").get(BOARD)

    assert shown_numbers(response) == [11, 12, 130]
    assert "Showing 3 of 3 returns." in response.content.decode()
    assert "Clear filters" not in response.content.decode()


def test_the_board_filters_by_state(as_persona, ret, other_ret, lead):
    return_submit(ret=ret, by=lead)

    response = as_persona("governance").get(BOARD, {"state": "submitted"})

    assert shown_numbers(response) == [11]
    html = response.content.decode()
    assert "Showing 1 of 2 returns (filtered)." in html
    assert f'<a class="btn btn-link" href="{BOARD}">Clear filters</a>' in html
    assert '<option value="submitted" selected>Submitted</option>' in html


def test_the_board_filters_by_service_area(as_persona, ret, other_ret):
    response = as_persona("governance").get(BOARD, {"area": "education"})

    assert shown_numbers(response) == [130]


def test_the_board_filters_by_rag(as_persona, ret, other_ret):
    # 11 is Blue (78.9% against 75.0%); 130 has no target, so no rating.
    assert shown_numbers(as_persona("governance").get(BOARD, {"rag": "blue"})) == [11]
    assert shown_numbers(as_persona("governance").get(BOARD, {"rag": "none"})) == [130]


def test_the_board_filters_by_warnings(as_persona, ret, warned):
    assert shown_numbers(as_persona("governance").get(BOARD, {"warnings": "yes"})) == [12]
    assert shown_numbers(as_persona("governance").get(BOARD, {"warnings": "no"})) == [11]


def test_the_filters_combine(as_persona, ret, warned, other_ret):
    response = as_persona("governance").get(BOARD, {"area": "childrens-social-care", "warnings": "no"})

    assert shown_numbers(response) == [11]


def test_an_unknown_filter_value_is_named_and_ignored(as_persona, ret, other_ret):
    response = as_persona("governance").get(BOARD, {"state": "lost", "rag": "purple"}, follow=True)

    assert shown_numbers(response) == [11, 130]
    texts = [str(message) for message in response.context["messages"]]
    assert texts[0].startswith("State: “lost” is not one of the choices (“Not started”, “Draft”, “Submitted”")
    assert texts[1].startswith("RAG: “purple” is not one of the choices (“Blue”, “No rating”)")


def test_a_filter_that_matches_nothing_says_so_with_a_way_back(as_persona, ret):
    html = as_persona("governance").get(BOARD, {"state": "approved"}).content.decode()

    assert "Showing 0 of 1 return (filtered)." in html
    assert f'No return matches these filters. <a href="{BOARD}">Clear filters</a> to see all 1.' in html


def test_the_filters_are_labelled_controls_of_a_get_form(as_persona, ret):
    html = as_persona("governance").get(BOARD).content.decode()

    for name, label in (("state", "State"), ("area", "Service area"), ("rag", "RAG"), ("warnings", "Warnings")):
        assert f'<label class="form-label" for="filter-{name}">{label}</label>' in html
        assert f'id="filter-{name}" name="{name}"' in html


def test_the_plan_flags_are_collapsed_below_the_returns(as_persona, ret):
    html = as_persona("governance").get(BOARD).content.decode()

    assert html.index('<details class="mb-4 mt-4 board-plan-flags">') > html.index(
        '<caption class="visually-hidden">Returns of'
    )


def test_the_board_is_still_closed_to_leads_and_members(as_persona, ret):
    for persona in ("lead", "member"):
        assert as_persona(persona).get(BOARD, {"state": "draft"}).status_code == 403
    assert as_persona("anonymous").get(BOARD, {"state": "draft"}).status_code == 302


@pytest.mark.parametrize("size", [2, 8])
def test_a_filtered_board_runs_the_same_number_of_queries_whatever_the_number_of_returns(
    size, as_persona, committee, area, quarter, django_assert_num_queries
):
    for number in range(size):
        ReturnFactory(
            indicator=IndicatorFactory(committee=committee, service_area=area, number=500 + number),
            quarter=quarter,
            state=ReviewState.DRAFT,
        )
    client = as_persona("governance")
    # As the unfiltered board (tests/commentary/test_views.py): the filters read nothing of their own.
    with django_assert_num_queries(14):
        response = client.get(BOARD, {"state": "draft", "area": area.slug})
    assert len(shown_numbers(response)) == size
