"""The pack's accessible HTML shows every typed text without control or bidi-override characters, escaped."""

from reports.render.html import html_render
from tests.reports.pack_helpers import synthetic_pack

TYPED = "Rose\vsharply\x07 \u202eto 78.9%\u202c <script>alert(1)</script>\u2066end"
CONTROLS = ("\v", "\x07", "\u202e", "\u202c", "\u2066")


def test_the_accessible_pack_has_no_control_characters_anywhere_and_escapes_typed_markup(db):
    pack = synthetic_pack(2, text=TYPED)

    html = html_render(pack=pack, item_pages={}, page_count=10)

    assert not [control for control in CONTROLS if control in html]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
