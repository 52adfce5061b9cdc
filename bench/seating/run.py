"""Seating optimizer on every instance in /work/shared/bench/seating (or --dir).

    .venv/bin/python bench/seating/run.py                      # 10 s per instance
    .venv/bin/python bench/seating/run.py --time-limit 30 party-400-6
    .venv/bin/python bench/seating/run.py --time-limit 1 --repeat 3 --seed 1

Prints instance, guests, status, objective, bound, gap to the best known value and seconds
(wall clock, measured around `solve`), and checks every seating against the hard rules.
Best known values: bench/seating/README.md. Never fails on timing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.seating import parse_instance, violations  # noqa: E402
from services.seating.solver import solve  # noqa: E402

DEFAULT_DIR = Path("/work/shared/bench/seating")
# Best objective any method found (see README.md: shared table + our long runs).
BEST_KNOWN = {
    "wsp-15-1": 25,
    "wsp-50-2": 97,
    "wsp-50-3": 120,
    "party-100-4": 814,
    "party-200-5": 1591,
    "party-400-6": 3454,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="instance names (default: all)")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1, help="runs per instance (seeds seed, seed+1, ...)")
    a = ap.parse_args()
    files = sorted(a.dir.glob("*.json"), key=lambda f: (len(json.loads(f.read_text())["parties"]), f.name))
    if a.names:
        files = [f for f in files if f.stem in a.names]
    print(
        f"{'instance':<13} {'guests':>6} {'status':<10} {'objective':>9} {'bound':>6} {'best':>6} "
        f"{'gap %':>6} {'seconds':>7}  (time limit {a.time_limit:g} s)"
    )
    for f in files:
        inst = parse_instance(json.loads(f.read_text()))
        guests = sum(p.size for p in inst.parties)
        for k in range(a.repeat):
            t0 = time.monotonic()
            res = solve(inst, time_limit_s=a.time_limit, seed=a.seed + k)
            secs = time.monotonic() - t0
            best = BEST_KNOWN.get(f.stem)
            gap = "" if best is None or res.objective is None else f"{100.0 * (best - res.objective) / best:.2f}"
            bad = violations(inst, res.assignment) if res.assignment else []
            note = f"  INVALID: {bad[0]}" if bad else ""
            print(
                f"{f.stem:<13} {guests:>6} {res.status:<10} {str(res.objective):>9} {str(res.bound):>6} "
                f"{str(best):>6} {gap:>6} {secs:>7.2f}{note}",
                flush=True,
            )


if __name__ == "__main__":
    main()
