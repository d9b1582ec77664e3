"""Several bodies: a slug, kind, cadence and deadline rules per committee; people's bodies; closure days;
publication per body (copied from the quarter's one publication date)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models
from django.utils.text import slugify


def slugs_and_people(apps, schema_editor):
    Committee = apps.get_model("cyp", "Committee")
    User = apps.get_model("cyp", "User")
    Quarter = apps.get_model("cyp", "Quarter")
    Publication = apps.get_model("cyp", "QuarterPublication")
    taken = set()
    committees = list(Committee.objects.order_by("id"))
    for committee in committees:
        base = slugify(committee.name.removesuffix(" Committee"))[:70] or f"body-{committee.pk}"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        committee.slug = slug
        committee.save(update_fields=["slug"])
    # Until now every person served the one committee there was.
    for user in User.objects.all():
        user.committees.add(*committees)
    for quarter in Quarter.objects.filter(published_at__isnull=False):
        for committee in committees:
            Publication.objects.get_or_create(
                committee=committee, quarter=quarter, defaults={"published_at": quarter.published_at}
            )


class Migration(migrations.Migration):
    dependencies = [("cyp", "0003_notification_kinds")]

    operations = [
        migrations.AlterModelOptions(name="committee", options={"ordering": ["position", "name"]}),
        migrations.AddField(
            model_name="committee",
            name="slug",
            field=models.SlugField(max_length=80, null=True, db_index=False),
        ),
        migrations.AddField(
            model_name="committee",
            name="kind",
            field=models.CharField(
                choices=[
                    ("committee", "Committee"),
                    ("board", "Board"),
                    ("panel", "Panel"),
                    ("sub_committee", "Sub-committee"),
                ],
                default="committee",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="committee",
            name="cadence",
            field=models.CharField(
                choices=[
                    ("monthly", "Monthly"),
                    ("bimonthly", "Every two months"),
                    ("quarterly", "Quarterly"),
                    ("as_needed", "As needed"),
                ],
                default="quarterly",
                max_length=20,
                verbose_name="reporting cycle",
            ),
        ),
        migrations.AddField(
            model_name="committee",
            name="position",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="Bodies are listed in this order, then by name."
            ),
        ),
        migrations.AddField(
            model_name="committee",
            name="inspection_clear_days",
            field=models.PositiveSmallIntegerField(
                default=5,
                help_text="Local Government Act 1972, s.100B: at least five clear days.",
                verbose_name="agenda open to inspection (clear days before)",
            ),
        ),
        migrations.AddField(
            model_name="committee",
            name="key_decision_clear_days",
            field=models.PositiveSmallIntegerField(
                default=28, verbose_name="key decisions on the forward plan (clear days before)"
            ),
        ),
        migrations.AddField(
            model_name="committee",
            name="clear_days_exclude_weekends",
            field=models.BooleanField(default=True, verbose_name="clear days leave out Saturdays and Sundays"),
        ),
        migrations.AddField(
            model_name="committee",
            name="clear_days_exclude_bank_holidays",
            field=models.BooleanField(
                default=True, verbose_name="clear days leave out bank holidays and the council's closure days"
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="committees",
            field=models.ManyToManyField(
                blank=True,
                help_text="The bodies this person sits on (members) or serves as an officer of.",
                related_name="people",
                to="cyp.committee",
                verbose_name="bodies",
            ),
        ),
        migrations.CreateModel(
            name="NonWorkingDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(unique=True)),
                ("name", models.CharField(max_length=120)),
            ],
            options={"ordering": ["date"]},
        ),
        migrations.CreateModel(
            name="QuarterPublication",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("published_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "committee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="publications", to="cyp.committee"
                    ),
                ),
                (
                    "quarter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="publications", to="cyp.quarter"
                    ),
                ),
            ],
            options={
                "ordering": ["quarter", "committee"],
                "constraints": [
                    models.UniqueConstraint(fields=("committee", "quarter"), name="quarter_publication_once")
                ],
            },
        ),
        migrations.RunPython(slugs_and_people, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="committee",
            name="slug",
            field=models.SlugField(
                help_text="How addresses name the body: children-and-young-people.", max_length=80, unique=True
            ),
        ),
    ]
