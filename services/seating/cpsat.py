"""CP-SAT model on blocks: proofs of optimality and bounds for small and medium instances.

One boolean per (block, table); one boolean per (weighted pair, table) that is 1 exactly when
both sit there (only the side that matters for the objective is constrained); capacity cuts on
positive pairs; identical free tables ordered by their smallest block (symmetry breaking).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from services.seating.model import Compiled


@dataclass
class CpOutcome:
    status: str  # "optimal" | "feasible" | "infeasible" | "unknown"
    value: int | None  # objective incl. unary gains, without offset
    bound: int | None
    tab: list[int] | None


def model_size(c: Compiled) -> int:
    return (len(c.weights) + c.n_blocks) * c.n_tables


def canonical(c: Compiled, tab: list[int]) -> list[int]:
    """Relabel identical free tables so the seating satisfies the symmetry-breaking order."""
    tab = list(tab)
    for cls in c.table_classes:
        first: dict[int, int] = {}
        for b, t in enumerate(tab):
            if t in cls and t not in first:
                first[t] = b
        used = sorted(first, key=lambda t: first[t])
        empty = [t for t in cls if t not in first]
        mapping = dict(zip(used + empty, cls, strict=True))
        tab = [mapping.get(t, t) for t in tab]
    return tab


def solve_cp(
    c: Compiled,
    deadline: float,
    *,
    hint: list[int] | None = None,
    unary: list[dict[int, int]] | None = None,
    workers: int = 1,
    seed: int = 0,
    should_stop: Callable[[], bool] | None = None,
    on_solution: Callable[[int, list[int]], None] | None = None,
    on_bound: Callable[[int], None] | None = None,
    with_weights: bool = True,
) -> CpOutcome:
    """Maximize (or, with_weights=False, only find a seating) until `deadline` (time.monotonic())."""
    nb, nt = c.n_blocks, c.n_tables
    if should_stop is not None and should_stop():
        return CpOutcome("unknown", None, None, None)
    m = cp_model.CpModel()
    x: list[dict[int, cp_model.IntVar]] = []
    for b in range(nb):
        allowed = [c.bfixed[b]] if c.bfixed[b] is not None else [t for t in range(nt) if c.bsize[b] <= c.cap[t]]
        x.append({t: m.new_bool_var(f"x{b}_{t}") for t in allowed})
        m.add_exactly_one(x[b].values())
    for t in range(nt):
        terms = [(c.bsize[b], x[b][t]) for b in range(nb) if t in x[b]]
        if terms and sum(s for s, _ in terms) > c.cap[t]:
            m.add(sum(s * v for s, v in terms) <= c.cap[t])
    for a, b in c.apart:
        for t in x[a].keys() & x[b].keys():
            m.add_at_most_one(x[a][t], x[b][t])
    obj = []
    zs: list[tuple[int, int, int, cp_model.IntVar]] = []
    pos_pairs: dict[tuple[int, int], list] = {}
    for k, ((a, b), w) in enumerate(c.weights.items() if with_weights else ()):
        if k % 256 == 255 and (time.monotonic() >= deadline or (should_stop is not None and should_stop())):
            return CpOutcome("unknown", None, None, None)  # building took the whole budget
        for t in x[a].keys() & x[b].keys():
            z = m.new_bool_var(f"z{a}_{b}_{t}")
            zs.append((a, b, t, z))
            if w > 0:
                m.add_implication(z, x[a][t])
                m.add_implication(z, x[b][t])
                pos_pairs.setdefault((a, t), []).append((b, z))
                pos_pairs.setdefault((b, t), []).append((a, z))
            else:
                m.add_bool_or(~x[a][t], ~x[b][t], z)
            obj.append(w * z)
    for (a, t), items in pos_pairs.items():
        room = c.cap[t] - c.bsize[a]
        if sum(c.bsize[b] for b, _ in items) > room:
            m.add(sum(c.bsize[b] * z for b, z in items) <= room * x[a][t])
    if unary is not None:
        for b, u in enumerate(unary):
            for t, g in u.items():
                if t in x[b] and g:
                    obj.append(g * x[b][t])
    if (should_stop is not None and should_stop()) or time.monotonic() >= deadline:
        return CpOutcome("unknown", None, None, None)  # building took the whole budget
    # Symmetry: identical free tables, used in the order of their smallest movable block.
    # pre[k] may be 1 only if one of the first k movable blocks sits at the previous table.
    movable = [b for b in range(nb) if c.bfixed[b] is None]
    prefix: list[tuple[int, list[int], list]] = []  # (previous table, blocks, prefix literals)
    # Only with a hint: without one the ordering slows the search for a first seating (measured:
    # an exactly full 200-party packing, 2.7 s without it, none in 10 s with it).
    if unary is None and hint is not None:
        for cls in c.table_classes:
            for j in range(1, len(cls)):
                prev, cur = cls[j - 1], cls[j]
                pre = None
                blocks, lits = [], []
                for b in movable:
                    if cur in x[b]:
                        if pre is None:
                            m.add(x[b][cur] == 0)
                        else:
                            m.add_implication(x[b][cur], pre)
                    if prev in x[b]:
                        nxt = m.new_bool_var(f"pre{b}_{prev}")
                        if pre is None:
                            m.add_implication(nxt, x[b][prev])
                        else:
                            m.add_bool_or(~nxt, pre, x[b][prev])
                        pre = nxt
                        blocks.append(b)
                        lits.append(nxt)
                prefix.append((prev, blocks, lits))
    if obj:
        m.maximize(sum(obj))
    if hint is not None:
        h = canonical(c, hint) if unary is None else hint
        for b in range(nb):
            for t, v in x[b].items():
                m.add_hint(v, h[b] == t)
        for a, b, t, z in zs:
            m.add_hint(z, h[a] == t and h[b] == t)
        for prev, blocks, lits in prefix:
            seen = False
            for b, lit in zip(blocks, lits, strict=True):
                seen = seen or h[b] == prev
                m.add_hint(lit, seen)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.monotonic())
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = False
    # Measured on the WSP instances: one worker with the full LP relaxation proves optimality
    # far sooner than the default two-worker portfolio (wsp-50-2: 0.9 s against > 20 s).
    solver.parameters.linearization_level = 2 if with_weights else 1
    if on_bound is not None:
        solver.best_bound_callback = lambda bound: on_bound(math.floor(bound + 1e-6))

    class _Cb(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            if on_solution is None:
                return
            tab = [next(t for t, v in x[b].items() if self.boolean_value(v)) for b in range(nb)]
            on_solution(int(round(self.objective_value)), tab)

    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if should_stop is not None and should_stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True) if should_stop is not None else None
    if watcher:
        watcher.start()
    try:
        status = solver.solve(m, _Cb() if on_solution is not None else None)
    finally:
        done.set()
    if status == cp_model.INFEASIBLE:
        return CpOutcome("infeasible", None, None, None)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return CpOutcome("unknown", None, None, None)  # CP-SAT's bound is meaningless here
    tab = [next(t for t, v in x[b].items() if solver.boolean_value(v)) for b in range(nb)]
    if not obj:  # nothing to maximize: any seating is optimal (when weights were asked for)
        return CpOutcome("optimal", 0, 0, tab) if with_weights else CpOutcome("feasible", None, None, tab)
    value = int(round(solver.objective_value))
    bound = value if status == cp_model.OPTIMAL else _bound(solver.best_objective_bound)
    return CpOutcome("optimal" if status == cp_model.OPTIMAL else "feasible", value, bound, tab)


def _bound(value: float) -> int | None:
    if value != value or abs(value) > 1e15:  # NaN or infinite: no bound known
        return None
    return math.floor(value + 1e-6)
