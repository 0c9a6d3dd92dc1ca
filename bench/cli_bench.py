"""How long the `actionplan` program takes, the whole process from start to exit: the median
of N runs of `actionplan --help`, `actionplan parse SEED` and `actionplan show 1` (the seed
imported into a temporary SQLite database first).

    .venv/bin/python bench/cli_bench.py [--runs N] [--seed FILE] [--src DIR ...]

Each --src runs that checkout's code with this venv's libraries (PYTHONPATH), for a
before/after comparison: e.g. an older commit's, made with
`git archive COMMIT src | tar -x -C /tmp/before` and given as --src /tmp/before/src.
Without --src, this checkout's. Each is run as installed, and with no bytecode at all
(PYTHONPYCACHEPREFIX an empty folder, PYTHONDONTWRITEBYTECODE=1: every module compiled as
it is imported, as for a venv installed without --compile-bytecode that the process may not
write to). Prints wall-clock seconds and CPU seconds (user + system): on a busy machine the
wall clock waits for a core, the CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAM = Path(sys.executable).with_name("actionplan")
DEFAULT_SEED = ROOT / "src/actionplan/plans/demo/north_yorkshire_2013.txt"


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of the program."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [str(PROGRAM), *args], env=env, check=True, stdout=subprocess.DEVNULL, timeout=300
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command (default 9)")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="the plan to parse")
    parser.add_argument("--src", action="append", default=[], help="a checkout's src folder")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "actionplan.config.local",
            "DATABASE_URL": f"sqlite:///{tmp}/cli_bench.sqlite3",
        }
        # The database `show` reads, made once with this checkout's code.
        for args in (["migrate", "-v", "0"], ["import", str(options.seed)]):
            subprocess.run([str(PROGRAM), *args], env=env, check=True, stdout=subprocess.DEVNULL)
        commands = {
            "actionplan --help": ["--help"],
            "actionplan parse SEED": ["parse", str(options.seed)],
            "actionplan show 1": ["show", "1"],
        }
        print(
            f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; "
            f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}; "
            f"median of {options.runs} runs"
        )
        bytecode = {
            "as installed": {},
            "none": {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": f"{tmp}/no-pyc"},
        }
        print(f"{'code':<28} {'bytecode':<13} {'command':<22} {'wall s':>7} {'CPU s':>7}")
        for src in options.src or [str(ROOT / "src")]:
            for mode, mode_env in bytecode.items():
                code_env = {**env, "PYTHONPATH": src, **mode_env}
                for label, args in commands.items():
                    run(args, code_env)  # once unmeasured: files in the page cache
                    runs = [run(args, code_env) for _ in range(options.runs)]
                    wall = statistics.median(w for w, _ in runs)
                    cpu = statistics.median(c for _, c in runs)
                    print(f"{src[-28:]:<28} {mode:<13} {label:<22} {wall:>7.2f} {cpu:>7.2f}")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
