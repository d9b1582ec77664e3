"""Derived figures, written: they follow every write of a month, refuse typing, and respect published packs."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyp.enums import AuditAction
from cyp.models import AuditEvent
from indicators import derive, services_derive
from indicators.enums import DenominatorRule, Derivation, FigureSource, PeriodBasis, Unit
from indicators.models import Figure, FigureLock
from indicators.services import FigureChange, FigureDerived, figure_correct, figure_write, figures_write
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

D = Decimal
COUNTS = [30, 35, 32, 38, 31, 36, 40, 33, 34, 37, 36, 30]  # July 2023 to June 2024: 412


@pytest.fixture
def rolling(committee, area):
    return IndicatorFactory(
        committee=committee,
        service_area=area,
        number=21,
        unit=Unit.RATE_PER_10000,
        formula="(X/Y)*10,000",
        reporting_basis=PeriodBasis.ROLLING_12_MONTHS,
        derivation=Derivation.ROLLING_12_MONTHS,
        derivation_denominator=DenominatorRule.POPULATION,
        population=D(61200),
    )


@pytest.fixture
def ytd(committee, area):
    return IndicatorFactory(
        committee=committee,
        service_area=area,
        number=22,
        unit=Unit.PERCENT,
        reporting_basis=PeriodBasis.YEAR_TO_DATE,
        derivation=Derivation.YEAR_TO_DATE,
        derivation_denominator=DenominatorRule.SUM,
    )


def month_change(indicator, first: datetime.date, numerator, denominator=None) -> FigureChange:
    fields = {
        "period_start": first,
        "period_label": derive.month_name(first),
        "numerator": D(numerator),
        "denominator": None if denominator is None else D(denominator),
        "value": D(numerator) if denominator is None else D(numerator) / D(denominator) * 100,
    }
    return FigureChange(indicator, derive.month_end(first), fields)


def write_months(indicator, first, numerators, denominators=None, *, by=None):
    denominators = denominators or [None] * len(numerators)
    changes = [
        month_change(indicator, derive.add_months(first, index), x, y)
        for index, (x, y) in enumerate(zip(numerators, denominators, strict=True))
    ]
    return figures_write(changes=changes, by=by, reason="Imported from months.xlsx", source=FigureSource.IMPORT)


def derived(indicator, period_end):
    return Figure.objects.get(indicator=indicator, basis=indicator.derivation, period_end=period_end)


def test_writing_twelve_months_derives_the_rolling_rate(rolling, governance):
    write_months(rolling, datetime.date(2023, 7, 1), COUNTS, by=governance)

    june = derived(rolling, datetime.date(2024, 6, 30))
    assert (june.value, june.numerator, june.denominator) == (D("67.3203"), D(412), D(61200))
    assert (june.derived, june.not_available) == (True, False)
    assert (june.period_start, june.period_label) == (datetime.date(2023, 7, 1), "July 2023 to June 2024")
    assert derive.calculation_text(june, rolling) == (
        "412 over 12 months (July 2023 to June 2024) ÷ population 61,200 × 10,000 = 67.3"
    )
    # The months before June 2024 have fewer than 12 months behind them: not available, saying which.
    may = derived(rolling, datetime.date(2024, 5, 31))
    assert (may.value, may.not_available) == (None, True)
    assert "June 2023" in may.not_available_reason
    # The reported figure is the derived one.
    assert Figure.objects.filter(indicator=rolling).reported().get(period_end=datetime.date(2024, 6, 30)) == june


def test_a_derived_figure_is_audited_as_a_change_by_whoever_wrote_the_month(ytd, governance):
    write_months(ytd, datetime.date(2024, 4, 1), [7], [25], by=governance)

    figure = derived(ytd, datetime.date(2024, 4, 30))
    [event] = AuditEvent.objects.filter(action=AuditAction.FIGURE_CHANGE, target_id=figure.pk)
    assert (event.actor, event.comment, event.changes["derived"]) == (
        governance,
        "Imported from months.xlsx",
        [None, True],
    )
    assert figure.history.first().history_change_reason == "Derived from the monthly figures: Imported from months.xlsx"


def test_year_to_date_follows_a_change_to_a_month(ytd, governance):
    write_months(ytd, datetime.date(2024, 4, 1), [7, 6, 8, 9, 5], [25, 28, 30, 27, 22])
    august = derived(ytd, datetime.date(2024, 8, 31))
    assert (august.numerator, august.denominator, august.value) == (D(35), D(132), D("26.5152"))

    figure_write(
        indicator=ytd,
        period_end=datetime.date(2024, 5, 31),
        fields={"numerator": D(10), "denominator": D(28), "value": D("35.7")},
        by=governance,
        reason="Approved 22 May 2024",
        source=FigureSource.APPROVAL,
    )

    august.refresh_from_db()
    assert (august.numerator, august.denominator, august.value) == (D(39), D(132), D("29.5455"))
    assert derive.calculation_text(august, ytd) == "39 of 132 from April to August 2024 = 29.5%"
    april = derived(ytd, datetime.date(2024, 4, 30))
    assert april.value == D("28.0000")  # April alone did not change


def test_a_month_made_not_available_makes_its_year_to_date_not_available(ytd, governance):
    write_months(ytd, datetime.date(2024, 4, 1), [7, 6], [25, 28])

    figure_write(
        indicator=ytd,
        period_end=datetime.date(2024, 4, 30),
        fields={"not_available": True, "not_available_reason": "Not available in the source system"},
        by=governance,
        reason="Imported",
        source=FigureSource.IMPORT,
    )

    april = Figure.objects.get(indicator=ytd, basis=PeriodBasis.IN_PERIOD, period_end=datetime.date(2024, 4, 30))
    assert (april.value, april.not_available) == (None, True)
    may = derived(ytd, datetime.date(2024, 5, 31))
    assert (may.value, may.numerator, may.not_available) == (None, None, True)
    assert may.not_available_reason == (
        "Not derived for April to May 2024: it needs every month of the year to date, and the figure for "
        "April 2024 is missing or not available."
    )


def test_a_value_given_clears_not_available(ytd):
    write_months(ytd, datetime.date(2024, 4, 1), [7], [25])
    figure_write(
        indicator=ytd,
        period_end=datetime.date(2024, 4, 30),
        fields={"not_available": True},
        by=None,
        reason="Imported",
        source=FigureSource.IMPORT,
    )

    write_months(ytd, datetime.date(2024, 4, 1), [8], [25])

    april = Figure.objects.get(indicator=ytd, basis=PeriodBasis.IN_PERIOD, period_end=datetime.date(2024, 4, 30))
    assert (april.value, april.not_available) == (D(32), False)
    assert derived(ytd, datetime.date(2024, 4, 30)).value == D("32.0000")


def test_typing_a_derived_figure_is_refused_and_writes_nothing(ytd, governance):
    with pytest.raises(FigureDerived) as refused:
        figure_write(
            indicator=ytd,
            period_end=datetime.date(2024, 8, 31),
            fields={"value": D("26.5"), "period_start": datetime.date(2024, 4, 1), "period_label": "August 2024"},
            by=governance,
            reason="Typed",
            source=FigureSource.ADMIN,
            basis=PeriodBasis.YEAR_TO_DATE,
        )

    assert refused.value.messages == [
        "Indicator 22, 2024-08-31: This figure is derived from the monthly figures: change the months instead."
    ]
    assert not Figure.objects.filter(indicator=ytd).exists()


def test_a_write_with_no_basis_writes_a_derived_indicators_month(ytd):
    written = figure_write(
        indicator=ytd,
        period_end=datetime.date(2024, 4, 30),
        fields={"value": D(28), "numerator": D(7), "denominator": D(25), "period_start": datetime.date(2024, 4, 1)},
        by=None,
        reason="Approved",
        source=FigureSource.APPROVAL,
    )

    assert written.figure.basis == PeriodBasis.IN_PERIOD
    assert derived(ytd, datetime.date(2024, 4, 30)).value == D("28.0000")


def test_rederiving_an_indicator_whose_months_did_not_change_writes_nothing(ytd):
    write_months(ytd, datetime.date(2024, 4, 1), [7, 6, 8], [25, 28, 30])
    before = AuditEvent.objects.count()

    written = services_derive.derive_for_indicator(ytd)

    assert [result.changes for result in written] == [{}, {}, {}]
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("months", [3, 12])
def test_rederiving_reads_the_same_number_of_queries_whatever_the_months(ytd, months, committee, area):
    numerators = list(range(1, months + 1))
    write_months(ytd, datetime.date(2024, 4, 1), numerators, [40] * months)
    other = IndicatorFactory(
        committee=committee,
        service_area=area,
        number=23,
        unit=Unit.PERCENT,
        reporting_basis=PeriodBasis.YEAR_TO_DATE,
        derivation=Derivation.YEAR_TO_DATE,
    )
    write_months(other, datetime.date(2024, 4, 1), numerators, [40] * months)

    with CaptureQueriesContext(connection) as queries:
        from indicators.services_derive import derive_for_indicators

        derive_for_indicators([ytd, other])

    # The months (1), the locks (1), the committees' rows (1), the figure locks (1), the derived figures (1),
    # and the savepoint around the write (2): none per month or per indicator.
    assert len(queries) == 7


def test_a_writer_of_indicators_without_a_derivation_reads_nothing_more(committee, area):
    plain = IndicatorFactory(committee=committee, service_area=area, number=24)
    change = month_change(plain, datetime.date(2024, 4, 1), 7, 25)
    figures_write(changes=[change], by=None, reason="Imported", source=FigureSource.IMPORT)
    changed = FigureChange(plain, change.period_end, {**change.fields, "value": D(29)})

    with CaptureQueriesContext(connection) as queries:
        figures_write(changes=[changed], by=None, reason="Imported", source=FigureSource.IMPORT)

    # No read of the months: the derivation is known from the indicator, without a query.
    months_read = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and "'in_period'" in q["sql"] and "FOR UPDATE" not in q["sql"]
    ]
    assert months_read == []


# --- Published packs -------------------------------------------------------------------------------


@pytest.fixture
def ytd_published(ytd, committee, governance):
    """April to August 2024 written, and a pack printed the figures to 30 June 2024."""
    write_months(ytd, datetime.date(2024, 4, 1), [7, 6, 8, 9, 5], [25, 28, 30, 27, 22], by=governance)
    FigureLock.objects.create(
        committee=committee, until=datetime.date(2024, 6, 30), meeting_date=datetime.date(2024, 10, 8), version=1
    )
    return ytd


def test_a_derived_figure_a_pack_printed_is_never_rederived_by_an_ordinary_write(ytd_published, governance):
    june = derived(ytd_published, datetime.date(2024, 6, 30))
    Figure.objects.filter(pk=june.pk).update(numerator=D(99))  # as if the months had moved under it

    written = services_derive.derive_for_indicator(ytd_published, by=governance)

    june.refresh_from_db()
    assert june.numerator == D(99)
    assert [result.figure.period_end for result in written] == [
        datetime.date(2024, 7, 31),
        datetime.date(2024, 8, 31),
    ]


def test_a_correction_of_a_published_month_corrects_its_derived_figures_openly(ytd_published, governance):
    figure_correct(
        indicator=ytd_published,
        period_end=datetime.date(2024, 5, 31),
        fields={"numerator": D(10), "value": D("35.7")},
        by=governance,
        reason="The May return was resubmitted.",
    )

    assert derived(ytd_published, datetime.date(2024, 5, 31)).numerator == D(17)
    june = derived(ytd_published, datetime.date(2024, 6, 30))
    assert (june.numerator, june.denominator, june.value) == (D(25), D(83), D("30.1205"))
    assert derived(ytd_published, datetime.date(2024, 8, 31)).numerator == D(39)
    corrected = AuditEvent.objects.filter(action=AuditAction.FIGURE_CORRECT).order_by("id")
    # The month, then its derived figures of May and June (published); July and August are ordinary changes.
    assert [event.comment for event in corrected] == ["The May return was resubmitted."] * 3
    assert Figure.objects.get(pk=corrected[2].target_id) == june


def test_a_derived_figure_cannot_be_corrected_itself(ytd_published, governance):
    with pytest.raises(ValidationError) as refused:
        figure_correct(
            indicator=ytd_published,
            period_end=datetime.date(2024, 6, 30),
            fields={"value": D(30)},
            by=governance,
            reason="Typed",
            basis=PeriodBasis.YEAR_TO_DATE,
        )

    assert refused.value.message_dict == {"value": [derive.DERIVED_TYPED_MESSAGE]}


def test_the_indicator_page_shows_how_the_derived_figure_was_worked_out(as_persona, ytd, quarter):
    write_months(ytd, datetime.date(2024, 4, 1), [7, 6, 8], [25, 28, 30])

    response = as_persona("governance").get("/indicators/22/?quarter=2024-25-Q1")

    assert (
        "<strong>Worked out from the monthly figures:</strong> 21 of 83 from April to June 2024 = 25.3%"
        in response.content.decode()
    )


def test_the_indicator_page_says_why_a_derived_figure_is_not_available(as_persona, rolling, quarter):
    write_months(rolling, datetime.date(2024, 4, 1), [30, 35, 32])

    response = as_persona("governance").get("/indicators/21/?quarter=2024-25-Q1")

    assert (
        "<strong>Not available: not derived for July 2023 to June 2024: it needs 12 months, and the figure for "
        "July 2023, August 2023," in response.content.decode()
    )


def test_the_admin_refuses_to_type_a_derived_figure_and_says_what_to_do(as_persona, ytd, administrator):
    from django.urls import reverse

    response = as_persona("administrator").post(
        reverse("admin:indicators_figure_add"),
        {
            "indicator": ytd.pk,
            "basis": PeriodBasis.YEAR_TO_DATE,
            "period_end": "2024-08-31",
            "period_label": "August 2024",
            "period_start": "2024-04-01",
            "value": "26.5",
            "other_mean_label": "",
            "not_updated_reason": "",
            "not_available_reason": "",
            "breakdown-TOTAL_FORMS": "0",
            "breakdown-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert derive.DERIVED_TYPED_MESSAGE in response.content.decode()
    assert not Figure.objects.filter(indicator=ytd).exists()
