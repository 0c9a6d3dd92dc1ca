"""How long the importer takes on the seed plan and on plans 10, 30 and 100 times its size.

    .venv/bin/python bench/parse_bench.py [SEED]

The large plans repeat the seed's recommendations, renumbered, so every part of the
importer (people, bodies, dates, references, checks) works at scale. Prints seconds per
parse (best of N, wall clock and this process's CPU time) and microseconds per action, which
stay flat if time grows linearly; then whether the seed parses in under 50 ms of CPU (wall
time on a shared, loaded machine counts other people's work too) and whether time per action
on the largest plan stays within twice the seed's.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from actionplan.importing.pipeline import parse_file
from actionplan.importing.readers import Limits

DEFAULT_SEED = (
    Path(__file__).resolve().parents[1] / "src/actionplan/plans/demo/north_yorkshire_2013.txt"
)
HEADING = re.compile(r"^(\d{1,2})\.0 ", re.MULTILINE)


def scaled(seed: str, times: int) -> str:
    """The seed with its recommendations repeated `times` times, numbered on."""
    start = seed.index("FOR IMMEDIATE TERM ACTION")
    front, body = seed[:start], seed[start:]
    parts = [front]
    for k in range(times):
        parts.append(HEADING.sub(lambda m, k=k: f"{int(m.group(1)) + 10 * k}.0 ", body))
    return "\n".join(parts)


SEED_BUDGET = 0.050  # seconds of CPU for the seed plan
LINEAR_SLACK = 2.0  # the largest plan's time per action, at most this times the seed's


def best_of(path: Path, repeat: int) -> tuple[float, float, int]:
    """Best wall-clock and best CPU seconds of `repeat` parses, and the actions parsed."""
    walls, cpus = [], []
    actions = 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        # Untimed, as the command line reads: on a loaded machine the x100 plan can take
        # longer than an upload's 30 seconds, which measures nothing about the importer.
        doc = parse_file(path, limits=Limits().untimed())
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        actions = sum(len(r.actions) for r in doc.recommendations)
    return min(walls), min(cpus), actions


def main() -> None:
    seed_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED
    seed = seed_path.read_text(encoding="utf-8")
    print(f"{'plan':>14} {'size':>9} {'actions':>8} {'seconds':>9} {'cpu s':>9} {'us/action':>10}")
    per_action = []
    seed_cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for times, repeat in ((1, 20), (10, 5), (30, 3), (100, 3)):
            path = Path(tmp) / f"plan_x{times}.txt"
            path.write_text(scaled(seed, times), encoding="utf-8")
            wall, cpu, actions = best_of(path, repeat)
            size = path.stat().st_size
            label = "seed" if times == 1 else f"seed x {times}"
            per_action.append(cpu / actions)
            if times == 1:
                seed_cpu = cpu
            print(
                f"{label:>14} {size / 1024:>7.0f}KB {actions:>8} {wall:>9.3f} {cpu:>9.3f}"
                f" {cpu / actions * 1e6:>10.0f}"
            )
    ratio = per_action[-1] / per_action[0]
    print(
        f"seed: {seed_cpu * 1000:.0f} ms CPU "
        f"({'under' if seed_cpu < SEED_BUDGET else 'OVER'} {SEED_BUDGET * 1000:.0f} ms); "
        f"x100 per action / seed per action: {ratio:.2f} "
        f"({'linear' if ratio <= LINEAR_SLACK else 'NOT linear'})"
    )


if __name__ == "__main__":
    main()
