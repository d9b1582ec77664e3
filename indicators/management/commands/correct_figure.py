"""python manage.py correct_figure 1 2024-06-30 --value 32.0 --reason "…" --by governance

Corrects a figure a published pack printed, as the governance team's page does: with a reason,
recorded as ``figure.correct`` with the old and new values. The published version stays as it
was; the next version's change log names the correction.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from cyp.commands import command_user
from indicators.imports.command import committee_for_command
from indicators.models import Indicator
from indicators.services import figure_correct

#: Numeric options: (option, field).
NUMBERS = (
    ("value", "value"),
    ("numerator", "numerator"),
    ("denominator", "denominator"),
    ("sn_mean", "sn_mean"),
    ("england_mean", "england_mean"),
    ("region_mean", "region_mean"),
    ("other_mean", "other_mean"),
)


def _number(text: str) -> Decimal | None:
    if text.strip().lower() in ("", "none"):
        return None
    try:
        return Decimal(text.strip().rstrip("%").replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number; write it like 78.9 (or none to clear it).") from None


class Command(BaseCommand):
    help = "Correct a published figure with a reason (INDICATOR is its number, PERIOD_END the period's last day)."

    def add_arguments(self, parser):
        parser.add_argument("indicator", type=int, help="The indicator's number: 1.")
        parser.add_argument("period_end", help="The last day of the figure's period, as 2024-06-30.")
        parser.add_argument("--reason", required=True, help="Why it is corrected (printed in the change log).")
        for option, _field in NUMBERS:
            parser.add_argument(f"--{option.replace('_', '-')}", dest=option, help="A number, or none to clear it.")
        parser.add_argument("--period-label", dest="period_label", help="The period as printed: June 2024.")
        parser.add_argument("--other-mean-label", dest="other_mean_label", help="The other comparator's name.")
        parser.add_argument("--as-at", dest="as_at", help="The date the data is as at, as 2024-07-15.")
        updated = parser.add_mutually_exclusive_group()
        updated.add_argument("--not-updated", dest="not_updated", action="store_true", default=None)
        updated.add_argument("--updated", dest="not_updated", action="store_false")
        parser.add_argument("--not-updated-reason", dest="not_updated_reason", help="Why it was not updated.")
        parser.add_argument("--by", dest="username", help="The governance user recorded as correcting it.")
        parser.add_argument("--committee", type=int, help="The committee's id, when there is more than one.")

    def handle(self, *args, **options):
        committee = committee_for_command(options.get("committee"))
        indicator = Indicator.objects.filter(committee=committee, number=options["indicator"]).first()
        if indicator is None:
            raise CommandError(f"There is no indicator {options['indicator']} in {committee}.")
        try:
            period_end = datetime.date.fromisoformat(options["period_end"])
        except ValueError:
            raise CommandError(f"'{options['period_end']}' is not a date: write it like 2024-06-30.") from None
        fields = self._fields(options)
        if not fields:
            raise CommandError("Say what to correct: --value 32.0, for example (see --help for the other fields).")
        by = command_user(
            username=options.get("username"),
            perm="indicators.correct_figure",
            cannot="is not in the governance team and cannot correct published figures.",
            unnamed="Name the governance user who corrects it: --by USERNAME.",
            only_one=True,
        )
        try:
            written = figure_correct(
                indicator=indicator, period_end=period_end, fields=fields, by=by, reason=options["reason"]
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        changed = "; ".join(f"{name} {old or '–'} → {new or '–'}" for name, (old, new) in written.changes.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Corrected indicator {indicator.number}, {written.figure.period_label}: {changed} "
                f"(by {by.username}). Assemble and publish the pack again so that a new version carries it."
            )
        )

    def _fields(self, options) -> dict:
        fields: dict = {}
        try:
            for option, field in NUMBERS:
                if options.get(option) is not None:
                    fields[field] = _number(options[option])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options.get("as_at") is not None:
            try:
                fields["as_at"] = datetime.date.fromisoformat(options["as_at"]) if options["as_at"] else None
            except ValueError:
                raise CommandError(f"--as-at '{options['as_at']}' is not a date: write it like 2024-07-15.") from None
        for name in ("period_label", "other_mean_label", "not_updated_reason"):
            if options.get(name) is not None:
                fields[name] = options[name]
        if options.get("not_updated") is not None:
            fields["not_updated"] = options["not_updated"]
            if not options["not_updated"] and "not_updated_reason" not in fields:
                fields["not_updated_reason"] = ""
        return fields
