"""`actionplan backup` and `actionplan restore`: the demo plan with its history, evidence
files and issued paper come back row for row and byte for byte into an empty database; a
database or media folder with something in it, and an archive changed after it was made,
are refused before anything is written."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.loader import MigrationLoader

from actionplan.indicators.models import Indicator
from actionplan.monitoring import services as monitoring
from actionplan.monitoring import statuses
from actionplan.operations import backup
from actionplan.plans.models import Action
from actionplan.reports.models import Paper

EVIDENCE = {
    "audit findings.pdf": b"%PDF-1.4 an audit of 40 case files\n" + bytes(range(256)) * 40,
    "survey.xlsx": b"PK\x03\x04 a spreadsheet of children's views",
}


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table a backup holds, as Django serializes it (foreign keys to
    content types and users by name, so that ids made again by migrate compare equal)."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in backup.dumped_models()
    }


def media_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def issued_papers() -> dict[int, tuple[bytes, bytes, bytes]]:
    return {p.pk: (bytes(p.html), bytes(p.pdf), bytes(p.docx)) for p in Paper.objects.issued()}


def empty_the_database() -> None:
    """As a new database is: no rows but what migrate makes, and the content types made in
    another order, so their ids differ from the backed-up database's."""
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.all().delete()
    ContentType.objects.create(app_label="elsewhere", model="first")
    call_command("migrate", verbosity=0)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def write_archive(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def read_archive(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive}


def resigned(manifest: dict) -> bytes:
    manifest = dict(manifest)
    manifest["signature"] = backup._sign(manifest)
    return json.dumps(manifest).encode()


# --- the round trip


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_demo_plan_with_its_history_comes_back_row_for_row_and_byte_for_byte(media, tmp_path):
    call_command("demo", stdout=io.StringIO())
    officer = apps.get_model("auth", "User").objects.get(username="demo")
    action = next(
        a
        for a in Action.objects.order_by("pk")
        if monitoring.current_status(a) in statuses.UPDATE_STATUSES
    )
    monitoring.record_update(
        action,
        user=officer,
        status="on_track",
        narrative="The audit is done; its findings and the survey are attached.",
        files=[SimpleUploadedFile(name, data) for name, data in EVIDENCE.items()],
    )
    # A link removed: the links left keep their ids, gap and all, through the round trip.
    Indicator.actions.through.objects.order_by("pk").first().delete()
    rows, files, papers = snapshot(), media_files(media), issued_papers()
    assert len(files) == 2
    assert papers, "the demo issues a paper"
    assert len(rows["plans.progressrecord"]) > 300
    assert rows["plans.historicalaction"]
    archive = tmp_path / "demo.tar.gz"

    made = backup.backup(archive)
    empty_the_database()
    for file in media.rglob("*"):
        if file.is_file():
            file.unlink()
    restored = backup.restore(archive)

    assert snapshot() == rows
    assert media_files(media) == files
    assert issued_papers() == papers
    assert made.manifest["rows"] == restored.manifest["rows"] == backup.row_counts()
    assert sorted(f for f in made.manifest["files"] if f.startswith("media/")) == sorted(
        f"media/{name}" for name in files
    )
    # The restored service carries on: new rows get new ids (the sequences were reset).
    update = monitoring.record_update(
        action, user=officer, status="on_track", narrative="After the restore."
    )
    assert update.pk > max(r["pk"] for r in rows["plans.progressrecord"])


# --- backing up


@pytest.mark.django_db
def test_a_backup_lists_every_table_and_file_with_its_hash(media, seed_plan, tmp_path):
    (media / "evidence" / "1").mkdir(parents=True)
    (media / "evidence" / "1" / "note.txt").write_bytes(b"evidence")
    archive = tmp_path / "b.tar.gz"

    made = backup.backup(archive)

    members = read_archive(archive)
    manifest = json.loads(members["manifest.json"])
    assert list(members) == ["database.jsonl", "media/evidence/1/note.txt", "manifest.json"]
    assert manifest["files"]["media/evidence/1/note.txt"] == {
        "sha256": hashlib.sha256(b"evidence").hexdigest(),
        "bytes": 8,
    }
    assert (
        manifest["files"]["database.jsonl"]["sha256"]
        == hashlib.sha256(members["database.jsonl"]).hexdigest()
    )
    assert manifest["rows"]["plans.plan"] == 1
    assert manifest["rows"]["plans.action"] == Action.objects.count()
    assert "contenttypes.contenttype" not in manifest["rows"]
    (latest,) = MigrationLoader(None).graph.leaf_nodes("reports")
    assert manifest["migrations"]["reports"][-1] == latest[1]
    assert made.files == 1


@pytest.mark.django_db
def test_a_backup_never_overwrites_a_file(media, tmp_path):
    archive = tmp_path / "b.tar.gz"
    archive.write_bytes(b"last night's backup")

    with pytest.raises(backup.BackupError, match="exists already"):
        backup.backup(archive)

    assert archive.read_bytes() == b"last night's backup"


@pytest.mark.django_db
def test_the_backup_command_says_what_it_wrote(media, seed_plan, tmp_path):
    out = io.StringIO()

    call_command("backup", "-o", str(tmp_path / "b.tar.gz"), stdout=out)

    assert out.getvalue().startswith("Backed up ")
    assert " rows in " in out.getvalue()
    assert f"media files to {tmp_path / 'b.tar.gz'}" in out.getvalue()


# --- what a restore refuses


@pytest.fixture
def archive(media, seed_plan, tmp_path) -> Path:
    """A backup of the seed plan, with one evidence file; then the database emptied."""
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "note.txt").write_bytes(b"evidence")
    path = tmp_path / "b.tar.gz"
    backup.backup(path)
    (media / "evidence" / "note.txt").unlink()
    (media / "evidence").rmdir()
    return path


