"""The seating optimizer: greedy construction, simulated annealing, CP-SAT for proofs and bounds.

    solve(inst, time_limit_s, seed, progress=..., should_stop=..., hint=..., keep=...) -> SolveResult

Results are honest: `optimal` only when proven (CP-SAT, or the objective meets an upper bound),
`bound` is a valid upper bound (CP-SAT's, else a capacity-limited knapsack bound), and every
returned seating passes `checker.violations`. Infeasible instances get `conflicts` (English
sentences) and `conflict_msgs` (message ids + params, for `explain.render_conflicts(msgs, lang)`).
With `keep` (the current seating) the solver repairs: it moves as few guests as possible, then
maximizes the objective among those seatings.

Status "unknown" (outside the spec's three) is returned only when no seating was found within
the budget and no proof of infeasibility either (very tight packings, tiny budgets).
The first call that uses CP-SAT imports ortools (0.5-2 s), inside the budget.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from services.errors import Msg
from services.seating import explain
from services.seating.checker import objective as seating_objective
from services.seating.checker import violations
from services.seating.heuristics import Searcher, anneal, first_fit, greedy
from services.seating.instance import Instance
from services.seating.model import Compiled, compile_instance, lagrangian_bound, upper_bound

CP_MAX_BLOCKS = 80  # measured: beyond this CP-SAT neither proves nor bounds better than the knapsack
CP_MAX_SIZE = 40_000  # (pairs + blocks) x tables above which CP-SAT is not tried
TINY_BLOCKS = 16
BUILD_S_PER_TERM = 1e-4  # measured: building the model takes 1.2-2.4 s for 24,000 terms (idle-busy machine)
OUTPUT_MARGIN_S = 0.05  # reserved for writing the result


@dataclass
class Progress:
    best: int | None
    bound: int | None
    elapsed_s: float
    message: str = ""


@dataclass
class SolveResult:
    status: str  # "optimal" | "feasible" | "infeasible" | "unknown"
    objective: int | None
    bound: int | None
    assignment: dict[str, str]
    elapsed_s: float
    conflicts: list[str]
    moved_parties: int = 0
    moved_guests: int = 0
    conflict_msgs: list[Msg] = field(default_factory=list)

    def to_spec_dict(self) -> dict:
        return {
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "assignment": dict(self.assignment),
            "elapsed_s": round(self.elapsed_s, 3),
            "conflicts": list(self.conflicts),
        }


class _Tracker:
    """Best seating so far (thread-safe), and throttled progress reports."""

    def __init__(
        self, c: Compiled, start: float, progress: Callable[[Progress], None] | None, bound: int | None, repair_big: int
    ):
        self.c, self.start, self.progress = c, start, progress
        self.lock = threading.Lock()
        self.value: int | None = None  # Searcher value (objective - offset + unary)
        self.tab: list[int] | None = None
        self.bound = bound
        self.big = repair_big
        self.last_report = 0.0

    def offer(self, value: int, tab: list[int]) -> None:
        with self.lock:
            if self.value is None or value > self.value:
                self.value, self.tab = value, list(tab)
        self.tick()

    def offer_bound(self, bound: int) -> None:
        if not self.big:
            with self.lock:
                if self.bound is None or bound < self.bound:
                    self.bound = bound
        self.tick()

    def objective(self) -> int | None:
        if self.tab is None:
            return None
        return self.c.block_objective(self.tab)

    def tick(self, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if not force and now - self.last_report < 0.2:
            return
        self.last_report = now
        self.progress(Progress(self.objective(), self.bound, now - self.start))


def _unary_for_keep(c: Compiled, keep: Mapping[str, str]) -> tuple[list[dict[int, int]], int, int]:
    """Per block and table: guests of the block who sat there before, times a weight larger than
    any objective change, so fewer moved guests always wins. Returns (unary, big, kept_guests)."""
    big = sum(abs(w) for w in c.weights.values()) + 1
    tindex = {t: i for i, t in enumerate(c.table_ids)}
    unary: list[dict[int, int]] = [{} for _ in range(c.n_blocks)]
    total = 0
    for p, pid in enumerate(c.party_ids):
        if pid not in keep:
            continue
        total += c.psize[p]
        t = tindex.get(keep[pid])
        if t is not None:
            u = unary[c.block_of[p]]
            u[t] = u.get(t, 0) + big * c.psize[p]
    return unary, big, total


def _repair_start(c: Compiled, s: Searcher, rng: random.Random) -> list[int] | None:
    """From the kept seating: keep each block at its former table where the rules allow,
    evicting the fewest guests, then seat the others greedily."""
    nt = c.n_tables
    tab = [-1] * c.n_blocks
    load = [0] * nt
    order = sorted(range(c.n_blocks), key=lambda b: -max(s.unary[b].values(), default=0))
    for b in order:
        t = c.bfixed[b]
        if t is None:
            u = s.unary[b]
            if not u:
                continue
            t = max(u, key=lambda k: u[k])
        if load[t] + c.bsize[b] > c.cap[t]:
            continue
        if any(tab[n] == t and w == s.apart for n, w in s.adjl[b]):
            continue
        tab[b] = t
        load[t] += c.bsize[b]
    unplaced = [b for b in range(c.n_blocks) if tab[b] < 0]
    if any(c.bfixed[b] is not None for b in unplaced):
        return None
    for b in sorted(unplaced, key=lambda b: -c.bsize[b]):
        best_t, best_g = -1, None
        for t in range(nt):
            if load[t] + c.bsize[b] > c.cap[t]:
                continue
            if any(tab[n] == t and w == s.apart for n, w in s.adjl[b]):
                continue
            g = sum(w for n, w in s.adjl[b] if tab[n] == t)
            if best_g is None or g > best_g:
                best_t, best_g = t, g
        if best_t < 0:
            return greedy(c, rng, s)  # fall back: any feasible seating, annealing restores the rest
        tab[b] = best_t
        load[best_t] += c.bsize[b]
    return tab


def solve(
    inst: Instance,
    time_limit_s: float = 10.0,
    seed: int = 0,
    *,
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    hint: Mapping[str, str] | None = None,
    keep: Mapping[str, str] | None = None,
) -> SolveResult:
    start = time.monotonic()
    deadline = start + max(0.05, time_limit_s - OUTPUT_MARGIN_S)
    rng = random.Random(seed)  # noqa: S311 - search randomness, not security
    c = compile_instance(inst)

    def stopped() -> bool:
        return should_stop is not None and bool(should_stop())

    def finish(status: str, tab: list[int] | None, bound: int | None, conflicts: list[Msg] | None = None):
        elapsed = time.monotonic() - start
        if tab is None:
            msgs = conflicts or []
            result = SolveResult(
                status,
                None,
                None if status == "infeasible" else bound,
                {},
                elapsed,
                explain.render_conflicts(msgs),
                conflict_msgs=list(msgs),
            )
            if progress is not None:
                progress(Progress(None, result.bound, elapsed, status))
            return result
        assignment = c.to_assignment(tab)
        broken = violations(inst, assignment)
        if broken:  # never hand out a seating that breaks a rule
            raise RuntimeError(f"solver produced an invalid seating: {broken[0]}")
        obj = seating_objective(inst, assignment)
        if bound is not None and bound < obj:  # not a bound after all: claim nothing
            bound = None
        if status == "feasible" and bound is not None and obj >= bound and keep is None:
            status = "optimal"
        moved_p = moved_g = 0
        if keep is not None:
            for pid, tid in assignment.items():
                if pid in keep and keep[pid] != tid:
                    moved_p += 1
                    moved_g += inst.party(pid).size
        result = SolveResult(status, obj, bound, assignment, time.monotonic() - start, [], moved_p, moved_g)
        if progress is not None:
            progress(Progress(obj, bound, result.elapsed_s, status))
        return result

    if not inst.parties:
        return finish("optimal", [], c.offset)
    pre = explain.precheck(c)
    if pre:
        return finish("infeasible", None, None, pre)

    unary = big = None
    if keep is not None:
        unary, big, _kept = _unary_for_keep(c, keep)
    s = Searcher(c, unary)
    bound = upper_bound(c)
    tracker = _Tracker(c, start, progress, bound, big or 0)

    tab: list[int] | None = None
    if keep is not None:
        tab = _repair_start(c, s, rng)
    if tab is None and hint is not None:
        cand = c.from_assignment(hint)
        if cand is not None and c.block_feasible(cand):
            tab = cand
    if tab is None:
        tab = first_fit(c, rng)
    if tab is not None:
        tracker.offer(s.value(tab), tab)

    size = _cp_size(c)
    budget = deadline - time.monotonic()
    # CP-SAT only where it can prove or bound, and only when the budget covers building the model.
    use_cp = c.n_blocks <= CP_MAX_BLOCKS and size <= CP_MAX_SIZE and budget > 2 * size * BUILD_S_PER_TERM + 0.3
    # Without CP-SAT, the last tenth of the budget (at most 2 s) tightens the bound (Lagrangian).
    final_deadline = deadline
    if not use_cp and budget >= 1.0 and keep is None and tab is not None:
        deadline -= min(2.0, 0.1 * budget)
        budget = deadline - time.monotonic()
    cp_box: dict = {}
    proven = threading.Event()

    def run_cp(with_weights: bool = True, until: float | None = None) -> None:
        # ortools loads here, only when CP-SAT is used (0.5-2 s the first time; the budget covers it).
        from services.seating.cpsat import solve_cp

        try:
            out = solve_cp(
                c,
                (until or deadline) - 0.25,  # CP-SAT returns a little after its limit
                hint=tracker.tab,
                unary=unary,
                seed=seed,
                should_stop=stopped,
                on_solution=tracker.offer if with_weights else None,
                on_bound=(lambda v: tracker.offer_bound(c.offset + v)) if with_weights else None,
                with_weights=with_weights,
            )
        except Exception as exc:  # noqa: BLE001 - the annealing result still stands
            cp_box["error"] = exc
            return
        cp_box["out"] = out
        if out.status in ("optimal", "infeasible"):
            proven.set()

    if tab is None and not stopped():
        # Packing is hard here: let CP-SAT find a seating or prove there is none.
        if use_cp or c.n_blocks <= CP_MAX_BLOCKS:
            run_cp()
        else:
            run_cp(with_weights=False)  # stops at the first seating; annealing takes the rest
        out = cp_box.get("out")
        if out is not None and out.tab is not None:
            tab = out.tab
            tracker.offer(s.value(tab), tab)
            if out.value is None:
                cp_box.pop("out")  # a seating only: annealing and the knapsack bound take it from here
    if tab is not None and not proven.is_set() and not stopped():
        # Annealing first; then CP-SAT (one worker, LP-heavy) from the best seating, for proofs and
        # bounds. One after the other: a CP-SAT thread beside the annealing slows both (GIL).
        budget = deadline - time.monotonic()
        sa_until = deadline
        if use_cp and "out" not in cp_box:
            # Tiny instances go straight to CP-SAT, which proves them in milliseconds.
            head = 0.0 if c.n_blocks <= TINY_BLOCKS else min(3.0, 0.3 * budget, 0.05 * c.n_blocks)
            sa_until = time.monotonic() + head
        value, best = anneal(s, tab, rng, sa_until, should_stop=stopped, on_improve=tracker.offer, tick=tracker.tick)
        tracker.offer(value, best)
        if use_cp and "out" not in cp_box and not stopped():
            run_cp()
            out = cp_box.get("out")
            if out is not None and out.status == "feasible" and deadline - time.monotonic() > 0.2:
                value, best = anneal(
                    s,
                    list(tracker.tab),
                    rng,
                    deadline,
                    should_stop=stopped,
                    on_improve=tracker.offer,
                    tick=tracker.tick,
                )
                tracker.offer(value, best)
    status = "feasible"
    out = cp_box.get("out")
    if out is not None:
        if out.tab is not None and out.value is not None:
            tracker.offer(out.value, out.tab)
        if out.status == "optimal":
            status = "optimal"
            if keep is None:
                tracker.bound = c.offset + out.value
        elif out.status == "infeasible":
            st, msgs = explain.core_conflicts(c, max(0.3, deadline - time.monotonic()))
            return finish("infeasible", None, None, msgs if st == "infeasible" else [explain.NO_SEATING])
        elif out.bound is not None and keep is None:
            tracker.offer_bound(c.offset + out.bound)
    if status != "optimal" and tracker.tab is not None and not stopped() and final_deadline > deadline:
        better = lagrangian_bound(c, final_deadline, should_stop=stopped)
        if better is not None:
            tracker.offer_bound(better)
    if tracker.tab is None:
        if not stopped() and deadline - time.monotonic() > 0.2:
            st, msgs = explain.core_conflicts(c, deadline - time.monotonic())
            if st == "infeasible":
                return finish("infeasible", None, None, msgs)
        return finish("unknown", None, tracker.bound, [explain.NOT_FOUND])
    return finish(status, tracker.tab, tracker.bound)


def _cp_size(c: Compiled) -> int:
    """Terms of the CP-SAT model, (weighted pairs + blocks) x tables (ortools is imported only if used)."""
    return (len(c.weights) + c.n_blocks) * c.n_tables
