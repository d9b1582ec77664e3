"""Governance uploads a spreadsheet in a real browser: a bad file is listed, a good one imported, accessibly."""

import pytest

from cyp.enums import Role
from indicators.models import Figure
from tests.factories import IndicatorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_governance_uploads_a_bad_file_sees_every_problem_then_uploads_the_corrected_one(
    page, sign_in, assert_accessible, committee, tmp_path
):
    UserFactory(username="governance", role=Role.GOVERNANCE)
    IndicatorFactory(committee=committee, number=11)
    bad = tmp_path / "figures.csv"
    bad.write_text("indicator,period_end,period_label,value\n11,2024-06-30,June 2024,abc\n", encoding="utf-8")
    good = tmp_path / "figures-fixed.csv"
    good.write_text("indicator,period_end,period_label,value\n11,2024-06-30,June 2024,78.9\n", encoding="utf-8")

    sign_in(page, "governance")
    page.get_by_role("link", name="Import").click()
    assert_accessible(page)
    page.get_by_label("Figures: values for each indicator and period").check()
    page.get_by_label("File", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Import the file").click()

    problem = page.get_by_role("row", name="2 value \u2018abc\u2019 is not a number; write it like 78.9.")
    assert problem.is_visible()
    assert page.get_by_role("alert").get_by_role("heading", name="The file was not imported").is_visible()
    assert Figure.objects.count() == 0
    assert_accessible(page)

    page.get_by_label("File", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Import the file").click()

    assert page.get_by_text("Imported 1 figure from figures-fixed.csv: 1 created, 0 updated, 0 unchanged.").is_visible()
    assert Figure.objects.get().period_label == "June 2024"
    assert_accessible(page)
