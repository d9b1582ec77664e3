"""A plan workbook with a cell longer than its field may hold is refused whole, naming the sheet, row and column."""

from cyp import limits
from plans.models import Action, ProgressUpdate, Recommendation
from tests.plans.test_xlsx import action_row, run_import, workbook


def test_an_over_long_progress_cell_refuses_the_file_with_row_column_length_and_limit(plan, governance):
    data = workbook([action_row("1.1"), action_row("1.2", progress="p" * (limits.PROGRESS + 5))])

    result = run_import(plan, data, governance)

    assert result.written is False
    assert result.errors == [
        "Sheet Plan, row 4, column Progress: this cell is 12,005 characters; the limit is 12,000. "
        "Shorten it by 5 characters."
    ]
    assert (Action.objects.count(), ProgressUpdate.objects.count()) == (0, 0)


def test_over_long_item_and_recommendation_cells_are_each_named(plan, governance):
    data = workbook(
        [action_row("1.1", item="i" * (limits.ACTION_TEXT + 1))],
        recommendations=((1, "WORKFORCE", "r" * (limits.RECOMMENDATION + 2)),),
    )

    result = run_import(plan, data, governance)

    assert result.errors == [
        "Sheet Recommendations, row 2, column Recommendation: this cell is 4,002 characters; the limit is 4,000. "
        "Shorten it by 2 characters.",
        "Sheet Plan, row 3, column Item: this cell is 4,001 characters; the limit is 4,000. Shorten it by 1 character.",
    ]
    assert Recommendation.objects.count() == 0


def test_cells_at_their_limits_are_imported(plan, governance):
    data = workbook([action_row("1.1", item="i" * limits.ACTION_TEXT, progress="p" * limits.PROGRESS)])

    result = run_import(plan, data, governance)

    assert result.errors == []
    assert ProgressUpdate.objects.get().text == "p" * limits.PROGRESS
