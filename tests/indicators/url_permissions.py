"""The indicators app's entries in the URL permission table (tests/test_url_permissions.py)."""

from __future__ import annotations

from tests.test_url_permissions import Entry, answers

ENTRIES = {
    # Correcting a published figure: the governance team and administrators only.
    "figure_correct": Entry(lambda world: {"number": 11}, answers(302, 403, 403, 200, 403, 200)),
}
