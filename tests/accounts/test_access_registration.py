"""Every app registers its models with access when Django starts, not when a view module
happens to be imported: a command, a task or the shell knows them too."""

import os
import subprocess
import sys
from pathlib import Path

PROGRAM = Path(sys.executable).with_name("actionplan")

ASK_ACCESS = """
import sys
from actionplan.accounts import access
from actionplan.monitoring.models import Challenge, Evidence
from actionplan.plans.models import Action, ProgressRecord, Recommendation

evidence = Evidence(
    update=ProgressRecord(action=Action(recommendation=Recommendation(plan_id=8)))
)
print(access.plan_of(Challenge(plan_id=7)), access.plan_of(evidence))
print(any(name.endswith(".views") for name in sys.modules if name.startswith("actionplan")))
"""


def test_access_knows_challenges_and_evidence_in_the_shell_without_any_view_imported():
    result = subprocess.run(
        [str(PROGRAM), "shell", "--no-imports", "-c", ASK_ACCESS],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "actionplan.config.local"},
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["7 8", "False"]
