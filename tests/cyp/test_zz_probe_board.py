from django.core.management import call_command
from io import StringIO
from commentary.timeline import indicator_timeline
from tests.factories import IndicatorFactory
from indicators.enums import Frequency, Unit


def test_probe(tmp_path, committee, governance):
    ind = IndicatorFactory(committee=committee, number=201, unit=Unit.PERCENT, frequency=Frequency.MONTH)
    path = tmp_path / "figures.csv"
    path.write_text("indicator,period_end,period_label,value\n201,2024-06-30,June 2024,55.5\n", encoding="utf-8")
    out = StringIO()
    call_command("import_figures", str(path), stdout=out, stderr=StringIO())
    entries = indicator_timeline(indicator=ind, user=governance)
    print("ENTRIES", [(e.action, e.subject, e.event.comment, e.who) for e in entries])
