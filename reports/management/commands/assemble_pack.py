"""python manage.py assemble_pack 2024-10-08 --output pack.pdf [--final] [--html pack.html]

Runs the same assembly as the governance team's button, in this process: it
creates a build, assembles it (no worker needed) and copies the PDF where asked.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from cyp.enums import Role
from cyp.models import User
from reports.enums import BuildStatus
from reports.models import Meeting
from reports.services import files
from reports.services.assembly import pack_assemble, pack_build_create


class Command(BaseCommand):
    help = "Assemble a meeting's committee pack synchronously and write the PDF (MEETING is its id or date)."

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="The meeting's id, or its date as 2024-10-08.")
        parser.add_argument("--output", "-o", required=True, help="Where to write the PDF.")
        parser.add_argument("--html", help="Also write the accessible HTML here.")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument("--draft", dest="draft", action="store_true", default=True, help="A draft (the default).")
        kind.add_argument("--final", dest="draft", action="store_false", help="The final pack: refused while blocked.")
        parser.add_argument("--as", dest="username", help="The governance user recorded as assembling it.")

    def handle(self, *args, **options):
        meeting = self._meeting(options["meeting"])
        by = self._user(options.get("username"))
        draft = options["draft"]
        try:
            build = pack_build_create(meeting=meeting, by=by, draft=draft)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        def progress(step: str, percent: int) -> None:
            if options["verbosity"] >= 2:
                self.stdout.write(f"{percent:3d}% {step}")

        build = pack_assemble(build_id=build.pk, progress=progress)
        if build.status != BuildStatus.READY:
            raise CommandError(f"The assembly failed: {build.failure_reason}")
        self._copy(build.pdf_path, options["output"])
        if options.get("html"):
            self._copy(build.html_path, options["html"])
        kind = "draft" if draft else "final pack"
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote the {kind} of {meeting} to {options['output']}: {build.page_count} pages (build {build.pk})."
            )
        )

    def _meeting(self, text: str) -> Meeting:
        meetings = Meeting.objects.select_related("committee", "quarter__year")
        try:
            date = datetime.date.fromisoformat(text)
        except ValueError:
            date = None
        if date is not None:
            found = list(meetings.filter(date=date))
        elif text.isdigit():
            found = list(meetings.filter(Q(pk=int(text))))
        else:
            raise CommandError(f"'{text}' is neither a meeting id nor a date: write 12 or 2024-10-08.")
        if not found:
            raise CommandError(f"No meeting matches '{text}'.")
        if len(found) > 1:
            ids = ", ".join(str(meeting.pk) for meeting in found)
            raise CommandError(f"{len(found)} meetings are on {text} (ids {ids}): give the id instead.")
        return found[0]

    def _user(self, username: str | None) -> User:
        users = User.objects.filter(is_active=True)
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(f"No active user is called '{username}'.")
        else:
            user = users.filter(Q(role=Role.GOVERNANCE) | Q(role=Role.ADMINISTRATOR) | Q(is_superuser=True)).first()
            if user is None:
                raise CommandError("No governance user exists to record as assembling the pack: pass --as USERNAME.")
        if not user.has_perm("reports.assemble_pack"):
            raise CommandError(f"{user} is not in the governance team and cannot assemble packs.")
        return user

    def _copy(self, relative: str, destination: str) -> None:
        target = Path(destination)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(files.absolute(relative), target)
