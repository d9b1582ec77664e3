import pytest
from tests.browser.test_polish_pack import *  # noqa

def test_debug(page, pack_html):
    page.set_viewport_size({"width": 375, "height": 900})
    page.set_content(pack_html)
    print(page.evaluate("""() => { const out=[]; for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect(); if (r.right > 380 && !el.closest('.table-scroll')) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right) + ' ' + (el.textContent||'').slice(0,60)); } return out.slice(0,15); }"""))
