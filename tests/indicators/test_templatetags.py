"""The dashboard's one-pass row printer: typed cells escaped, the cells cyp formats free of markup."""

import datetime
import re
from decimal import Decimal

import pytest

from indicators.enums import Direction, IndicatorStatus, TargetStatus, Unit
from indicators.selectors import quarter_rows
from indicators.templatetags.indicator_display import DASHBOARD_TYPED, dashboard_rows
from indicators.views import table_rows
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory

MARKUP = re.compile(r"[<>&\"']")


@pytest.fixture
def every_kind_of_row(committee, quarter):
    """Indicators giving every rating, target status, unit, direction and change the dashboard prints."""
    number = 0
    for unit in Unit.values:
        for direction in Direction.values:
            for target in (None, "50.0", "0", *TargetStatus.values):
                for value, previous in (
                    ("80.5", "70.0"),
                    ("20.0", "30.0"),
                    ("47.0", "47.0"),
                    ("51.0", None),
                    ("1234567.5", None),
                ):
                    number += 1
                    indicator = IndicatorFactory(
                        committee=committee,
                        number=number,
                        unit=unit,
                        direction=direction,
                        status=IndicatorStatus.SUSPENDED if number % 29 == 0 else IndicatorStatus.ACTIVE,
                    )
                    if target in TargetStatus.values and target != TargetStatus.NUMERIC:
                        TargetFactory(indicator=indicator, year=quarter.year, value=None, status=target)
                    elif target is not None and target != TargetStatus.NUMERIC:
                        TargetFactory(indicator=indicator, year=quarter.year, value=Decimal(target))
                    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal(value))
                    if previous:
                        FigureFactory(
                            indicator=indicator, period_end=datetime.date(2024, 5, 31), value=Decimal(previous)
                        )
    return number


def test_the_cells_cyp_formats_hold_no_markup_character(committee, quarter, every_kind_of_row):
    cells = table_rows(
        quarter_rows(committee=committee, quarter=quarter), quarter_slug=quarter.slug, committee=committee
    )

    assert len(cells) == every_kind_of_row
    formatted = {key for key in cells[0] if key not in (*DASHBOARD_TYPED, "url")}
    # The target cell is escaped with the typed ones: a second target's name is typed.
    assert {"current", "deviation", "change", "rag", "direction", "arrow"} <= formatted
    printed = {str(row[key]) for row in cells for key in formatted}
    assert {text for text in printed if MARKUP.search(text)} == set()
    assert {"Red", "Blue", "Green", "Amber", "Suspended", "Contextual", "Baseline", "In development"} <= printed


def test_typed_cells_are_cleaned_and_escaped_in_the_rows():
    cells = {
        "number": 7,
        "url": '/bodies/x/indicators/7/?quarter=2024-25-Q1&"',
        "name": "<b>Bold</b> & \"quoted\" 'name'\u202e",
        "service_area": "Children's <Social> Care",
        "not_updated_reason": "<script>alert(1)</script>",
        "current": "31.4%",
        "current_label": "June <2024>",
        "stale": "Data from June <2022>",
        "previous": "–",
        "previous_label": "",
        "target": "30.0%",
        "arrow": "↑",
        "direction": "Higher is better",
        "change": "Improving",
        "sn_mean": "–",
        "england_mean": "–",
        "deviation": "+4.7%",
        "rag": "Green",
        "rag_slug": "green",
    }

    html = dashboard_rows([cells], "body-a-indicator-")

    assert "<b>" not in html and "<script>" not in html and "<Social>" not in html and "\u202e" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; &#x27;name&#x27;" in html
    assert "Children&#x27;s &lt;Social&gt; Care" in html
    assert "<strong>Not updated this quarter:</strong> &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="/bodies/x/indicators/7/?quarter=2024-25-Q1&amp;&quot;"' in html
    assert '<div class="small stale-figure"><strong>Data from June &lt;2022&gt;</strong></div>' in html
    assert '<tr id="body-a-indicator-7">' in html
    assert '<span class="rag rag-green">Green</span>' in html
