"""python manage.py assemble_pack 2024-10-08 --output pack.pdf [--final] [--html pack.html]

Runs the same assembly as the governance team's button, in this process: it
creates a build, assembles it (no worker needed) and copies the PDF where asked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cyp.commands import command_user
from cyp.words import counted
from reports.enums import BuildStatus
from reports.management.arguments import meeting_from_argument
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
        meeting = meeting_from_argument(options["meeting"])
        by = command_user(
            username=options.get("username"),
            perm="reports.assemble_pack",
            cannot="is not in the governance team and cannot assemble packs.",
            unnamed="No governance user exists to record as assembling the pack: pass --as USERNAME.",
        )
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
                f"Wrote the {kind} of {meeting} to {options['output']}: "
                f"{counted(build.page_count, 'page')} (build {build.pk})."
            )
        )

    def _copy(self, relative: str, destination: str) -> None:
        target = Path(destination)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(files.absolute(relative), target)
