"""Small words and orientation: counts said in words that agree ("1 page"), the menu item of the open page
marked for screen readers, every field with an error marked on its box, the favicon, the product's error page."""

from pathlib import Path

import pytest
from django import forms
from django.template import Context, Template

from cyp.templatetags.cyp_nav import nav_current_mark
from cyp.words import counted

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 pages"), (1, "1 page"), (2, "2 pages"), (1204, "1,204 pages"), (None, "no pages")],
)
def test_counted_says_the_noun_that_agrees_with_the_count(count, expected):
    assert counted(count, "page") == expected


def test_counted_takes_an_irregular_plural():
    assert counted(1, "child", "children") == "1 child"
    assert counted(3, "child", "children") == "3 children"


def test_the_counted_filter_is_there_in_every_template():
    template = Template('{{ one|counted:"page" }}; {{ many|counted:"child,children" }}')

    assert template.render(Context({"one": 1, "many": 2})) == "1 page; 2 children"


MENU = (
    '<ul><li><a class="nav-link" href="/bodies/cyp/">Dashboard</a></li>'
    '<li><a class="nav-link" href="/meetings/">Meetings and packs</a></li>'
    '<li><a class="nav-link" href="/returns/mine/?quarter=1">My returns</a></li></ul>'
)


def test_the_link_of_the_open_page_is_the_current_page():
    marked = nav_current_mark(MENU, "/returns/mine/")

    assert '<a class="nav-link active" href="/returns/mine/?quarter=1" aria-current="page">My returns</a>' in marked
    assert marked.count("aria-current") == 1


def test_a_page_inside_a_section_marks_the_section_even_under_a_body_address():
    marked = nav_current_mark(MENU, "/bodies/cyp/meetings/12/")

    assert '<a class="nav-link active" href="/meetings/" aria-current="true">Meetings and packs</a>' in marked
    assert marked.count("aria-current") == 1


def test_the_dashboard_is_current_only_on_itself():
    assert 'href="/bodies/cyp/" aria-current="page"' in nav_current_mark(MENU, "/bodies/cyp/")
    assert "aria-current" not in nav_current_mark(MENU, "/bodies/cyp/indicators/3/")
    assert "aria-current" not in nav_current_mark(MENU, "/notifications/")


class FigureForm(forms.Form):
    value = forms.DecimalField(label="Current value", widget=forms.TextInput(attrs={"class": "form-control"}))
    note = forms.CharField(label="Note", required=False, help_text="Optional.")


def test_a_field_with_an_error_is_marked_on_its_box_and_linked_to_its_message():
    form = FigureForm(data={"value": "sixty"})

    html = str(form["value"])

    assert 'class="form-control is-invalid"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_value_error"' in html
    assert 'id="id_value_error"' in form.render()


def test_a_field_without_an_error_is_not_marked():
    form = FigureForm(data={"value": "60"})

    assert form.is_valid()
    assert "is-invalid" not in str(form["value"])
    assert "aria-invalid" not in str(form["note"])


@pytest.mark.django_db
def test_every_page_links_the_favicon_and_a_missing_page_is_the_products_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    assert '<link rel="icon" href="/static/favicon.ico" sizes="32x32">' in page
    assert (ROOT / "static" / "favicon.svg").read_text().startswith("<svg")
    assert (ROOT / "static" / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


APPS = ("agendaplan", "commentary", "cyp", "indicators", "minutes", "plans", "public", "reports", "templates")


def test_no_message_or_template_says_a_count_as_page_s_or_with_a_fixed_plural_of_pages():
    sources = [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*")
        if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts
    ]
    offending = [
        str(path.relative_to(ROOT))
        for path in sources
        if path.name != "words.py"
        and any(marker in path.read_text() for marker in ('pages)"', "} pages", "}} pages", "page(s)", "reminder(s)"))
    ]

    assert offending == []
