"""`actionplan backup` and `actionplan restore`: the whole service in one file, and back.

A backup is a gzipped tar archive:

- `database.jsonl`: every row, as Django's serialized data (`dumpdata`, one object a line,
  datetimes to the microsecond), read in one transaction so the tables agree. Issued papers are rows, their files
  included, byte for byte;
- `media/...`: every file under MEDIA_ROOT (uploaded evidence);
- `manifest.json`, last: the rows in each table, the SHA-256 and size of every file, the
  migrations the database had, and a signature made with SECRET_KEY.

Content types and permissions are not in it: `migrate` makes them in the new database, and
the rows that point at them do so by name (natural keys), so their ids may differ.
Sessions are not in it either: after a restore everyone signs in again.

A restore goes into an empty database only, and checks everything before it writes:
the signature, every file against its hash, no file the manifest does not list, the
migrations. It then loads the rows and the files in one go (a failure leaves the database
and the media folder empty), and checks again, after loading: the rows in each table, every
file's hash, and every issued paper's files against the SHA-256 stored when it was issued.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers, signing
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import actionplan
from actionplan.core.errors import UserError
from actionplan.operations import serializer

FORMAT = "actionplan-backup"
VERSION = 1
DATABASE = "database.jsonl"
MANIFEST = "manifest.json"
MEDIA = "media"
NOT_DUMPED = ("contenttypes.contenttype", "auth.permission", "sessions.session")
CHUNK = 1 << 20


class BackupError(UserError):
    """The archive or the database is not what a backup or a restore needs."""


@dataclass(frozen=True)
class Summary:
    manifest: dict
    seconds: float
    bytes: int

    @property
    def rows(self) -> int:
        return sum(self.manifest["rows"].values())

    @property
    def files(self) -> int:
        return sum(1 for name in self.manifest["files"] if name.startswith(f"{MEDIA}/"))


# --- what is in a backup --------------------------------------------------------------------


def dumped_models() -> list:
    """Every table a backup holds, as its model, many-to-many tables' too."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in NOT_DUMPED
        and model._meta.managed
        and not model._meta.proxy
    ]


def row_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in dumped_models()}


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _sign(manifest: dict) -> str:
    signer = _signer()
    return signer.sign(_digest(manifest)).rpartition(signer.sep)[2]


def _signer() -> signing.Signer:
    # With SECRET_KEY_FALLBACKS, a backup made before a key rotation still verifies.
    return signing.Signer(salt="actionplan.operations.backup")


def _digest(manifest: dict) -> str:
    unsigned = {k: v for k, v in manifest.items() if k != "signature"}
    return hashlib.sha256(json.dumps(unsigned, sort_keys=True).encode()).hexdigest()


# --- backup ---------------------------------------------------------------------------------


