import json

from actionplan.core.commands import ActionplanCommand
from actionplan.interchange import PlanDocument


def schema_text() -> str:
    return json.dumps(PlanDocument.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


class Command(ActionplanCommand):
    help = (
        "Print the JSON Schema of the plan-interchange format. The committed copy is "
        "docs/interchange.schema.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")

    def handle(self, output, **options):
        if output:
            with open(output, "w", encoding="utf-8") as f:
                f.write(schema_text())
        else:
            self.stdout.write(schema_text(), ending="")
