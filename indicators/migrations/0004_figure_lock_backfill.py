"""Lock the figures of packs published before locks were recorded (see indicators.models.FigureLock)."""

import datetime

from django.db import migrations


def quarter_end(start_year: int, number: int) -> datetime.date:
    month = 4 + 3 * (number - 1)  # Q1 starts in April
    year = start_year + (1 if month > 12 else 0)
    start = datetime.date(year, (month - 1) % 12 + 1, 1)
    after = start.month + 3
    return datetime.date(start.year + (1 if after > 12 else 0), (after - 1) % 12 + 1, 1) - datetime.timedelta(days=1)


def backfill(apps, schema_editor):
    PackVersion = apps.get_model("reports", "PackVersion")
    FigureLock = apps.get_model("indicators", "FigureLock")
    versions = PackVersion.objects.select_related("meeting__quarter__year")
    for version in versions.iterator():
        if not (version.snapshot or {}).get("indicators"):
            continue  # the version did not carry the performance report
        meeting = version.meeting
        FigureLock.objects.get_or_create(
            committee_id=meeting.committee_id,
            meeting_date=meeting.date,
            version=version.number,
            defaults={"until": quarter_end(meeting.quarter.year.start_year, meeting.quarter.number)},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_figure_lock"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
