from pathlib import Path

from actionplan.core.commands import ActionplanCommand, existing_file
from actionplan.core.errors import UserError
from actionplan.plans.showing import summary


def add_layout_arguments(parser) -> None:
    """The options that tell the importer how a file is laid out (docs/importing.md)."""
    parser.add_argument(
        "--header-row",
        type=int,
        metavar="N",
        help="the header row: its number in the sheet or CSV file, the line of a text file, "
        "or the row within each Word table (1 is a table's first row)",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the workbook sheet the header row is on (another sheet is read too only when "
        "it has the same header)",
    )
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="HEADER=MEANING",
        help="give a column its meaning, e.g. --column 'Responsibility=lead' (repeatable; an "
        "unknown meaning is answered with the list of meanings)",
    )
    parser.add_argument(
        "--layout",
        type=existing_file,
        metavar="FILE.json",
        help="a layout saved with --save-layout; the options above override it",
    )


def layout_from(options: dict):
    """The layout the options describe, or None when they describe none."""
    from actionplan.importing.layout import Layout, LayoutError

    try:
        given = Layout()
        if options.get("layout"):
            path = options["layout"]
            given = Layout.from_json(Path(path).read_bytes(), str(path))
        asked = Layout.from_options(options["column"], options["header_row"], options["sheet"])
    except LayoutError as e:
        raise UserError(str(e)) from None
    layout = given.merged(asked)
    if layout == Layout():
        return None
    return layout


class Command(ActionplanCommand):
    help = (
        "Read a plan file and show what was understood, without touching the database. "
        "Reads Word-table text (.txt), .docx, .xlsx and .csv. When the importer misreads a "
        "layout, --explain shows why, and --header-row, --sheet, --column and --layout "
        "correct it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", type=existing_file, help="the plan to read")
        parser.add_argument(
            "--json",
            action="store_true",
            help="print the plan-interchange JSON (docs/interchange.md) instead of a summary",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="show the header row chosen (and other candidates), and each column's "
            "meaning, how sure the importer is, and why",
        )
        add_layout_arguments(parser)
        parser.add_argument(
            "--save-layout",
            metavar="FILE.json",
            help="write the layout this parse used, to pass back with --layout",
        )

    def handle(self, file, json, explain, save_layout, **options):
        from actionplan.core.limits import read_limits

        layout = layout_from(options)
        limits = read_limits(upload=False)
        if (explain or save_layout) and file.suffix.lower() != ".json":
            from actionplan.importing.explain import explain as explain_document
            from actionplan.importing.pipeline import interpret
            from actionplan.importing.readers import read_document

            document = read_document(file, limits=limits)
            explained = explain_document(document, layout)
            if explain:
                self.stdout.write(explained.text(), ending="")
            if save_layout:
                Path(save_layout).write_text(explained.layout.to_json(), encoding="utf-8")
                self.stderr.write(f"layout written to {save_layout}")
            doc = interpret(document, layout)  # refuses, showing rows, if no header
            if explain:
                return
        else:
            from actionplan.importing.pipeline import parse_file

            doc = parse_file(file, layout, limits=limits)
        self.stdout.write(doc.to_json() if json else summary(doc), ending="\n" if json else "")
