"""User text as data: how it is cleaned before it is shown, printed or exported. No Django import.

One home for the rule, called by the HTML templates (through a filter), the PDF, the CSV and
XLSX cell writer and the imports:

- line breaks become ``\\n``: Windows' ``\\r\\n``, old Mac ``\\r``, and Word's manual line break
  (vertical tab, ``\\v``) and page break (form feed, ``\\f``), and the Unicode line and
  paragraph separators;
- other control characters (C0 but tab and newline, DEL, C1), lone surrogates and the
  non-characters U+FFFE/U+FFFF are removed: no browser, PDF or spreadsheet shows them, and
  openpyxl refuses them;
- bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are
  removed, so text cannot reorder what is shown around it ("Trojan Source"). Right-to-left
  text itself (Arabic, Hebrew, Urdu) is untouched and still shows right to left.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def text_clean(value) -> str:
    """``value`` as text a person can read anywhere: line breaks as ``\\n``, no control or bidi-override characters.

    Tabs are kept (callers that lay out text decide what a tab becomes). None is "".
    """
    text = "" if value is None else str(value)
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def text_has_controls(value) -> bool:
    """True when ``text_clean`` would remove something other than a line-break form."""
    text = "" if value is None else str(value)
    return bool(_CONTROL.search(_LINE_BREAKS.sub("\n", text)))
