"""python manage.py publish_pack 2024-10-08 --by governance

Publishes a meeting's final pack from the command line, for automation and for checks: the
ready final build of the current content if there is one, otherwise a final build assembled
here and now (in this process, no worker needed). The person named by ``--by`` must be in
the governance team (or an administrator): the audit log and the version name them.
Exits non-zero, writing nothing, when the pack is not ready to publish.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from cyp.commands import command_user
from cyp.models import User
from cyp.words import counted
from indicators.services import figure_corrections_since
from reports.enums import BuildStatus
from reports.management.arguments import meeting_from_argument
from reports.models import Meeting, PackBuild
from reports.selectors import pack_readiness
from reports.services.assembly import blockers_message, pack_assemble, pack_build_create, pack_snapshot
from reports.services.publishing import change_log_between, pack_publish


class Command(BaseCommand):
    help = "Publish a meeting's final pack (MEETING is its id or date), assembling it first when needed."

    def add_arguments(self, parser):
        parser.add_argument("meeting", help="The meeting's id, or its date as 2024-10-08.")
        parser.add_argument(
            "--by", required=True, dest="username", help="The governance user recorded as publishing it."
        )

    def handle(self, *args, **options):
        meeting = meeting_from_argument(options["meeting"])
        by = command_user(
            username=options["username"],
            perm="reports.publish_pack",
            cannot="is not in the governance team and cannot publish packs.",
            unnamed="Name the governance user who publishes it: --by USERNAME.",
        )
        blockers = pack_readiness(meeting=meeting)
        if blockers:
            raise CommandError(blockers_message(blockers, action="The pack cannot be published"))
        build = self._current_build(meeting)
        if build is None:
            build = self._assemble(meeting, by=by, verbosity=options["verbosity"])
        try:
            version = pack_publish(build=build, by=by)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError(" ".join(messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Published {version.label} of the pack for {meeting}: {counted(version.page_count, 'page')}, "
                f"SHA-256 {version.sha256} (build {build.pk})."
            )
        )
        for line in version.change_log:
            self.stdout.write(f"  {line}")

    def _current_build(self, meeting: Meeting) -> PackBuild | None:
        """The newest ready final build, not yet published, of exactly the content there is now and
        assembled after the last correction of a published figure."""
        build = (
            PackBuild.objects.filter(meeting=meeting, draft=False, status=BuildStatus.READY, version__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
        if build is None:
            return None
        drift = change_log_between(build.snapshot, pack_snapshot(meeting=meeting))
        if any(not line.startswith("No change") for line in drift):
            return None
        if figure_corrections_since(committee=meeting.committee, since=build.started_at or build.created_at):
            return None  # it prints a figure corrected since: pack_publish would refuse it
        return build

    def _assemble(self, meeting: Meeting, *, by: User, verbosity: int) -> PackBuild:
        try:
            build = pack_build_create(meeting=meeting, by=by, draft=False)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError(" ".join(messages)) from None

        def progress(step: str, percent: int) -> None:
            if verbosity >= 2:
                self.stdout.write(f"{percent:3d}% {step}")

        build = pack_assemble(build_id=build.pk, progress=progress)
        if build.status != BuildStatus.READY:
            raise CommandError(f"The assembly of the final pack failed: {build.failure_reason}")
        self.stdout.write(f"Assembled the final pack: {counted(build.page_count, 'page')} (build {build.pk}).")
        return build
