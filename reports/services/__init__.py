"""Writes for meetings and packs. Reads (deadlines, readiness) live in reports.selectors and are
re-exported here because callers think of them as part of the pack's workflow."""

from reports.selectors import Blocker, Deadline, meeting_deadlines, pack_readiness
from reports.services.assembly import (
    PackBusy,
    pack_assemble,
    pack_build_create,
    pack_build_fail,
    pack_builds_expire,
    pack_input_build,
    pack_queue,
    pack_snapshot,
)
from reports.services.meetings import agenda_item_save, meeting_save, paper_upload
from reports.services.publishing import change_log_between, pack_download_record, pack_publish

__all__ = [
    "Blocker",
    "Deadline",
    "PackBusy",
    "agenda_item_save",
    "change_log_between",
    "meeting_deadlines",
    "meeting_save",
    "pack_assemble",
    "pack_build_create",
    "pack_build_fail",
    "pack_builds_expire",
    "pack_download_record",
    "pack_input_build",
    "pack_publish",
    "pack_queue",
    "pack_readiness",
    "pack_snapshot",
    "paper_upload",
]
