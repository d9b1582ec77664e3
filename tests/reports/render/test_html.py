"""The accessible HTML of the pack, and its figures as CSV and XLSX."""

import collections
import copy
import csv
import io
import itertools
import re
from html.parser import HTMLParser

import pytest
from django.db import transaction
from openpyxl import load_workbook

from cyp.cells import csv_value
from reports.render import pack_render
from reports.render.figures import figures_csv, figures_xlsx
from tests.reports.pack_helpers import demo_pack_input, demo_report, load_demo_indicators, read, synthetic_pack
from tests.reports.render_helpers import read_back

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("papers")
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_indicators()
        pack = demo_pack_input(report=demo_report(), folder=folder)
        rendered = pack_render(pack=pack)
        transaction.set_rollback(True)
    return pack, rendered


class Outline(HTMLParser):
    """Headings in order, and the tables' header cells and captions."""

    def __init__(self):
        super().__init__()
        self.headings, self.th_without_scope, self.tables, self.captions = [], 0, 0, 0
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th" and "scope" not in attributes:
            self.th_without_scope += 1
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1


def outline_of(html):
    parser = Outline()
    parser.feed(html)
    return parser


def test_the_html_is_in_british_english_with_one_h1_and_headings_in_order(demo):
    parser = outline_of(demo[1].html)

    assert parser.html_lang == "en-GB"
    assert parser.headings.count(1) == 1 and parser.headings[0] == 1
    assert all(following <= previous + 1 for previous, following in itertools.pairwise(parser.headings))


def test_every_table_has_a_caption_and_every_header_cell_a_scope(demo):
    parser = outline_of(demo[1].html)

    assert parser.tables > 20
    assert parser.captions == parser.tables
    assert parser.th_without_scope == 0


def test_the_html_carries_every_indicator_with_its_rag_in_words_and_its_chart_data(demo):
    html = demo[1].html
    for record in read("cyp_indicators_q1_2024_25.json")["indicators"]:
        assert f'id="item-8-indicator-{record["number"]}"' in html
        assert f"Figures in the chart of indicator {record['number']}" in html
    assert html.count('<span class="rag rag-red">Red</span>') >= 9  # 8 counted, and 128 not updated
    assert html.count('role="img"') == 20


def test_the_html_says_the_same_counts_and_movements_as_the_pdf(demo):
    html = demo[1].html

    assert "There are 8 Red indicators this quarter." in html
    assert "1 indicator moved from Amber to Green: Indicator 9:" in html
    assert "15 indicators&#x27; RAG status has remained unchanged:" in html
    assert "1 indicator not updated this quarter is not counted in this table (see 3.2)." in html


def test_the_html_agenda_gives_the_pdf_page_ranges(demo):
    _pack, rendered = demo
    first, last = rendered.item_pages[8]

    assert f"{first} to {last}" in rendered.html


def test_user_text_is_escaped_in_the_html():
    rendered = pack_render(pack=synthetic_pack(2, text='<script>alert("x")</script> & <b>bold</b>'))

    assert "<script>alert" not in rendered.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in rendered.html


def test_the_csv_has_one_row_per_indicator_with_the_raw_figures(demo):
    rows = list(csv.DictReader(io.StringIO(demo[1].figures_csv)))

    assert len(rows) == 20
    row = next(row for row in rows if row["Indicator"] == "128")
    assert (row["RAG status"], row["Not updated this quarter"], row["Current value"]) == ("Red", "Yes", "5.19")
    assert row["Movement since the previous quarter"] == "Not comparable: not updated this quarter"
    eleven = next(row for row in rows if row["Indicator"] == "11")
    assert (eleven["Deviation from target (%)"], eleven["Movement since the previous quarter"]) == (
        "5.2",
        "Improved: Green to Blue",
    )


def test_the_xlsx_has_the_indicators_counts_movements_and_chart_data(demo):
    workbook = load_workbook(io.BytesIO(demo[1].figures_xlsx))

    assert workbook.sheetnames == ["Indicators", "RAG counts", "Movements", "Chart data"]
    assert workbook["Indicators"].max_row == 21
    counts = {row[1]: row[2] for row in workbook["RAG counts"].iter_rows(min_row=2, values_only=True)}
    assert counts["Red"] == 8 and counts["Total counted"] == 19
    assert any(str(label).startswith("Not counted: Indicator 128") for label in counts)


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn", " =1"])
def test_text_that_looks_like_a_formula_is_never_a_formula(typed):
    pack = synthetic_pack(1)
    entry = pack.items[1].performance.indicators[0]
    entry.service_area = typed

    assert csv_value(typed).startswith("'")
    row = next(csv.DictReader(io.StringIO(figures_csv(pack))))
    assert row["Service area"] == "'" + typed.replace("\r", "\n")
    workbook = load_workbook(io.BytesIO(figures_xlsx(pack)))
    cells = [cell for row in workbook["Indicators"].iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    area = workbook["Indicators"]["D2"]
    assert (area.value, area.data_type, area.quotePrefix) == (typed.replace("\r", "\n"), "s", True)


def test_ordinary_text_is_not_prefixed():
    assert csv_value("Children's Social Care") == "Children's Social Care"


def test_two_performance_reports_in_one_pack_keep_their_own_ids_links_and_bookmarks():
    pack = synthetic_pack(3)
    second = copy.deepcopy(pack.items[1])
    second.item_id, second.number = 9, "9"
    pack.items.append(second)

    rendered = pack_render(pack=pack)

    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', rendered.html))
    assert [name for name, count in ids.items() if count > 1] == []
    assert set(re.findall(r'href="#([^"]+)"', rendered.html)) <= set(ids)
    labelled = {name for names in re.findall(r'aria-labelledby="([^"]+)"', rendered.html) for name in names.split()}
    assert labelled <= set(ids)
    indicator_pages = [b.page for b in rendered.bookmarks if b.level == 1]
    first, second_range = rendered.item_pages[2], rendered.item_pages[9]
    assert all(first[0] <= page <= first[1] for page in indicator_pages[:3])
    assert all(second_range[0] <= page <= second_range[1] for page in indicator_pages[3:])
    assert read_back(rendered.pdf).outline() == [(b.level, b.title, b.page) for b in rendered.bookmarks]
