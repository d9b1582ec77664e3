"""The return check accepts a figure marked not available (with no value) instead of a value."""

from dataclasses import dataclass
from decimal import Decimal

from tests.commentary.test_checks import Content, problems


@dataclass
class ContentWithAvailability(Content):
    not_available: bool = False
    not_available_reason: str = ""


def test_a_figure_not_available_needs_no_value():
    content = ContentWithAvailability(value=None, not_available=True, not_available_reason="Case system upgrade")

    assert problems(content, rag_status=None) == []


def test_a_figure_not_available_with_a_value_names_the_fix():
    assert problems(ContentWithAvailability(not_available=True)) == [
        (
            "value",
            "Indicator 117: the figure is marked not available, so it has no value: clear the value, or untick "
            "“not available”.",
        )
    ]


def test_a_figure_cannot_be_both_not_available_and_not_updated():
    content = ContentWithAvailability(value=None, not_available=True, not_updated=True, not_updated_reason="Late")

    assert problems(content, rag_status=None) == [
        (
            "not_available",
            "Indicator 117: a figure is either not available or not updated, not both: untick one of them.",
        )
    ]


def test_a_return_without_the_field_still_needs_a_value():
    assert [field for field, _ in problems(Content(value=None), rag_status=None)] == ["value"]
    assert problems(ContentWithAvailability(value=Decimal("78.9"))) == []
