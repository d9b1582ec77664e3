"""The queue and withdraw pages' entries in the URL permission table (tests/test_url_permissions.py).

They use a submitted return of the lead's (indicator 12, added here) and the objects the other apps' arrangers
put in the world: the submitted plan progress the lead writes as a delegate, the lead's submitted response
to a minute action, and the other lead's submitted self-assessment section.
"""

from cyp.enums import ReviewState
from tests.commentary.factories import ReturnFactory
from tests.factories import IndicatorFactory
from tests.test_url_permissions import Entry, answers


def arrange(world) -> None:
    indicator = IndicatorFactory(committee=world.committee, number=12, service_area=world.area)
    world.submitted_ret = ReturnFactory(indicator=indicator, quarter=world.quarter, state=ReviewState.SUBMITTED)


ENTRIES = {
    # Staff have a queue; members have none.
    "waiting_for_me": Entry(lambda w: {}, answers(302, 200, 200, 200, 403, 200)),
    "waiting_count": Entry(lambda w: {}, answers(302, 200, 200, 200, 200, 200)),
    # Withdraw: whoever could submit it; a submission the person may not see stays invisible (404).
    "return_withdraw": Entry(
        lambda w: {"pk": w.submitted_ret.pk}, answers(302, 302, 404, 403, 404, 302), method="post"
    ),
    "plans:progress_withdraw": Entry(
        lambda w: {"update_id": w.plan_submitted.pk}, answers(302, 302, 404, 403, 404, 302), method="post"
    ),
    "minutes:response_withdraw": Entry(
        lambda w: {"response_id": w.minutes_submitted.pk}, answers(302, 302, 404, 403, 404, 302), method="post"
    ),
    "selfassessment:section_withdraw": Entry(
        lambda w: {"document_id": w.sa_document.pk, "number": 2}, answers(302, 403, 302, 403, 404, 302), method="post"
    ),
}
