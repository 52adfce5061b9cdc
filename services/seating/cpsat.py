"""CP-SAT models on blocks: proofs of optimality and bounds for small and medium instances.

Two formulations, both with pair booleans constrained only on the side the objective needs
(positive pair: may be 1 only if both sit together; negative pair: must be 1 if they do) and
capacity cuts on positive pairs:
- representatives (all tables alike, nothing pinned, no repair): x[i, j] = block j sits with
  representative i (the first block of its table, i <= j); no table labels, so no symmetry.
  Measured on wsp-50-3: proven optimal in about 5 s, against 10-20 s for the table model.
- tables (otherwise): one boolean per (block, table); identical free tables ordered by their
  first block (symmetry breaking) when a hint is given.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from services.seating.model import Compiled

Decode = Callable[[Callable[[cp_model.IntVar], bool]], list[int]]


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


class _Aborted(Exception):
    pass


def _representative_model(
    c: Compiled, hint: list[int] | None, check: Callable[[], None]
) -> tuple[cp_model.CpModel, Decode, bool]:
    n, cap = c.n_blocks, c.cap[0]
    order = sorted(range(n), key=lambda b: (-c.bsize[b], b))  # big blocks lead
    pos = {b: k for k, b in enumerate(order)}
    size = [c.bsize[b] for b in order]
    m = cp_model.CpModel()
    x = {(i, j): m.new_bool_var(f"x{i}_{j}") for j in range(n) for i in range(j + 1)}
    for j in range(n):
        m.add_exactly_one(x[i, j] for i in range(j + 1))
    for i in range(n):
        for j in range(i + 1, n):
            m.add_implication(x[i, j], x[i, i])
        m.add(sum(size[j] * x[i, j] for j in range(i, n)) <= cap * x[i, i])
    m.add(sum(x[i, i] for i in range(n)) <= c.n_tables)
    for a, b in c.apart:
        pa, pb = sorted((pos[a], pos[b]))
        for i in range(pa + 1):
            m.add_at_most_one(x[i, pa], x[i, pb])
    obj, zs = [], []
    pos_pairs: dict[tuple[int, int], list] = {}
    for k, ((a, b), w) in enumerate(c.weights.items()):
        if k % 256 == 255:
            check()
        pa, pb = sorted((pos[a], pos[b]))
        for i in range(pa + 1):
            z = m.new_bool_var(f"z{pa}_{pb}_{i}")
            zs.append((pa, pb, i, z))
            if w > 0:
                m.add_implication(z, x[i, pa])
                m.add_implication(z, x[i, pb])
                pos_pairs.setdefault((pa, i), []).append((pb, z))
                pos_pairs.setdefault((pb, i), []).append((pa, z))
            else:
                m.add_bool_or(~x[i, pa], ~x[i, pb], z)
            obj.append(w * z)
    for (a, i), items in pos_pairs.items():
        room = cap - size[a]
        if sum(size[b] for b, _ in items) > room:
            m.add(sum(size[b] * z for b, z in items) <= room * x[i, a])
    if obj:
        m.maximize(sum(obj))
    if hint is not None:
        first: dict[int, int] = {}
        for j in range(n):
            first.setdefault(hint[order[j]], j)
        rep = [first[hint[order[j]]] for j in range(n)]
        for (i, j), v in x.items():
            m.add_hint(v, rep[j] == i)
        for pa, pb, i, z in zs:
            m.add_hint(z, rep[pa] == i and rep[pb] == i)

    def decode(value: Callable[[cp_model.IntVar], bool]) -> list[int]:
        table_of_rep: dict[int, int] = {}
        tab = [0] * n
        for j in range(n):
            i = next(i for i in range(j + 1) if value(x[i, j]))
            tab[order[j]] = table_of_rep.setdefault(i, len(table_of_rep))
        return tab

    return m, decode, bool(obj)


def _table_model(
    c: Compiled,
    hint: list[int] | None,
    unary: list[dict[int, int]] | None,
    with_weights: bool,
    check: Callable[[], None],
) -> tuple[cp_model.CpModel, Decode, bool]:
    nb, nt = c.n_blocks, c.n_tables
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
        if k % 256 == 255:
            check()
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
    check()
    # Symmetry: identical free tables, used in the order of their first movable block; pre[k]
    # may be 1 only if one of the first k movable blocks sits at the previous table. Only with a
    # hint: without one the ordering slows the search for a first seating (measured: an exactly
    # full 200-party packing, 2.7 s without it, none in 10 s with it).
    movable = [b for b in range(nb) if c.bfixed[b] is None]
    prefix: list[tuple[int, list[int], list]] = []  # (previous table, blocks, prefix literals)
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

    def decode(value: Callable[[cp_model.IntVar], bool]) -> list[int]:
        return [next(t for t, v in x[b].items() if value(v)) for b in range(nb)]

    return m, decode, bool(obj)


def use_representatives(c: Compiled, unary: list[dict[int, int]] | None, with_weights: bool) -> bool:
    """All tables alike and nothing pinned (and not repairing): tables need no names."""
    return (
        with_weights and unary is None and c.n_tables > 0 and len(set(c.cap)) == 1 and all(t is None for t in c.bfixed)
    )


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

    def check() -> None:
        if time.monotonic() >= deadline or (should_stop is not None and should_stop()):
            raise _Aborted  # building took the whole budget, or the caller stopped

    try:
        check()
        if use_representatives(c, unary, with_weights):
            m, decode, has_obj = _representative_model(c, hint, check)
        else:
            m, decode, has_obj = _table_model(c, hint, unary, with_weights, check)
        check()
    except _Aborted:
        return CpOutcome("unknown", None, None, None)
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
            if on_solution is not None:
                on_solution(int(round(self.objective_value)), decode(self.boolean_value))

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
    tab = decode(solver.boolean_value)
    if not has_obj:  # nothing to maximize: any seating is optimal (when weights were asked for)
        return CpOutcome("optimal", 0, 0, tab) if with_weights else CpOutcome("feasible", None, None, tab)
    value = int(round(solver.objective_value))
    bound = value if status == cp_model.OPTIMAL else _bound(solver.best_objective_bound)
    return CpOutcome("optimal" if status == cp_model.OPTIMAL else "feasible", value, bound, tab)


def _bound(value: float) -> int | None:
    if value != value or abs(value) > 1e15:  # NaN or infinite: no bound known
        return None
    return math.floor(value + 1e-6)
