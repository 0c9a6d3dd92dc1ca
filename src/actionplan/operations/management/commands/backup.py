from pathlib import Path

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Back up the service into one file. It holds the database (every plan, its history, "
        "issued papers and their files, users), the uploaded evidence, and a manifest with "
        "the rows in each table, the SHA-256 of every file, and a signature made with "
        "SECRET_KEY. `actionplan restore FILE` puts it back. The file holds password hashes "
        "and personal data: keep it as safe as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            type=Path,
            metavar="FILE",
            help="the archive to write (.tar.gz); never overwritten",
        )

    def handle(self, output, **options):
        from actionplan.operations.backup import backup

        done = backup(output)
        self.stdout.write(
            f"Backed up {done.rows:,} rows in {len(done.manifest['rows'])} tables and "
            f"{done.files:,} media files to {output} ({done.bytes / 1e6:.1f} MB) "
            f"in {done.seconds:.1f} s"
        )
