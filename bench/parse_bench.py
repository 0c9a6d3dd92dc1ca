"""How long the importer takes on the seed plan and on plans 10, 30 and 100 times its size.

    .venv/bin/python bench/parse_bench.py [SEED]

The large plans repeat the seed's recommendations, renumbered, so every part of the
importer (people, bodies, dates, references, checks) works at scale. Prints seconds per
parse (best of N) and microseconds per action, which stay flat if time grows linearly.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from actionplan.importing.pipeline import parse_file

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


def best_of(path: Path, repeat: int) -> tuple[float, int]:
    times = []
    actions = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = parse_file(path)
        times.append(time.perf_counter() - t0)
        actions = sum(len(r.actions) for r in doc.recommendations)
    return min(times), actions


def main() -> None:
    seed_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED
    seed = seed_path.read_text(encoding="utf-8")
    print(f"{'plan':>14} {'size':>9} {'actions':>8} {'seconds':>9} {'us/action':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for times, repeat in ((1, 20), (10, 5), (30, 3), (100, 3)):
            path = Path(tmp) / f"plan_x{times}.txt"
            path.write_text(scaled(seed, times), encoding="utf-8")
            seconds, actions = best_of(path, repeat)
            size = path.stat().st_size
            label = "seed" if times == 1 else f"seed x {times}"
            print(
                f"{label:>14} {size / 1024:>7.0f}KB {actions:>8} {seconds:>9.3f} {seconds / actions * 1e6:>10.0f}"
            )


if __name__ == "__main__":
    main()
