"""Pack files under MEDIA_ROOT: written atomically, published files written once and made read-only.

Paths stored in the database are relative to MEDIA_ROOT ("packs/meeting-3/build-12-1/pack.pdf"),
so the media directory can move without a migration.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import uuid
from pathlib import Path

from django.conf import settings

PACKS_DIR = "packs"
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def absolute(relative: str) -> Path:
    """The file a stored relative path names, refusing any path that leaves MEDIA_ROOT."""
    root = media_root().resolve()
    path = (root / relative).resolve()
    if root != path and root not in path.parents:
        raise ValueError(f"{relative!r} is outside the media directory")
    return path


def build_dir(*, meeting_id: int, build_id: int, attempt: int) -> str:
    """Each attempt of a build writes into its own directory: two attempts never touch the same file."""
    return f"{PACKS_DIR}/meeting-{meeting_id}/build-{build_id}-{attempt}"


def version_dir(*, meeting_id: int, number: int) -> str:
    """A fresh directory per publication, so files left by a publication that crashed before its
    database commit can never collide with (or be mistaken for) the version that follows."""
    return f"{PACKS_DIR}/meeting-{meeting_id}/v{number}-{uuid.uuid4().hex[:12]}"


def _write_temporary(target, data: bytes):
    """``data`` on disk (flushed and synced) under a temporary name beside ``target``; returns its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(relative: str, data: bytes) -> str:
    """Write to a temporary name in the same directory, flush to disk, then rename over the target.

    A reader sees either no file or the whole file, never a part of one; an
    interrupted write leaves only a ``.tmp`` file that nothing points to.
    """
    target = absolute(relative)
    temporary = _write_temporary(target, data)
    try:
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
    return relative


def write_once(relative: str, data: bytes) -> str:
    """Write a published file: refuse to replace an existing one, then make it read-only."""
    target = absolute(relative)
    if target.exists():
        raise FileExistsError(f"{relative} is already published and is never replaced")
    temporary = _write_temporary(target, data)
    try:
        os.chmod(temporary, READ_ONLY)
        # link() fails if the target appeared meanwhile, where rename would silently replace it.
        os.link(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
    return relative


def read(relative: str) -> bytes:
    return absolute(relative).read_bytes()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remove_tree(relative: str) -> None:
    """Remove a build attempt's directory (a failed or superseded attempt)."""
    path = absolute(relative)
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)


def remove_other_attempts(*, meeting_id: int, build_id: int, keep: int) -> None:
    """Remove what earlier attempts of a build left behind (a worker killed after writing, before finishing)."""
    keep_dir = absolute(build_dir(meeting_id=meeting_id, build_id=build_id, attempt=keep))
    for path in keep_dir.parent.glob(f"build-{build_id}-*"):
        if path != keep_dir and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
