"""``export_figures --table benchmarks|breakdowns``: the same tables as the dashboard's ``?table=`` links."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from indicators.exports import BENCHMARK_COLUMNS, BREAKDOWN_COLUMNS
from tests.indicators.test_benchmark_pages import care_leavers, indicator_name, published  # noqa: F401
from tests.indicators.test_views_dashboard import dashboard_url


def export(*args) -> list[list[str]]:
    out = io.StringIO()
    call_command("export_figures", *args, stdout=out, stderr=io.StringIO())
    return list(csv.reader(io.StringIO(out.getvalue())))


def test_export_command_writes_the_benchmark_table_as_the_page_does(as_persona, committee, area, published):  # noqa: F811
    care_leavers(committee, area, published)
    page = as_persona("governance").get(f"/quarters/{published.slug}/export/?table=benchmarks")

    lines = export("--period", published.label, "--table", "benchmarks")

    assert lines[0] == BENCHMARK_COLUMNS
    assert lines == list(csv.reader(io.StringIO(page.content.decode("utf-8-sig"))))
    assert lines[4][:5] == ["1", indicator_name(1), "June 2024", "58.4", "England"]


def test_export_command_writes_the_breakdown_table_to_a_file(committee, area, published, tmp_path):  # noqa: F811
    care_leavers(committee, area, published)
    output = tmp_path / "breakdowns.csv"
    err = io.StringIO()

    call_command(
        "export_figures", "--quarter", published.label, "--table", "breakdowns", "--output", str(output), stderr=err
    )

    lines = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    assert lines[0] == BREAKDOWN_COLUMNS
    assert [line[4:6] for line in lines[1:]] == [["Aged 19 to 21", "40.0"], ["<script>alert(1)</script>", "8.0"]]
    assert err.getvalue() == f"Wrote the breakdowns table of 1 indicator for {published.label} to {output}.\n"


def test_export_command_refuses_a_table_in_a_workbook(committee, area, published, tmp_path):  # noqa: F811
    care_leavers(committee, area, published)

    with pytest.raises(CommandError) as raised:
        export("--period", published.label, "--table", "benchmarks", "--output", str(tmp_path / "out.xlsx"))

    assert str(raised.value) == (
        "--table benchmarks is a CSV table: the Excel workbook has the benchmarks and breakdowns as its sheets, "
        "so leave --table out or write CSV."
    )


def test_export_command_refuses_an_unknown_table(committee, area, published):  # noqa: F811
    with pytest.raises(CommandError) as raised:
        export("--period", published.label, "--table", "targets")

    assert "--table: invalid choice: 'targets' (choose from 'benchmarks', 'breakdowns')" in str(raised.value)


def test_dashboard_export_menu_links_the_benchmark_and_breakdown_tables(as_persona, committee, area, published):  # noqa: F811
    care_leavers(committee, area, published)

    page = as_persona("governance").get(dashboard_url(published)).content.decode()

    export = f"/bodies/{committee.slug}/quarters/{published.slug}/export/"
    assert f'href="{export}?table=benchmarks">Benchmarks (CSV)</a>' in page
    assert f'href="{export}?table=breakdowns">Breakdowns (CSV)</a>' in page


def test_dashboard_without_the_right_to_export_has_no_table_links(as_persona, committee, area, quarter):
    page = as_persona("member").get(dashboard_url(quarter))

    assert "?table=benchmarks" not in page.content.decode()
