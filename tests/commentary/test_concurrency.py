"""Two people at once on PostgreSQL: one decision wins, a stale save is refused, no update is lost.

Real threads, real transactions (``transaction=True``); skipped on SQLite,
whose single writer serialises everything anyway.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from commentary.models import Return
from commentary.services import return_approve, return_return, return_save, return_submit
from cyp.enums import ReviewState
from cyp.models import AuditEvent
from cyp.workflow import ConcurrentChange, TransitionError

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]


def run_together(*jobs):
    """Run each job in its own thread, starting them at the same moment; returns what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as error:  # the outcome under test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def fresh(ret):
    return Return.objects.select_related("indicator", "quarter", "quarter__year").get(pk=ret.pk)


def test_an_approval_and_a_return_at_once_exactly_one_wins(ret, lead, governance, administrator):
    return_submit(ret=ret, by=lead)
    first, second = fresh(ret), fresh(ret)

    results = run_together(
        lambda: return_approve(ret=first, by=governance),
        lambda: return_return(ret=second, by=administrator, comment="Not yet."),
    )

    winners = [result for result in results if isinstance(result, Return)]
    losers = [result for result in results if isinstance(result, ConcurrentChange | TransitionError)]
    assert (len(winners), len(losers)) == (1, 1), results
    stored = fresh(ret)
    assert stored.state == winners[0].state and stored.version == 3
    assert AuditEvent.objects.filter(action__in=["return.approve", "return.return"]).count() == 1


def test_two_approvals_at_once_approve_once(ret, lead, governance, administrator):
    return_submit(ret=ret, by=lead)
    first, second = fresh(ret), fresh(ret)

    results = run_together(
        lambda: return_approve(ret=first, by=governance), lambda: return_approve(ret=second, by=administrator)
    )

    assert sorted(type(result).__name__ for result in results) == ["ConcurrentChange", "Return"]
    assert fresh(ret).state == ReviewState.APPROVED
    assert AuditEvent.objects.filter(action="return.approve").count() == 1
    assert AuditEvent.objects.filter(action="figure.change").count() == 1


def test_two_saves_of_the_same_version_one_is_refused_and_nothing_is_mixed(ret, lead):
    first, second = fresh(ret), fresh(ret)

    results = run_together(
        lambda: return_save(ret=first, by=lead, content={"commentary": "First."}, expected_version=1),
        lambda: return_save(ret=second, by=lead, content={"commentary": "Second."}, expected_version=1),
    )

    saved = [result for result in results if isinstance(result, Return)]
    assert len(saved) == 1 and sum(isinstance(r, ConcurrentChange) for r in results) == 1
    assert (fresh(ret).commentary, fresh(ret).version) == (saved[0].commentary, 2)


def test_many_writers_retrying_on_conflict_lose_no_update(ret, lead):
    Return.objects.filter(pk=ret.pk).update(value=Decimal(0))
    writers, increments = 4, 5

    def writer():
        done = 0
        while done < increments:
            current = fresh(ret)
            try:
                return_save(
                    ret=current, by=lead, content={"value": current.value + 1}, expected_version=current.version
                )
            except ConcurrentChange:
                continue
            done += 1
        return done

    results = run_together(*[writer] * writers)

    assert results == [increments] * writers
    stored = fresh(ret)
    assert (stored.value, stored.version) == (Decimal(writers * increments), 1 + writers * increments)
    assert stored.history.count() == 1 + writers * increments
    assert AuditEvent.objects.filter(action="return.save").count() == writers * increments
