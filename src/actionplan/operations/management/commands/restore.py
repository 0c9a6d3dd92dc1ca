from actionplan.core.commands import ActionplanCommand, existing_file


class Command(ActionplanCommand):
    help = (
        "Restore a backup made by `actionplan backup` into an empty database and media "
        "folder. Nothing is written unless the archive checks out: its signature, every file "
        "against the manifest's SHA-256, no file the manifest does not list, the same "
        "migrations as this version. It creates the tables itself (migrate), loads the rows "
        "and files in one go, then checks the rows in each table, every file and every "
        "issued paper against the manifest. A database or media folder with anything in it "
        "is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=existing_file, metavar="FILE", help="the backup")
        parser.add_argument(
            "--other-secret-key",
            action="store_true",
            help="accept a backup signed with another SECRET_KEY (files are still checked)",
        )

    def handle(self, archive, other_secret_key, **options):
        from actionplan.operations.backup import restore

        done = restore(archive, other_key=other_secret_key)
        made = done.manifest["created"]
        self.stdout.write(
            f"Restored {done.rows:,} rows in {len(done.manifest['rows'])} tables and "
            f"{done.files:,} media files from {archive} (made {made}) in {done.seconds:.1f} s; "
            "every row count, file and issued paper checked"
        )
