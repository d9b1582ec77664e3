"""A figure write and a publication at once: the write waits for the publication and is then refused.

Real threads, real transactions; PostgreSQL only (its row locks are what is under test).
"""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from indicators.enums import FigureSource
from indicators.models import Figure
from indicators.services import FigureLocked, figure_write, figures_lock
from tests.factories import FigureFactory, IndicatorFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]

JUNE = datetime.date(2024, 6, 30)


def test_a_write_during_a_publication_waits_for_it_and_is_refused(committee, area, governance):
    figure = FigureFactory(indicator=IndicatorFactory(committee=committee, service_area=area, number=1), value=31)
    locked = threading.Event()
    outcome: list = []

    def publish():
        try:
            with transaction.atomic():
                figures_lock(committee=committee, until=JUNE, meeting_date=datetime.date(2024, 10, 8), version=1)
                locked.set()
                time.sleep(1.0)  # the rest of the publication, while the write below waits
        finally:
            connection.close()

    def write():
        try:
            assert locked.wait(timeout=10)
            figure_write(
                indicator=figure.indicator,
                period_end=JUNE,
                fields={"value": Decimal("40")},
                by=governance,
                reason="At the same moment",
                source=FigureSource.IMPORT,
            )
            outcome.append("written")
        except FigureLocked as error:
            outcome.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish), threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [type(item) for item in outcome] == [FigureLocked]
    assert Figure.objects.get(pk=figure.pk).value == Decimal("31")
