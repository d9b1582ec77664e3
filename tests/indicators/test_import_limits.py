"""Imports refuse a text cell longer than its field may hold, naming the line, the column, the length and the limit."""

import pytest
from django.core.management import CommandError

from cyp import limits
from indicators.models import Indicator
from tests.indicators.test_import_indicators import HEADINGS, csv_file, run


def test_an_over_long_description_refuses_the_catalogue_with_line_column_and_limit(committee, tmp_path):
    long_description = "d" * (limits.DEFINITION + 3)
    path = csv_file(
        tmp_path,
        f"{HEADINGS},description\n"
        "201,Early Help,percentage,higher_is_better,monthly,Early Help,Short\n"
        f"202,Assessments,percentage,higher_is_better,monthly,Early Help,{long_description}\n",
    )

    with pytest.raises(CommandError) as refused:
        run(path)

    assert (
        "Line 3, column description: this cell is 4,003 characters; the limit is 4,000. Shorten it by 3 characters."
    ) in str(refused.value)
    assert Indicator.objects.count() == 0
