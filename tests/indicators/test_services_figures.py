"""The one writer of figures: it refuses what a published pack printed, audits every write, and corrects openly."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from commentary.services import figure_from_return
from cyp.enums import AuditAction, ReviewState
from cyp.models import AuditEvent
from indicators.enums import FigureSource
from indicators.imports import ImportRejected
from indicators.models import Figure, FigureLock
from indicators.services import (
    FigureChange,
    FigureLocked,
    figure_correct,
    figure_corrections_since,
    figure_write,
    figures_refused,
    figures_write,
    spreadsheet_import,
)
from tests.commentary.factories import ReturnFactory
from tests.factories import CommitteeFactory, FigureFactory, IndicatorFactory, QuarterFactory

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2024, 6, 30)
LOCKED_MESSAGE = (
    "Indicator 1, June 2024 is in the published pack for 8 October 2024 (v1): it cannot be changed. A correction "
    "needs a reason: the governance team corrects it from the indicator's page (Correct a published figure) or "
    'with manage.py correct_figure 1 2024-06-30 --value … --reason "…", and the next version of the pack names '
    "the correction."
)


@pytest.fixture
def indicator(committee, area):
    return IndicatorFactory(committee=committee, service_area=area, number=1, decimals=1)


@pytest.fixture
def june(indicator):
    return FigureFactory(indicator=indicator, period_end=JUNE, value=Decimal("31.4"))


@pytest.fixture
def published(committee):
    """The pack of 8 October 2024 (Q1 2024/25, to 30 June) is published as v1."""
    return FigureLock.objects.create(
        committee=committee, until=JUNE, meeting_date=datetime.date(2024, 10, 8), version=1
    )


def events(action=AuditAction.FIGURE_CHANGE):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_figure_write_creates_a_figure_and_records_its_values(indicator, governance):
    written = figure_write(
        indicator=indicator,
        period_end=JUNE,
        fields={"period_label": "June 2024", "period_start": datetime.date(2024, 6, 1), "value": Decimal("31.4")},
        by=governance,
        reason="Approved 1 2024/25-Q1",
        source=FigureSource.APPROVAL,
    )

    assert (written.created, written.figure.value) == (True, Decimal("31.4"))
    [event] = events()
    assert (event.actor, event.comment) == (governance, "Approved 1 2024/25-Q1")
    assert event.changes == {
        "period_end": [None, "2024-06-30"],
        "period_label": [None, "June 2024"],
        "period_start": [None, "2024-06-01"],
        "value": [None, "31.4"],
    }
    assert written.figure.history.get().history_change_reason == "Return approved: Approved 1 2024/25-Q1"


def test_figure_write_records_the_old_and_new_values_of_a_change(june, governance):
    figure_write(
        indicator=june.indicator,
        period_end=JUNE,
        fields={"value": Decimal("32.0"), "sn_mean": Decimal("30")},
        by=governance,
        reason="Corrected return",
        source=FigureSource.APPROVAL,
    )

    [event] = events()
    assert event.changes == {"value": ["31.4", "32"], "sn_mean": [None, "30"]}
    assert Figure.objects.get(pk=june.pk).value == Decimal("32.0")


def test_figure_write_of_the_same_values_writes_nothing(june, governance):
    written = figure_write(
        indicator=june.indicator,
        period_end=JUNE,
        fields={"value": Decimal("31.4000")},
        by=governance,
        reason="Again",
        source=FigureSource.IMPORT,
    )

    assert (written.created, written.changes) == (False, {})
    assert events() == []
    assert june.history.count() == 1


def test_figure_write_refuses_a_period_a_published_pack_printed(june, published, governance):
    with pytest.raises(FigureLocked) as refused:
        figure_write(
            indicator=june.indicator,
            period_end=JUNE,
            fields={"value": Decimal("32.0")},
            by=governance,
            reason="Late data",
            source=FigureSource.IMPORT,
        )

    assert refused.value.messages == [LOCKED_MESSAGE]
    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")
    assert (events(), june.history.count()) == ([], 1)


def test_figure_write_refuses_a_new_figure_in_a_published_period(indicator, published, governance):
    may = datetime.date(2024, 5, 31)

    with pytest.raises(FigureLocked) as refused:
        figure_write(
            indicator=indicator,
            period_end=may,
            fields={"period_label": "May 2024", "period_start": datetime.date(2024, 5, 1), "value": Decimal("30")},
            by=governance,
            reason="Back-filled",
            source=FigureSource.IMPORT,
        )

    assert refused.value.messages[0].startswith("Indicator 1, May 2024 is in the published pack for 8 October 2024")
    assert not Figure.objects.filter(period_end=may).exists()


def test_figure_write_accepts_a_period_after_the_published_quarter(indicator, published, governance):
    july = datetime.date(2024, 7, 31)

    written = figure_write(
        indicator=indicator,
        period_end=july,
        fields={"period_label": "July 2024", "period_start": datetime.date(2024, 7, 1), "value": Decimal("33")},
        by=governance,
        reason="Q2",
        source=FigureSource.IMPORT,
    )

    assert written.created is True


def test_figure_write_lets_a_later_quarter_mark_a_published_figure_not_updated(june, published, governance):
    # A termly or yearly figure is reported again next quarter, not updated: that is the quarter's note.
    figure_write(
        indicator=june.indicator,
        period_end=JUNE,
        fields={"value": Decimal("31.4"), "not_updated": True, "not_updated_reason": "Termly data."},
        by=governance,
        reason="Approved 1 2024/25-Q2",
        source=FigureSource.APPROVAL,
    )

    assert Figure.objects.get(pk=june.pk).not_updated is True
    assert events()[0].changes == {"not_updated": [False, True], "not_updated_reason": ["", "Termly data."]}


def test_the_lock_names_the_first_pack_that_printed_the_period_at_its_latest_version(june, committee, governance):
    FigureLock.objects.create(committee=committee, until=JUNE, meeting_date=datetime.date(2024, 10, 8), version=1)
    FigureLock.objects.create(committee=committee, until=JUNE, meeting_date=datetime.date(2024, 10, 8), version=2)
    FigureLock.objects.create(
        committee=committee, until=datetime.date(2024, 9, 30), meeting_date=datetime.date(2025, 1, 14), version=1
    )

    [refused] = figures_refused(changes=[FigureChange(june.indicator, JUNE, {"value": Decimal("1")})])

    assert "is in the published pack for 8 October 2024 (v2):" in refused.message


def test_a_lock_of_another_committee_does_not_lock_these_figures(june, governance):
    other = CommitteeFactory(name="Adults and Health Committee")
    FigureLock.objects.create(committee=other, until=JUNE, meeting_date=datetime.date(2024, 10, 8), version=1)

    assert figures_refused(changes=[FigureChange(june.indicator, JUNE, {"value": Decimal("1")})]) == []


@pytest.mark.parametrize("size", [5, 500])
def test_the_lock_check_of_an_import_costs_two_queries_whatever_its_size(
    size, committee, area, published, django_assert_num_queries
):
    indicators = [IndicatorFactory(committee=committee, service_area=area, number=n) for n in range(1, 6)]
    changes = [
        FigureChange(indicators[n % 5], JUNE - datetime.timedelta(days=n), {"value": Decimal(n)}) for n in range(size)
    ]

    with django_assert_num_queries(2):
        refused = figures_refused(changes=changes)

    assert len(refused) == size


def test_figures_write_refuses_all_of_a_request_when_one_figure_is_locked(indicator, june, published, governance):
    july = FigureChange(indicator, datetime.date(2024, 7, 31), {"period_label": "July 2024", "value": Decimal("1")})
    july_start = {"period_start": datetime.date(2024, 7, 1)}

    with pytest.raises(FigureLocked) as refused:
        figures_write(
            changes=[
                FigureChange(july.indicator, july.period_end, {**july.fields, **july_start}),
                FigureChange(indicator, JUNE, {"value": Decimal("2")}),
            ],
            by=governance,
            reason="Both",
            source=FigureSource.IMPORT,
        )

    assert [item.index for item in refused.value.locked] == [1]
    assert Figure.objects.count() == 1
    assert events() == []


def test_approving_a_return_for_a_published_period_is_refused_by_the_writer(june, published, quarter, governance):
    ret = ReturnFactory(indicator=june.indicator, quarter=quarter, value=Decimal("40.0"))

    with pytest.raises(FigureLocked):
        figure_from_return(ret=ret, by=governance)

    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")


# --- Imports ---------------------------------------------------------------------------------------------------


def figures_csv(*rows: str) -> bytes:
    return ("indicator,period_end,period_label,value\n" + "\n".join(rows) + "\n").encode()


def test_an_import_touching_a_published_period_is_refused_whole_naming_each_row(committee, june, published, governance):
    data = figures_csv("1,2024-07-31,July 2024,33", "1,2024-06-30,June 2024,32.0", "1,2024-05-31,May 2024,30")

    with pytest.raises(ImportRejected) as rejected:
        spreadsheet_import(kind="figures", committee=committee, data=data, filename="q2.csv", by=governance)

    assert rejected.value.lines() == [
        f"Line 3, column period_end: {LOCKED_MESSAGE}",
        "Line 4, column period_end: "
        + LOCKED_MESSAGE.replace("June 2024", "May 2024").replace("2024-06-30", "2024-05-31"),
    ]
    assert list(Figure.objects.values_list("period_end", "value")) == [(JUNE, Decimal("31.4"))]
    assert AuditEvent.objects.count() == 0


def test_an_import_restating_published_figures_unchanged_is_accepted(committee, june, published, governance):
    data = figures_csv("1,2024-06-30,June 2024,31.4", "1,2024-07-31,July 2024,33")

    summary = spreadsheet_import(kind="figures", committee=committee, data=data, filename="all.csv", by=governance)

    assert (summary.created, summary.updated, summary.unchanged) == (1, 0, 1)
    assert [event.changes["period_end"] for event in events()] == [[None, "2024-07-31"]]


def test_the_import_command_exits_non_zero_on_a_published_period(committee, june, published, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_bytes(figures_csv("1,2024-06-30,June 2024,32.0"))

    with pytest.raises(CommandError) as error:
        call_command("import_figures", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert str(error.value).startswith("figures.csv: The file was not imported: 1 problem to fix. Nothing was written.")
    assert LOCKED_MESSAGE in str(error.value)
    assert error.value.returncode == 1  # manage.py exits with it
    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")


# --- Corrections -----------------------------------------------------------------------------------------------


def test_governance_corrects_a_published_figure_with_a_reason(june, published, governance):
    written = figure_correct(
        indicator=june.indicator,
        period_end=JUNE,
        fields={"value": Decimal("32.0")},
        by=governance,
        reason="The June return counted a child twice.",
    )

    assert written.figure.value == Decimal("32.0")
    [event] = events(AuditAction.FIGURE_CORRECT)
    assert (event.actor, event.changes, event.comment) == (
        governance,
        {"value": ["31.4", "32"]},
        "The June return counted a child twice.",
    )
    assert events() == []
    assert written.figure.history.first().history_change_reason == (
        "Published figure corrected: The June return counted a child twice."
    )


@pytest.mark.parametrize("persona", ["lead", "member"])
def test_others_cannot_correct_a_published_figure(persona, request, june, published):
    with pytest.raises(PermissionDenied, match=r"Only the governance team can correct a published figure\."):
        figure_correct(
            indicator=june.indicator,
            period_end=JUNE,
            fields={"value": Decimal("32.0")},
            by=request.getfixturevalue(persona),
            reason="Mine.",
        )

    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")


def test_a_correction_without_a_reason_is_refused_naming_the_field(june, published, governance):
    with pytest.raises(ValidationError) as refused:
        figure_correct(indicator=june.indicator, period_end=JUNE, fields={"value": 32}, by=governance, reason="  ")

    assert refused.value.message_dict == {
        "reason": ["Say why the figure is corrected: the reason is recorded and printed in the pack's change log."]
    }


def test_a_correction_of_an_unpublished_figure_is_refused(june, governance):
    with pytest.raises(ValidationError) as refused:
        figure_correct(indicator=june.indicator, period_end=JUNE, fields={"value": 32}, by=governance, reason="x")

    assert refused.value.messages == [
        "Indicator 1, June 2024 is not in a published pack: change it with the quarter's return or the figures "
        "import, not a correction."
    ]


def test_a_correction_that_changes_nothing_is_refused(june, published, governance):
    with pytest.raises(ValidationError, match=r"already has these values: nothing to correct\."):
        figure_correct(
            indicator=june.indicator, period_end=JUNE, fields={"value": Decimal("31.4")}, by=governance, reason="x"
        )


def test_a_correction_that_breaks_a_rule_of_figures_is_refused(june, published, governance):
    with pytest.raises(ValidationError) as refused:
        figure_correct(
            indicator=june.indicator, period_end=JUNE, fields={"denominator": Decimal("0")}, by=governance, reason="x"
        )

    assert refused.value.message_dict == {
        "denominator": ["The denominator cannot be zero: a value cannot be divided by nothing."]
    }
    assert Figure.objects.get(pk=june.pk).denominator is None


def test_corrections_since_a_publication_are_the_change_logs_lines(june, published, governance):
    governance.first_name, governance.last_name = "Ruth", "Ellis"
    governance.save()
    before = AuditEvent.objects.model._meta.get_field("created_at").default()
    figure_correct(
        indicator=june.indicator, period_end=JUNE, fields={"value": Decimal("32.0")}, by=governance, reason="Recount."
    )

    lines = figure_corrections_since(committee=june.indicator.committee, since=before)

    assert lines == ["Indicator 1, June 2024 corrected: 31.4 → 32.0 (reason: Recount.) by Ruth Ellis"]
    assert figure_corrections_since(committee=june.indicator.committee, since=None) == []


def test_the_correct_figure_command_corrects_with_a_reason(june, published, governance):
    out = io.StringIO()

    call_command(
        "correct_figure", "1", "2024-06-30", "--value", "32.0", "--reason", "Recount.", "--by", "governance", stdout=out
    )

    assert Figure.objects.get(pk=june.pk).value == Decimal("32.0")
    assert out.getvalue().startswith("Corrected indicator 1, June 2024: value 31.4 → 32 (by governance).")
    assert events(AuditAction.FIGURE_CORRECT)[0].comment == "Recount."


def test_the_correct_figure_command_refuses_a_lead(june, published, lead):
    with pytest.raises(CommandError, match=r"is not in the governance team and cannot correct published figures\."):
        call_command("correct_figure", "1", "2024-06-30", "--value", "32", "--reason", "x", "--by", lead.username)

    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")


def test_the_correct_figure_command_needs_a_reason(june, published, governance):
    with pytest.raises(CommandError, match="--reason"):
        call_command("correct_figure", "1", "2024-06-30", "--value", "32", "--by", "governance")


# --- The page --------------------------------------------------------------------------------------------------


def correct_url(number=1):
    return reverse("figure_correct", kwargs={"number": number})


def test_the_correction_page_shows_the_published_figure_prefilled(as_persona, june, published):
    page = as_persona("governance").get(correct_url()).content.decode()

    assert "June 2024 (in the published pack for 8 October 2024 (v1))" in page
    assert 'name="value" value="31.4000"' in page
    assert 'name="period_end" value="2024-06-30"' in page


def test_the_indicator_page_links_governance_to_the_correction_page(as_persona, june, published):
    governance_page = as_persona("governance").get(reverse("indicator_detail", kwargs={"number": 1}))
    lead_page = as_persona("lead").get(reverse("indicator_detail", kwargs={"number": 1}))

    assert (
        f'href="/bodies/children-and-young-people{correct_url()}" id="correct-figure"'
        in governance_page.content.decode()
    )
    assert 'id="correct-figure"' not in lead_page.content.decode()


def test_governance_corrects_a_figure_on_the_page(as_persona, june, published, governance):
    response = as_persona("governance").post(
        correct_url(), {"period_end": "2024-06-30", "value": "32.0", "reason": "Recount."}, follow=True
    )

    # The correction page is the body's: it goes back to the body's own address of the indicator.
    assert response.redirect_chain == [("/bodies/children-and-young-people/indicators/1/", 302)]
    assert "Corrected indicator 1, June 2024: value 31.4 → 32." in response.content.decode()
    assert Figure.objects.get(pk=june.pk).value == Decimal("32.0")
    assert events(AuditAction.FIGURE_CORRECT)[0].actor == governance


def test_the_page_refuses_a_correction_without_a_reason_and_keeps_what_was_typed(as_persona, june, published):
    response = as_persona("governance").post(correct_url(), {"period_end": "2024-06-30", "value": "32.5"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why the figure is corrected: the reason is recorded and printed in the pack&#x27;s change log." in page
    assert 'name="value" value="32.5"' in page
    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")


@pytest.mark.parametrize(("persona", "status"), [("lead", 403), ("member", 403), ("anonymous", 302)])
def test_others_cannot_open_or_post_the_correction_page(persona, status, as_persona, june, published):
    client = as_persona(persona)

    opened = client.get(correct_url())
    posted = client.post(correct_url(), {"period_end": "2024-06-30", "value": "99", "reason": "Mine."})

    assert (opened.status_code, posted.status_code) == (status, status)
    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")
    assert events(AuditAction.FIGURE_CORRECT) == []


def test_the_correction_page_says_when_nothing_is_published(as_persona, june):
    page = as_persona("governance").get(correct_url()).content.decode()

    assert 'id="nothing-published"' in page
    assert "correction-form" not in page


# --- The admin -------------------------------------------------------------------------------------------------


def admin_data(figure, **changes):
    data = {
        "period_label": figure.period_label,
        "period_start": figure.period_start.isoformat(),
        "value": str(figure.value),
        "other_mean_label": "",
        "not_updated_reason": "",
        # The breakdown inline's management form (indicators.admin.FigureBreakdownInline), with no rows.
        "breakdown-TOTAL_FORMS": "0",
        "breakdown-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_the_admin_refuses_to_change_a_published_figure(as_persona, june, published):
    client = as_persona("administrator")

    response = client.post(reverse("admin:indicators_figure_change", args=[june.pk]), admin_data(june, value="32"))

    assert response.status_code == 200
    assert "is in the published pack for 8 October 2024 (v1): it cannot be changed." in response.content.decode()
    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")
    assert events() == []


def test_the_admin_saves_an_unpublished_figure_through_the_writer(as_persona, june, administrator):
    client = as_persona("administrator")

    response = client.post(reverse("admin:indicators_figure_change", args=[june.pk]), admin_data(june, value="32"))

    assert response.status_code == 302
    assert Figure.objects.get(pk=june.pk).value == Decimal("32")
    [event] = events()
    assert (event.actor, event.changes, event.comment) == (
        administrator,
        {"value": ["31.4", "32"]},
        "Changed in the admin",
    )


def test_the_admin_cannot_delete_a_published_figure(as_persona, june, published):
    client = as_persona("administrator")

    response = client.post(reverse("admin:indicators_figure_delete", args=[june.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Figure.objects.filter(pk=june.pk).exists()


# --- One writer --------------------------------------------------------------------------------------------------

WRITES = re.compile(
    r"Figure\.objects[^\n]*\.(create|bulk_create|update|update_or_create|get_or_create|delete)\(|"
    r"figures\.(create|update|bulk_create)\(|\bfigure\.save\(|(?<!class )\bFigure\("
)


def test_no_code_but_the_figure_service_writes_figures():
    root = Path(__file__).resolve().parents[2]
    writers = [
        f"{path.relative_to(root)}:{number}"
        for app in ("cyp", "indicators", "commentary", "reports", "plans")
        for path in sorted((root / app).rglob("*.py"))
        if "migrations" not in path.parts and path.relative_to(root).as_posix() != "indicators/services.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if WRITES.search(line)
    ]

    assert writers == []


def test_the_admin_refuses_to_add_a_figure_to_a_published_period(as_persona, indicator, published):
    client = as_persona("administrator")
    data = {
        "indicator": indicator.pk,
        "period_end": "2024-05-31",
        "period_label": "May 2024",
        "period_start": "2024-05-01",
        "value": "30",
        "other_mean_label": "",
        "not_updated_reason": "",
    }

    response = client.post(reverse("admin:indicators_figure_add"), data)

    assert response.status_code == 200
    assert "Indicator 1, May 2024 is in the published pack for 8 October 2024 (v1)" in response.content.decode()
    assert Figure.objects.count() == 0


def test_the_import_page_refuses_a_file_that_touches_a_published_period(as_persona, june, published):
    response = as_persona("governance").post(
        reverse("import_upload"),
        {"kind": "figures", "file": SimpleUploadedFile("q2.csv", figures_csv("1,2024-06-30,June 2024,32.0"))},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The file was not imported" in page
    assert "Indicator 1, June 2024 is in the published pack for 8 October 2024 (v1): it cannot be changed." in page
    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")
    assert AuditEvent.objects.count() == 0


def test_approving_a_later_return_that_changes_a_published_figure_is_refused_with_the_message(
    as_persona, june, published
):
    # A termly or yearly indicator's next return reports the same period again, with a revised value.
    later = QuarterFactory(number=2)
    ret = ReturnFactory(indicator=june.indicator, quarter=later, state=ReviewState.SUBMITTED, value=Decimal("35.0"))

    response = as_persona("governance").post(reverse("return_approve", kwargs={"pk": ret.pk}), follow=True)

    assert LOCKED_MESSAGE in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    ret.refresh_from_db()
    assert ret.state == ReviewState.SUBMITTED
    assert Figure.objects.get(pk=june.pk).value == Decimal("31.4")
    assert AuditEvent.objects.filter(action__in=["return.approve", "figure.change"]).count() == 0
