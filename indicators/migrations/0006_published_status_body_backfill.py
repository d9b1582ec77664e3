"""Every published status so far is its indicator's home body's: statuses are now per body."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    PublishedStatus = apps.get_model("indicators", "PublishedStatus")
    Indicator = apps.get_model("indicators", "Indicator")
    home = Indicator.objects.filter(pk=OuterRef("indicator_id")).values("committee_id")[:1]
    PublishedStatus.objects.filter(committee__isnull=True).update(committee_id=Subquery(home))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_indicator_shares_body_targets")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