def backup(path: Path) -> Summary:
    """Write the database and the media files to a new archive at `path`."""
    started = time.monotonic()
    path = Path(path)
    if path.exists():
        raise BackupError(
            f"{path}: exists already; give a new file name (backups are never overwritten)"
        )
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent}: no such folder")
    partial = path.with_name(f".{path.name}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix="actionplan-backup-") as work:
            dump = Path(work) / DATABASE
            rows, migrations = _dump(dump)
            files = {}
            with tarfile.open(partial, "w:gz") as archive:
                files[DATABASE] = _add(archive, dump, DATABASE)
                for name, source in _media_files():
                    files[name] = _add(archive, source, name)
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "actionplan": actionplan.__version__,
                    "django": django.get_version(),
                    "database": connection.vendor,
                    "migrations": migrations,
                    "rows": rows,
                    "files": files,
                }
                manifest["signature"] = _sign(manifest)
                data = json.dumps(manifest, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(time.time())
                archive.addfile(info, io.BytesIO(data))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Summary(manifest, time.monotonic() - started, path.stat().st_size)


def _dump(target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Every row, the counts and the migrations, all as of one moment."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every table, and nothing written meanwhile by this backup.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        rows = row_counts()
        serializers.register_serializer(serializer.FORMAT, serializer.__name__)
        # Every table by name: many-to-many ones too, which dumpdata leaves out unless named.
        call_command(
            "dumpdata",
            *(model._meta.label for model in dumped_models()),
            format=serializer.FORMAT,
            natural_foreign=True,
            use_base_manager=True,
            output=str(target),
            verbosity=0,
        )
        return rows, applied_migrations()


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for folder, _, names in sorted(os.walk(root)):
        for filename in sorted(names):
            source = Path(folder) / filename
            if source.is_file() and not source.is_symlink():
                yield f"{MEDIA}/{source.relative_to(root).as_posix()}", source


def _add(archive: tarfile.TarFile, source: Path, name: str) -> dict:
    """Add `source` as `name`, hashing exactly the bytes written."""
    digest = hashlib.sha256()
    with source.open("rb") as f:
        info = archive.gettarinfo(fileobj=f, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o644
        archive.addfile(info, _Hashing(f, digest))
    return {"sha256": digest.hexdigest(), "bytes": info.size}


class _Hashing(io.RawIOBase):
    """A reader that hashes what is read through it."""

    def __init__(self, f, digest):
        self.f, self.digest = f, digest

    def read(self, size=-1):
        data = self.f.read(size)
        self.digest.update(data)
        return data


# --- restore --------------------------------------------------------------------------------


def restore(path: Path, *, other_key: bool = False) -> Summary:
    """Restore the archive at `path` into this (empty) database and media folder."""
    started = time.monotonic()
    path = Path(path)
    manifest = read_manifest(path, other_key=other_key)
    media_root = Path(settings.MEDIA_ROOT)
    _refuse_if_not_empty(media_root)
    call_command("migrate", interactive=False, verbosity=0)
    _refuse_if_not_empty(media_root)
    _check_migrations(manifest)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".actionplan-restore-", dir=media_root.parent))
    moved: list[Path] = []
    try:
        _extract(path, manifest, staging)
        with transaction.atomic():
            connection.cursor().execute(f"DELETE FROM {_session_table()}")
            call_command("loaddata", str(staging / DATABASE), verbosity=0)
            _check_rows(manifest)
            _check_papers()
            moved = _move_media(staging / MEDIA, media_root)
            _check_files(manifest, media_root)
    except BaseException:
        for file in moved:
            file.unlink(missing_ok=True)
        _remove_empty_folders(media_root)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # Cached pages are keyed by each plan's write version, which the restore may set back.
    cache.clear()
    return Summary(manifest, time.monotonic() - started, path.stat().st_size)


def read_manifest(path: Path, *, other_key: bool = False) -> dict:
    """The archive's manifest, once its form and signature are checked."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.getmember(MANIFEST)
            source = archive.extractfile(member)
            if source is None:  # a folder or a link by that name: json.load failed on None
                raise BackupError(f"{path}: not an actionplan backup ({MANIFEST} is not a file)")
            manifest = json.load(source)
    except FileNotFoundError:
        raise BackupError(f"{path}: no such file") from None
    except (tarfile.TarError, KeyError, OSError, EOFError, ValueError, AttributeError) as e:
        raise BackupError(f"{path}: not an actionplan backup ({_reason(e)})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: not an actionplan backup (its manifest is not one)")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path}: backup format {manifest.get('version')!r}; this actionplan reads {VERSION}"
        )
    signer = _signer()
    try:
        signer.unsign(f"{_digest(manifest)}{signer.sep}{manifest.get('signature')}")
    except signing.BadSignature:
        if not other_key:
            raise BackupError(
                f"{path}: its manifest does not match its signature: either the archive was "
                "changed after it was made, or it was made with another SECRET_KEY. If you "
                "know where it came from, restore it with --other-secret-key (every file is "
                "still checked against the manifest)"
            ) from None
    return manifest


def _reason(e: BaseException) -> str:
    if isinstance(e, KeyError):
        return f"no {MANIFEST}"
    return str(e) or type(e).__name__


def _session_table() -> str:
    return connection.ops.quote_name(apps.get_model("sessions", "Session")._meta.db_table)


def _refuse_if_not_empty(media_root: Path) -> None:
    existing = set(connection.introspection.table_names())
    full = [
        f"{model._meta.db_table} ({count} row{'s' if count != 1 else ''})"
        for model in dumped_models()
        if model._meta.db_table in existing and (count := model._base_manager.count())
    ]
    if full:
        more = f" and {len(full) - 5} more tables" if len(full) > 5 else ""
        raise BackupError(
            "the database is not empty: "
            + ", ".join(full[:5])
            + more
            + ". Restore into a new, empty database (docs/deploy.md, restoring)"
        )
    if any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(
            f"the media folder {media_root} has files in it: restore into an empty one"
        )


def _check_migrations(manifest: dict) -> None:
    here = applied_migrations()
    if manifest["migrations"] == here:
        return
    known = MigrationLoader(connection, ignore_no_migrations=True).disk_migrations
    theirs = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(theirs - set(known))
    if unknown:
        raise BackupError(
            f"the backup was made by a newer actionplan ({manifest.get('actionplan')}), with "
            f"migrations this one does not have ({', '.join('.'.join(m) for m in unknown[:3])}): "
            "install that version, restore, then upgrade"
        )
    missing = sorted({(a, n) for a, names in here.items() for n in names} - theirs)
    raise BackupError(
        f"the backup was made by an older actionplan ({manifest.get('actionplan')}), without "
        f"migrations {', '.join('.'.join(m) for m in missing[:3])}: install that version, "
        "restore, then upgrade as docs/deploy.md says"
    )


def _safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        name == DATABASE
        or (len(parts) > 1 and parts[0] == MEDIA and ".." not in parts and "" not in parts)
    ) and not name.startswith("/")


def _extract(path: Path, manifest: dict, staging: Path) -> None:
    """Every file of the manifest into `staging`, each checked against its hash; nothing
    else may be in the archive."""
    listed = manifest["files"]
    seen = set()
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            name = member.name
            if name == MANIFEST:
                continue
            if name not in listed or not member.isfile() or not _safe_name(name):
                raise BackupError(f"{path}: {name} is not in the manifest: the archive was changed")
            if member.size != listed[name]["bytes"]:
                raise BackupError(
                    f"{path}: {name} is not the size the manifest gives: the archive was changed"
                )
            target = staging.joinpath(*PurePosixPath(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            source = archive.extractfile(member)
            assert source is not None  # member.isfile(), checked above
            with source, target.open("wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != listed[name]["sha256"]:
                raise BackupError(
                    f"{path}: {name} does not match its SHA-256 in the manifest: the archive "
                    "was changed or damaged"
                )
            seen.add(name)
    missing = sorted(set(listed) - seen)
    if missing:
        raise BackupError(f"{path}: {', '.join(missing[:3])} missing from the archive")


def _move_media(source: Path, media_root: Path) -> list[Path]:
    moved: list[Path] = []
    if not source.is_dir():
        return moved
    for folder, _, names in os.walk(source):
        for filename in names:
            relative = (Path(folder) / filename).relative_to(source)
            target = media_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(Path(folder) / filename, target)
            moved.append(target)
    return moved


def _remove_empty_folders(root: Path) -> None:
    for folder, _, _ in sorted(os.walk(root), reverse=True):
        if Path(folder) != root:
            with contextlib.suppress(OSError):  # not empty: not ours
                Path(folder).rmdir()


def _check_rows(manifest: dict) -> None:
    here = row_counts()
    wrong = [
        f"{table}: {here.get(table, 0)} rows, the backup has {count}"
        for table, count in sorted(manifest["rows"].items())
        if here.get(table, 0) != count
    ]
    if wrong:
        raise BackupError("after loading, " + "; ".join(wrong[:5]))


def _check_files(manifest: dict, media_root: Path) -> None:
    for name, expected in manifest["files"].items():
        if name == DATABASE:
            continue
        file = media_root.joinpath(*PurePosixPath(name).parts[1:])
        if hashlib.sha256(file.read_bytes()).hexdigest() != expected["sha256"]:
            raise BackupError(f"after restoring, {file} does not match its SHA-256")


def _check_papers() -> None:
    """Every issued paper's files, and every draft's rendered file, hash as stored."""
    from actionplan.reports.models import FORMATS, DraftRendering, Paper

    for paper in Paper.objects.issued():
        for fmt in FORMATS:
            content, stored = getattr(paper, fmt), getattr(paper, f"{fmt}_sha256")
            if content is not None and hashlib.sha256(bytes(content)).hexdigest() != stored:
                raise BackupError(f"after loading, the {fmt} of issued paper {paper.pk} differs")
    for rendering in DraftRendering.objects.filter(content__isnull=False):
        assert rendering.content is not None  # the filter's guarantee
        if hashlib.sha256(bytes(rendering.content)).hexdigest() != rendering.sha256:
            raise BackupError(f"after loading, draft file {rendering.pk} differs")
