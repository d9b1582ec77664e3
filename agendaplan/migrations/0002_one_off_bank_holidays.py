"""The one-off bank holidays of England and Wales since 2011 as the council's closure days.

``cyp.calendar`` computes the standing bank holidays (and the years a standing day moved);
the extra days proclaimed once are ``cyp.NonWorkingDay`` rows, so clear days leave them out.
Rows already there (by date) are kept as they are; undoing this migration keeps them too.
"""

import datetime

from django.db import migrations

ONE_OFF_DAYS = [
    (datetime.date(2011, 4, 29), "Royal wedding of Prince William and Catherine Middleton"),
    (datetime.date(2012, 6, 5), "Queen’s Diamond Jubilee"),
    (datetime.date(2022, 6, 3), "Platinum Jubilee bank holiday"),
    (datetime.date(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
    (datetime.date(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
]


def add_days(apps, schema_editor):
    NonWorkingDay = apps.get_model("cyp", "NonWorkingDay")
    for date, name in ONE_OFF_DAYS:
        NonWorkingDay.objects.get_or_create(date=date, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("cyp", "0004_bodies"),
        ("agendaplan", "0001_planned_items"),
    ]

    operations = [migrations.RunPython(add_days, migrations.RunPython.noop)]
