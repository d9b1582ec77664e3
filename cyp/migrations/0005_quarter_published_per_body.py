"""A quarter is published per body: what ``Quarter.published_at`` recorded moves to ``QuarterPublication``.

Each quarter published before goes to the bodies whose meetings reporting it have a published pack
version (the body whose pack published it); a quarter with no such meeting left goes to the first body.
Then ``Quarter.published_at`` goes.
"""

from django.db import migrations


def publications_from_quarters(apps, schema_editor):
    Quarter = apps.get_model("cyp", "Quarter")
    Committee = apps.get_model("cyp", "Committee")
    QuarterPublication = apps.get_model("cyp", "QuarterPublication")
    try:
        PackVersion = apps.get_model("reports", "PackVersion")
    except LookupError:  # the reports app is not installed: nothing says which body published
        PackVersion = None
    first_body = Committee.objects.order_by("position", "name", "pk").first()
    for quarter in Quarter.objects.filter(published_at__isnull=False):
        bodies = set()
        if PackVersion is not None:
            bodies = set(
                PackVersion.objects.filter(meeting__quarter=quarter).values_list("meeting__committee_id", flat=True)
            )
        if not bodies and first_body is not None:
            bodies = {first_body.pk}
        for committee_id in bodies:
            QuarterPublication.objects.get_or_create(
                committee_id=committee_id, quarter=quarter, defaults={"published_at": quarter.published_at}
            )


def quarters_from_publications(apps, schema_editor):
    Quarter = apps.get_model("cyp", "Quarter")
    QuarterPublication = apps.get_model("cyp", "QuarterPublication")
    for publication in QuarterPublication.objects.order_by("published_at"):
        Quarter.objects.filter(pk=publication.quarter_id, published_at__isnull=True).update(
            published_at=publication.published_at
        )


class Migration(migrations.Migration):
    # No dependency on reports: the kernel needs no app. Without its models here, the first body it is.
    dependencies = [("cyp", "0004_bodies")]

    operations = [
        migrations.RunPython(publications_from_quarters, quarters_from_publications),
        migrations.RemoveField(model_name="quarter", name="published_at"),
    ]
