"""The catalogue import's ``reported_to`` column: the other bodies an indicator is also reported to."""

import pytest

from cyp.enums import AuditAction
from cyp.models import AuditEvent
from indicators.imports import ImportRejected
from indicators.models import IndicatorShare
from indicators.services import spreadsheet_import
from tests.factories import CommitteeFactory, IndicatorFactory, IndicatorShareFactory

HEADINGS = "number,name,unit,direction,frequency,service_area,reported_to"


@pytest.fixture
def panel(db):
    return CommitteeFactory(name="Corporate Parenting Panel")


@pytest.fixture
def forum(db):
    return CommitteeFactory(name="Schools Forum")


def run(committee, text: str, *, by=None):
    return spreadsheet_import(
        kind="indicators", committee=committee, data=text.encode(), filename="indicators.csv", by=by
    )


def problems(committee, text: str) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        run(committee, text)
    return [str(problem) for problem in rejected.value.problems]


def test_the_import_reports_an_indicator_to_other_bodies_by_slug_or_name(committee, panel, forum, governance):
    text = f"{HEADINGS}\n5,Care leavers in work,percent,higher_is_better,month,Care,{panel.slug}:12; Schools Forum\n"

    summary = run(committee, text, by=governance)

    shares = IndicatorShare.objects.order_by("committee__name").values_list("committee__name", "number")
    assert list(shares) == [("Corporate Parenting Panel", 12), ("Schools Forum", 5)]
    assert "Indicator 5 reported to Corporate Parenting Panel as 12." in summary.notes
    assert AuditEvent.objects.filter(action=AuditAction.INDICATOR_SHARE, actor=governance).count() == 2


def test_the_file_s_list_replaces_the_indicator_s_and_an_empty_cell_stops_sharing(committee, panel, forum):
    indicator = IndicatorFactory(committee=committee, number=5)
    IndicatorShareFactory(indicator=indicator, committee=panel, number=12)
    IndicatorShareFactory(indicator=indicator, committee=forum, number=5)
    area = indicator.service_area.name

    run(committee, f"{HEADINGS}\n5,{indicator.name},percent,higher_is_better,month,{area},{panel.slug}:14\n")
    assert list(indicator.shares.values_list("committee__name", "number")) == [("Corporate Parenting Panel", 14)]

    run(committee, f"{HEADINGS}\n5,{indicator.name},percent,higher_is_better,month,{area},\n")
    assert not indicator.shares.exists()
    assert AuditEvent.objects.filter(action=AuditAction.INDICATOR_UNSHARE).count() == 2


def test_a_file_without_the_column_leaves_the_sharing_as_it_is(committee, panel):
    indicator = IndicatorFactory(committee=committee, number=5)
    IndicatorShareFactory(indicator=indicator, committee=panel, number=12)

    run(
        committee,
        f"number,name,unit,direction,frequency,service_area\n5,Renamed,percent,higher_is_better,month,"
        f"{indicator.service_area.name}\n",
    )

    assert list(indicator.shares.values_list("number", flat=True)) == [12]


def test_every_sharing_problem_is_listed_with_its_line_and_nothing_is_written(committee, panel):
    IndicatorFactory(committee=panel, number=12, name="Panel's own")
    text = (
        f"{HEADINGS}\n"
        "5,First,percent,higher_is_better,month,Care,no-such-body\n"
        f"6,Second,percent,higher_is_better,month,Care,{committee.slug}\n"
        f"7,Third,percent,higher_is_better,month,Care,{panel.slug}:12\n"
        f"8,Fourth,percent,higher_is_better,month,Care,{panel.slug}:twelve\n"
        f"9,Fifth,percent,higher_is_better,month,Care,{panel.slug}:20\n"
        f"10,Sixth,percent,higher_is_better,month,Care,{panel.slug}:20\n"
    )

    listed = problems(committee, text)

    assert len(listed) == 5
    assert listed[0].startswith("Line 2, column reported_to: there is no body \u2018no-such-body\u2019")
    assert "Children and Young People Committee is the indicator's own body" in listed[1]
    assert "Corporate Parenting Panel already prints its own indicator 12: Panel's own as number 12" in listed[2]
    assert "\u2018twelve\u2019 after corporate-parenting-panel is not a whole number" in listed[3]
    assert listed[4].startswith("Line 7, column reported_to: line 6 already reports an indicator to")
    assert not IndicatorShare.objects.exists()
    assert not committee.indicators.exists()


def test_a_new_indicator_may_not_take_a_number_a_shared_one_carries_in_the_body(committee, panel):
    IndicatorShareFactory(indicator=IndicatorFactory(committee=committee, number=5), committee=panel, number=12)

    listed = problems(
        panel, "number,name,unit,direction,frequency,service_area\n12,Clash,percent,higher_is_better,month,Care\n"
    )

    assert listed == [
        "Line 2, column number: number 12 is already printed here for an indicator shared with "
        "Corporate Parenting Panel; choose another number."
    ]
