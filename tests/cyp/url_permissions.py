"""The search, audit log and bulk approval entries of the URL permission table (tests/test_url_permissions.py)."""

from tests.test_url_permissions import Entry, answers

ENTRIES = {
    # Staff search; members read the published pack and have no search (cyp/search.py says why).
    "search": Entry(lambda w: {}, answers(302, 200, 200, 200, 403, 200), data=lambda w: {"q": "Two-year-olds"}),
    # The audit log is the governance team's (and administrators').
    "audit_log": Entry(lambda w: {}, answers(302, 403, 403, 200, 403, 200)),
    "audit_log_csv": Entry(lambda w: {}, answers(302, 403, 403, 200, 403, 200)),
    "audit_log_xlsx": Entry(lambda w: {}, answers(302, 403, 403, 200, 403, 200)),
    # The confirmation of approving returns together: whoever approves returns.
    "returns_bulk_approve": Entry(
        lambda w: {"quarter": "2024-25-Q1"}, answers(302, 403, 403, 200, 403, 200), data=lambda w: {"ret": w.ret.pk}
    ),
}
