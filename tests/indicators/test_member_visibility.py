"""Committee members see figures only for periods a published pack covered, and no commentary outside the pack.

The figures rule's home is ``indicators.selectors.figures_visible_until`` (the end of the
latest published quarter) with ``indicators.view_quarter`` (published quarters only);
commentary's is ``commentary.rules`` (members never see returns: they read the pack).
Every test has data that could leak: a figure for September 2024, in Quarter 2, which
no pack has published, and approved commentary for both quarters.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cyp.audit import audit_record
from cyp.enums import AuditAction, ReviewState
from indicators.enums import Unit
from tests.commentary.factories import ReturnFactory
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    TargetFactory,
)
from tests.plans.factories import ActionFactory, PlanFactory, RecommendationFactory
from tests.reports import workflow_factories

Q1, Q2 = "2024-25-Q1", "2024-25-Q2"
PUBLISHED_VALUE, UNPUBLISHED_VALUE = "41.7", "63.5"
PUBLISHED_COMMENTARY = "Published commentary: referrals steady"
UNPUBLISHED_COMMENTARY = "Unpublished commentary: referrals rising"
STAFF = ["lead", "governance", "administrator"]

# The publishing workflow's fixtures, for the test that publishes a real pack.
assemble = workflow_factories.assemble
ready_meeting = workflow_factories.ready_meeting


@pytest.fixture
def world(committee, area, quarter):
    """Quarter 1 published (June 2024: 41.7); Quarter 2 open and unpublished (September 2024: 63.5)."""
    QuarterPublicationFactory(committee=CommitteeFactory(), quarter=quarter)
    second = QuarterFactory(year=quarter.year, number=2, is_open=True)
    indicator = IndicatorFactory(committee=committee, service_area=area, number=1, unit=Unit.PERCENT, decimals=1)
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("22.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal(PUBLISHED_VALUE))
    unpublished = FigureFactory(
        indicator=indicator, period_end=datetime.date(2024, 9, 30), value=Decimal(UNPUBLISHED_VALUE)
    )
    audit_record(action=AuditAction.FIGURE_CHANGE, target=unpublished, changes={"value": [None, UNPUBLISHED_VALUE]})
    ReturnFactory(
        indicator=indicator, quarter=quarter, state=ReviewState.APPROVED, locked=True, commentary=PUBLISHED_COMMENTARY
    )
    ReturnFactory(
        indicator=indicator,
        quarter=second,
        state=ReviewState.APPROVED,
        commentary=UNPUBLISHED_COMMENTARY,
        period_label="September 2024",
        period_start=datetime.date(2024, 9, 1),
        period_end=datetime.date(2024, 9, 30),
        value=Decimal(UNPUBLISHED_VALUE),
    )
    return {"indicator": indicator, "second": second}


def publish(quarter) -> None:
    QuarterPublicationFactory(committee=CommitteeFactory(), quarter=quarter)


def dashboard(quarter: str) -> str:
    return reverse("dashboard", kwargs={"quarter": quarter})


def export(quarter: str, fmt: str) -> str:
    return reverse("export_quarter", kwargs={"quarter": quarter}) + f"?format={fmt}"


def xlsx_values(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row]


def chart_svg(html: str) -> str:
    match = re.search(r"<svg.*?</svg>", html, re.S)
    assert match, "the indicator page draws its trend chart"
    return match.group(0)


# --- Figures: cannot ---------------------------------------------------------------------------------


def test_member_cannot_open_the_dashboard_of_an_unpublished_quarter(as_persona, world):
    response = as_persona("member").get(dashboard(Q2))

    assert response.status_code == 403
    assert UNPUBLISHED_VALUE not in response.content.decode()


def test_member_dashboard_of_the_published_quarter_shows_its_figures_only(as_persona, world):
    response = as_persona("member").get(dashboard(Q1))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"{PUBLISHED_VALUE}%" in html
    assert UNPUBLISHED_VALUE not in html
    assert "September 2024" not in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_member_cannot_export_an_unpublished_quarter(as_persona, world, fmt):
    response = as_persona("member").get(export(Q2, fmt))

    assert response.status_code == 403
    assert UNPUBLISHED_VALUE.encode() not in response.content


def test_member_csv_export_of_the_published_quarter_has_no_later_figure(as_persona, world):
    response = as_persona("member").get(export(Q1, "csv"))

    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert PUBLISHED_VALUE in text
    assert UNPUBLISHED_VALUE not in text
    assert "September 2024" not in text


def test_member_xlsx_export_of_the_published_quarter_has_no_later_figure(as_persona, world):
    response = as_persona("member").get(export(Q1, "xlsx"))

    values = [str(value) for value in xlsx_values(response.content) if value is not None]
    assert response.status_code == 200
    assert any(value.startswith(PUBLISHED_VALUE) for value in values)
    assert not any(UNPUBLISHED_VALUE in value or "September 2024" in value for value in values)


def test_member_indicator_page_its_chart_and_history_stop_at_the_published_quarter(as_persona, world):
    response = as_persona("member").get(reverse("indicator_detail", kwargs={"number": 1}))

    html = response.content.decode()
    assert response.status_code == 200
    assert PUBLISHED_VALUE in html
    assert UNPUBLISHED_VALUE not in html
    assert "September 2024" not in html
    assert "June 2024" in chart_svg(html)
    assert "September 2024" not in chart_svg(html)


def test_member_cannot_ask_the_indicator_page_for_an_unpublished_quarter(as_persona, world):
    response = as_persona("member").get(reverse("indicator_detail", kwargs={"number": 1}) + f"?quarter={Q2}")

    assert response.status_code == 403
    assert UNPUBLISHED_VALUE not in response.content.decode()


def test_member_indicator_page_has_no_timeline_of_changes(as_persona, world):
    member = as_persona("member").get(reverse("indicator_detail", kwargs={"number": 1})).content.decode()
    governance = as_persona("governance").get(reverse("indicator_detail", kwargs={"number": 1})).content.decode()

    assert "History of changes and decisions" not in member
    assert "History of changes and decisions" in governance
    assert UNPUBLISHED_VALUE in governance


def test_member_plan_page_rates_linked_indicators_for_the_published_quarter_only(as_persona, world, committee):
    plan = PlanFactory(committee=committee)
    ActionFactory(recommendation=RecommendationFactory(plan=plan), indicators=[world["indicator"]])

    html = as_persona("member").get(reverse("plans:plan_detail", kwargs={"plan_id": plan.pk}) + "?on=2024-10-08")

    content = html.content.decode()
    assert "as reported for Quarter 1 2024/25" in content
    assert f"{PUBLISHED_VALUE}%" in content
    assert UNPUBLISHED_VALUE not in content


# --- Commentary: cannot ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [dashboard(Q1), export(Q1, "csv"), reverse("indicator_detail", kwargs={"number": 1}), reverse("meeting_list")],
)
def test_member_sees_no_commentary_outside_the_published_pack(as_persona, world, url):
    response = as_persona("member").get(url)

    content = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert UNPUBLISHED_COMMENTARY not in content
    assert PUBLISHED_COMMENTARY not in content


@pytest.mark.parametrize("locked", [True, False])
def test_member_cannot_open_an_approved_return_locked_or_not(as_persona, world, locked):
    from commentary.models import Return

    ret = Return.objects.get(locked=locked)

    response = as_persona("member").get(reverse("return_detail", kwargs={"pk": ret.pk}))

    assert response.status_code == 404
    assert ret.commentary not in response.content.decode()


# --- Staff, and after publication: can ---------------------------------------------------------------


@pytest.mark.parametrize("persona", STAFF)
def test_staff_see_the_unpublished_quarter_before_publication(as_persona, persona, world):
    response = as_persona(persona).get(dashboard(Q2))

    assert response.status_code == 200
    assert f"{UNPUBLISHED_VALUE}%" in response.content.decode()


def test_member_sees_the_quarter_once_it_is_published(as_persona, world):
    publish(world["second"])
    client = as_persona("member")

    page = client.get(dashboard(Q2))
    indicator = client.get(reverse("indicator_detail", kwargs={"number": 1})).content.decode()
    csv_text = client.get(export(Q2, "csv")).content.decode("utf-8-sig")

    assert page.status_code == 200
    assert f"{UNPUBLISHED_VALUE}%" in page.content.decode()
    assert "September 2024" in chart_svg(indicator)
    assert UNPUBLISHED_VALUE in csv_text


def test_a_published_pack_without_the_performance_report_publishes_no_figures(
    ready_meeting, assemble, as_persona, governance
):
    from reports.enums import AgendaItemKind
    from reports.services.publishing import pack_publish

    ready_meeting.items.filter(kind=AgendaItemKind.PERFORMANCE_REPORT).delete()

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert ready_meeting.quarter.publication_for(ready_meeting.committee) is None
    assert as_persona("member").get(dashboard(ready_meeting.quarter.slug)).status_code == 403
