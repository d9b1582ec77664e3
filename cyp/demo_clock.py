"""The demo's clock: scripts/demo runs cyp as if it were DEMO_NOW, with the clock running from there.

The demo data is Quarter 1 2024/25 as Cambridgeshire published it for the committee of 8 October 2024. Under
today's clock every deadline of that cycle is years past ("810 days overdue") and the pack says it was
produced long after its meeting. So the demo replays the cycle on one morning of it, chosen from the data:
returns were due on 12 September (some approved, some still in draft), the Corporate Parenting Board meets
that day, draft reports are due on 26 September and the pack for 8 October is being prepared.

time-machine moves the process's clock (``datetime``, ``time``, ``timezone.now()`` and everything built on
them) for the web server's threads and the Celery tasks it runs in-process alike; no business code knows.
Only scripts/demo uses this module, through ``python -m cyp.demo_clock COMMAND``; it refuses to run
unless the settings are the demo's (``CYP_DEMO``), so production (scripts/serve, cyp.wsgi) never does.
"""

from __future__ import annotations

import datetime
import sys
from zoneinfo import ZoneInfo

import time_machine

#: The one home of the demo's date: 24 September 2024, 09:00 UK time.
DEMO_NOW = datetime.datetime(2024, 9, 24, 9, 0, tzinfo=ZoneInfo("Europe/London"))
DEMO_WHY = (
    "during the Q1 2024/25 cycle, before the committee meeting of 8 October 2024: returns were due on "
    "12 September, draft reports are due on 26 September and the pack is being prepared"
)


def demo_clock_travel(*, tick: bool = True) -> time_machine.travel:
    """The clock at DEMO_NOW (running on from it when ``tick``), not yet started."""
    return time_machine.travel(DEMO_NOW, tick=tick)


def demo_clock_announcement() -> str:
    when = DEMO_NOW.strftime("%-d %B %Y, %H:%M")
    return f"The demo's clock starts at {when} UK time, {DEMO_WHY}."


def main(argv: list[str]) -> None:
    """Runs one manage.py command (``python -m cyp.demo_clock runserver ...``) on the demo's clock."""
    # Importing cyp (its Celery app) defaults the settings to production's: the demo's must be asked for.
    from django.conf import settings
    from django.core.management import execute_from_command_line

    if not settings.CYP_DEMO:
        sys.exit(
            "cyp.demo_clock runs only under the demo settings (DJANGO_SETTINGS_MODULE=cyp.settings_demo), "
            "as scripts/demo starts it; production is scripts/serve."
        )
    with demo_clock_travel():
        execute_from_command_line(["manage.py", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
