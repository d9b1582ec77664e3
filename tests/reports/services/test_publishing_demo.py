"""The demo, published with ``publish_pack``: its figures are then fixed, and a correction makes v2.

As the production-readiness issue checks it: after publishing the demo pack, importing a changed
figure for a published period is refused whole, exits non-zero and changes nothing; the
correction path produces v2 with a change log, and v1 stays exactly as published.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from commentary.models import Return
from commentary.services import figure_from_return, return_approve, return_save, return_submit
from cyp.models import AuditEvent, User
from indicators.models import Figure
from indicators.services import FigureLocked
from reports.models import Meeting, PackVersion
from reports.services import files
from tests.reports.workflow_factories import paper_attach, pdf_bytes

pytestmark = pytest.mark.django_db

ACTIONS = "Review every case with the service manager by 31 October 2024, and report progress to the board."
JUNE = datetime.date(2024, 6, 30)


@pytest.fixture
def published_demo(db, settings, tmp_path):
    """load_demo; the five Red returns completed with actions and approved; the finance paper; publish_pack."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", stdout=io.StringIO())
    governance = User.objects.get(username="governance")
    for number, lead in (
        (2, "lead"),
        (10, "lead.education"),
        (128, "lead"),
        (130, "lead.education"),
        (133, "lead.education"),
    ):
        ret = Return.objects.select_related("indicator").get(indicator__number=number, quarter__year__start_year=2024)
        by = User.objects.get(username=lead)
        ret = return_save(ret=ret, by=by, content={"actions": ACTIONS}, expected_version=ret.version)
        return_approve(ret=return_submit(ret=ret, by=by), by=governance)
    meeting = Meeting.objects.get(date="2024-10-08")
    paper_attach(meeting.items.get(number=7), pdf_bytes(pages=3))
    out = io.StringIO()
    call_command("publish_pack", "2024-10-08", "--by", "governance", stdout=out)
    assert "Published v1 of the pack for" in out.getvalue()
    return meeting


def test_after_publish_pack_a_changed_figure_import_is_refused_whole_and_changes_nothing(published_demo, tmp_path):
    figure = Figure.objects.get(indicator__number=1, period_end=JUNE)
    history, events = figure.history.count(), AuditEvent.objects.count()
    changed = figure.value + 1
    path = tmp_path / "figures.csv"
    path.write_text(
        "indicator,period_end,period_label,value\n"
        "1,2024-09-30,September 2024,40.0\n"
        f"1,2024-06-30,June 2024,{changed}\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as error:
        call_command(
            "import_figures",
            str(path),
            "--committee",
            str(published_demo.committee_id),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )

    assert error.value.returncode == 1
    assert str(error.value).splitlines()[1] == (
        "Line 3, column period_end: Indicator 1, June 2024 is in the published pack for 8 October 2024 (v1): it "
        "cannot be changed. A correction needs a reason: the governance team corrects it from the indicator's page "
        '(Correct a published figure) or with manage.py correct_figure 1 2024-06-30 --value … --reason "…", and '
        "the next version of the pack names the correction."
    )
    figure.refresh_from_db()
    assert figure.value == changed - 1
    assert not Figure.objects.filter(indicator__number=1, period_end=datetime.date(2024, 9, 30)).exists()
    assert (figure.history.count(), AuditEvent.objects.count()) == (history, events)


def test_after_publish_pack_the_figure_service_refuses_an_approval_of_the_period(published_demo):
    ret = Return.objects.get(indicator__number=1, quarter__year__start_year=2024)
    ret.value = Decimal("99.0")
    figure = Figure.objects.get(indicator__number=1, period_end=JUNE)

    with pytest.raises(FigureLocked):
        figure_from_return(ret=ret, by=User.objects.get(username="governance"))

    assert Figure.objects.get(pk=figure.pk).value == figure.value


def test_the_correction_path_produces_v2_naming_it_while_v1_stays_as_published(published_demo):
    v1 = PackVersion.objects.get()
    v1_snapshot, v1_pdf, v1_html = v1.snapshot, files.read(v1.pdf_path), files.read(v1.html_path)
    figure = Figure.objects.select_related("indicator").get(indicator__number=1, period_end=JUNE)
    old = figure.value
    corrected = old + Decimal("0.6")
    governance = User.objects.get(username="governance")

    call_command(
        "correct_figure",
        "1",
        "2024-06-30",
        "--committee",
        str(published_demo.committee_id),  # the demo has two bodies: the command asks which
        "--value",
        str(corrected),
        "--reason",
        "The June extract missed late referrals.",
        "--by",
        "governance",
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command("publish_pack", "2024-10-08", "--by", "governance", stdout=out)

    v2 = PackVersion.objects.get(number=2)
    decimals = figure.indicator.decimals
    shown_old, shown_new = f"{old:.{decimals}f}", f"{corrected:.{decimals}f}"
    who = governance.get_full_name() or governance.username
    assert v2.change_log[0] == (
        f"Indicator 1, June 2024 corrected: {shown_old} → {shown_new} "
        f"(reason: The June extract missed late referrals.) by {who}"
    )
    assert v2.change_log[1].startswith(f"Indicator 1: current value {shown_old}")
    assert "Published v2" in out.getvalue()
    v1.refresh_from_db()
    assert v1.snapshot == v1_snapshot
    assert (files.read(v1.pdf_path), files.read(v1.html_path)) == (v1_pdf, v1_html)
    assert v2.snapshot["indicators"]["1"]["current"] != v1.snapshot["indicators"]["1"]["current"]
    # Loading the demo again puts nothing back over the corrected figure.
    call_command("load_demo", stdout=io.StringIO())
    assert Figure.objects.get(pk=figure.pk).value == corrected
