import datetime, time
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.indicators.test_services_derive import *  # noqa

def test_measure(committee, area):
    inds = [IndicatorFactory(committee=committee, service_area=area, number=300 + i, unit=Unit.RATE_PER_10000,
            reporting_basis=PeriodBasis.ROLLING_12_MONTHS, derivation=Derivation.ROLLING_12_MONTHS,
            derivation_denominator=DenominatorRule.POPULATION, population=D(61200)) for i in range(50)]
    changes = [month_change(ind, derive.add_months(datetime.date(2022, 7, 1), m), 30 + m) for ind in inds for m in range(24)]
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as q:
        figures_write(changes=changes, by=None, reason="x", source=FigureSource.IMPORT)
    first = time.perf_counter() - start
    from indicators.services_derive import derive_for_indicators
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as q2:
        derive_for_indicators(inds)
    again = time.perf_counter() - start
    print(f"MEASURE write 1200 months + 1200 derived: {len(q)} queries {first:.2f}s; rederive unchanged: {len(q2)} queries {again:.3f}s")