def refused(archive: Path, media: Path, match: str) -> str:
    """Restoring `archive` is refused, saying `match`, and writes no row and no file."""
    with pytest.raises(backup.BackupError, match=match) as refusal:
        backup.restore(archive)
    assert not any(backup.row_counts().values())
    assert not any(p.is_file() for p in media.rglob("*"))
    return str(refusal.value)


@pytest.mark.django_db(transaction=True)
def test_a_database_with_rows_in_it_is_refused_and_left_as_it_was(archive, seed_plan):
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(archive)

    assert str(refused.value).startswith("the database is not empty: ")
    assert "plans_plan (1 row)" in str(refused.value)
    assert "Restore into a new, empty database" in str(refused.value)


@pytest.mark.django_db(transaction=True)
def test_a_media_folder_with_files_in_it_is_refused(archive, media):
    empty_the_database()
    (media / "someone-elses.pdf").write_bytes(b"")

    with pytest.raises(backup.BackupError, match=r"the media folder .* has files in it"):
        backup.restore(archive)

    assert not any(backup.row_counts().values())


@pytest.mark.django_db(transaction=True)
def test_an_archive_whose_data_was_changed_is_refused_before_anything_is_written(
    archive, media, tmp_path
):
    empty_the_database()
    members = read_archive(archive)
    members["database.jsonl"] = members["database.jsonl"].replace(b"Judith Hay", b"Judith Hax")
    write_archive(archive, members)

    refused(archive, media, r"database\.jsonl does not match its SHA-256")


@pytest.mark.django_db(transaction=True)
def test_an_archive_whose_manifest_was_changed_to_match_is_refused_by_its_signature(archive, media):
    empty_the_database()
    members = read_archive(archive)
    members["database.jsonl"] = members["database.jsonl"].replace(b"Judith Hay", b"Judith Hax")
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["database.jsonl"]["sha256"] = hashlib.sha256(
        members["database.jsonl"]
    ).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    write_archive(archive, members)

    refused(archive, media, "does not match its signature")


@pytest.mark.django_db(transaction=True)
def test_another_secret_key_is_refused_unless_asked_and_files_are_still_checked(
    archive, media, settings
):
    empty_the_database()
    settings.SECRET_KEY = "another-key-" + "x" * 50

    with pytest.raises(backup.BackupError, match="made with another SECRET_KEY"):
        backup.restore(archive)
    restored = backup.restore(archive, other_key=True)

    assert restored.manifest["rows"] == backup.row_counts()
    assert (media / "evidence" / "note.txt").read_bytes() == b"evidence"


@pytest.mark.parametrize(
    "extra", ["media/evidence/planted.exe", "../outside.txt", "media/../../outside.txt"]
)
@pytest.mark.django_db(transaction=True)
def test_a_file_the_manifest_does_not_list_is_refused(archive, media, extra, tmp_path):
    empty_the_database()
    members = read_archive(archive)
    manifest = members.pop("manifest.json")
    write_archive(archive, {**members, extra: b"planted", "manifest.json": manifest})

    refused(archive, media, "is not in the manifest")
    assert not (tmp_path / "outside.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_a_file_of_another_size_than_listed_is_refused_before_it_is_unpacked(archive, media):
    empty_the_database()
    members = read_archive(archive)
    members["media/evidence/note.txt"] = b"evidence" * 1000
    write_archive(archive, members)

    refused(archive, media, r"media/evidence/note\.txt is not the size the manifest gives")


@pytest.mark.django_db(transaction=True)
def test_a_file_missing_from_the_archive_is_refused(archive, media):
    empty_the_database()
    members = read_archive(archive)
    del members["media/evidence/note.txt"]
    write_archive(archive, members)

    refused(archive, media, r"media/evidence/note\.txt missing")


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_another_version_is_refused_with_what_to_do(archive, media):
    empty_the_database()
    members = read_archive(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["migrations"]["reports"].append("0099_from_the_future")
    manifest["actionplan"] = "9.9.9"
    members["manifest.json"] = resigned(manifest)
    write_archive(archive, members)

    said = refused(archive, media, "made by a newer actionplan")

    assert "made by a newer actionplan (9.9.9)" in said
    assert "reports.0099_from_the_future" in said


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused(tmp_path, media):
    junk = tmp_path / "plan.docx"
    junk.write_bytes(b"PK\x03\x04 not a backup")

    with pytest.raises(backup.BackupError, match=r"plan.docx: not an actionplan backup"):
        backup.restore(junk)


def test_an_archive_whose_manifest_is_a_folder_is_refused_in_words(tmp_path):
    # It was refused before with Python's own words for json.load(None) (issue 11, mypy).
    archive = tmp_path / "folder.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        folder = tarfile.TarInfo(backup.MANIFEST)
        folder.type = tarfile.DIRTYPE
        tar.addfile(folder)

    with pytest.raises(backup.BackupError) as refused:
        backup.read_manifest(archive)

    assert str(refused.value) == (
        f"{archive}: not an actionplan backup (manifest.json is not a file)"
    )


@pytest.mark.django_db
def test_the_restore_command_gives_one_line_and_status_2_on_a_refusal(tmp_path, media):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"junk")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(junk))

    assert refused.value.returncode == 2
    assert "junk.tar.gz: not an actionplan backup" in str(refused.value)
