"""The indicator's "History of changes" shows figures that came in through an import, with the file's name."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from commentary.timeline import indicator_timeline
from indicators.enums import Frequency, Unit
from tests.factories import IndicatorFactory


def test_an_imported_figure_is_in_the_indicators_history_with_its_file(tmp_path, as_persona, committee, governance):
    indicator = IndicatorFactory(committee=committee, number=201, unit=Unit.PERCENT, frequency=Frequency.MONTH)
    path = tmp_path / "june-figures.csv"
    path.write_text("indicator,period_end,period_label,value\n201,2024-06-30,June 2024,55.5\n", encoding="utf-8")
    call_command("import_figures", str(path), stdout=StringIO(), stderr=StringIO())

    (entry,) = indicator_timeline(indicator=indicator, user=governance)
    assert (entry.action, entry.subject, entry.event.comment) == (
        "Figure changed",
        "Figure June 2024",
        "Imported from june-figures.csv",
    )
    html = as_persona("governance").get(reverse("indicator_detail", kwargs={"number": 201})).content.decode()
    assert "Imported from june-figures.csv" in html
