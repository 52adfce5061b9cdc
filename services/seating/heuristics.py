"""Fast construction and local search on blocks (must-together components).

`greedy()` builds a seating that respects capacities, apart rules and pinned tables in
milliseconds (largest blocks first, each to the table where it gains most). `anneal()` is a
simulated annealing with move and swap; deltas are incremental through per-block sums of weight
towards every table (W[b][t]); apart pairs carry a prohibitive weight (Searcher.apart), so they
never share a table.
An optional unary gain U[b][t] lets the repair mode prefer each block's previous table.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from services.seating.model import Compiled


class Searcher:
    """Incremental state for local search on one compiled instance."""

    def __init__(self, c: Compiled, unary: list[dict[int, int]] | None = None):
        self.c = c
        nb, nt = c.n_blocks, c.n_tables
        # Apart pairs weigh more than every weight and repair bonus together, so no move that
        # seats them together can ever pay off (Python integers do not overflow).
        total = sum(abs(w) for w in c.weights.values()) + 1
        self.apart = apart = -10 * total * (sum(c.bsize) + 1)
        adj: list[dict[int, int]] = [dict() for _ in range(nb)]
        for (a, b), w in c.weights.items():
            adj[a][b] = w
            adj[b][a] = w
        for a, b in c.apart:
            adj[a][b] = apart
            adj[b][a] = apart
        self.adj = adj
        self.adjl = [tuple(d.items()) for d in adj]
        self.pos = [tuple(n for n, w in d.items() if w > 0) for d in adj]
        self.unary = unary
        self.nb, self.nt = nb, nt
        self.movable = [b for b in range(nb) if c.bfixed[b] is None]

    def gain_matrix(self, tab: list[int]) -> list[list[int]]:
        nt = self.nt
        W = [[0] * nt for _ in range(self.nb)]
        for b, t in enumerate(tab):
            for n, w in self.adjl[b]:
                W[n][t] += w
        if self.unary is not None:
            for b, u in enumerate(self.unary):
                row = W[b]
                for t, g in u.items():
                    row[t] += g
        return W

    def value(self, tab: list[int]) -> int:
        """Objective (+ unary gains) of a feasible block seating, without the in-block offset."""
        total = 0
        for (a, b), w in self.c.weights.items():
            if tab[a] == tab[b]:
                total += w
        if self.unary is not None:
            for b, u in enumerate(self.unary):
                total += u.get(tab[b], 0)
        return total


def greedy(c: Compiled, rng: random.Random, s: Searcher | None = None, noise: float = 0.0) -> list[int] | None:
    """A seating of blocks that satisfies every hard rule, or None when this pass found none."""
    s = s or Searcher(c)
    nt = c.n_tables
    tab = [-1] * c.n_blocks
    load = [0] * nt
    W = [[0] * nt for _ in range(c.n_blocks)]

    def place(b: int, t: int) -> None:
        tab[b] = t
        load[t] += c.bsize[b]
        for n, w in s.adjl[b]:
            W[n][t] += w

    for b in range(c.n_blocks):
        t = c.bfixed[b]
        if t is not None:
            if load[t] + c.bsize[b] > c.cap[t] or W[b][t] <= s.apart // 2:
                return None
            place(b, t)
    order = sorted(s.movable, key=lambda b: (-c.bsize[b] - (rng.random() * noise), -len(s.adjl[b]), rng.random()))
    for b in order:
        size = c.bsize[b]
        row = W[b]
        u = s.unary[b] if s.unary is not None else None
        best_t, best_key = -1, None
        for t in range(nt):
            free = c.cap[t] - load[t]
            if free < size or row[t] <= s.apart // 2:
                continue
            g = row[t] + (u.get(t, 0) if u else 0)
            key = (g, -(free - size) if load[t] else -1000, -t)
            if best_key is None or key > best_key:
                best_key, best_t = key, t
        if best_t < 0:
            return None
        place(b, best_t)
    return tab


def best_fit_decreasing(c: Compiled, s: Searcher) -> list[int] | None:
    """Pure packing: largest blocks first, each to the fullest table it fits (apart rules kept)."""
    tab = [-1] * c.n_blocks
    load = [0] * c.n_tables
    order = [b for b in range(c.n_blocks) if c.bfixed[b] is not None]
    order += sorted(s.movable, key=lambda b: (-c.bsize[b], -len(s.adjl[b])))
    for b in order:
        size = c.bsize[b]
        banned = {tab[n] for n, w in s.adjl[b] if w == s.apart}
        cands = [c.bfixed[b]] if c.bfixed[b] is not None else range(c.n_tables)
        best_t = -1
        for t in cands:
            if load[t] + size <= c.cap[t] and t not in banned and (best_t < 0 or load[t] > load[best_t]):
                best_t = t
        if best_t < 0:
            return None
        tab[b] = best_t
        load[best_t] += size
    return tab


def first_fit(c: Compiled, rng: random.Random, tries: int = 20) -> list[int] | None:
    """Greedy by gain, then pure best-fit packing, then greedy with growing noise in the order."""
    s = Searcher(c)
    tab = greedy(c, rng, s) or best_fit_decreasing(c, s)
    for i in range(1, tries):
        if tab is not None:
            return tab
        tab = greedy(c, rng, s, noise=min(4.0, 0.5 * i))
    return tab


def anneal(
    s: Searcher,
    tab: list[int],
    rng: random.Random,
    deadline: float,
    *,
    should_stop: Callable[[], bool] | None = None,
    on_improve: Callable[[int, list[int]], None] | None = None,
    tick: Callable[[], None] | None = None,
    t0: float | None = None,
    t_end: float | None = None,
) -> tuple[int, list[int]]:
    """Simulated annealing from a feasible `tab`; returns (best value, best seating).

    The temperature falls geometrically with wall-clock time from t0 to t_end, so the whole
    budget until `deadline` is one cooling run. Values are `Searcher.value` (no offset)."""
    c = s.c
    nt = s.nt
    movable = s.movable
    if not movable or nt < 2:
        return s.value(tab), list(tab)
    tab = list(tab)
    W = s.gain_matrix(tab)
    cap = c.cap
    bsize = c.bsize
    adjl, adj, pos = s.adjl, s.adj, s.pos
    load = [0] * nt
    members: list[list[int]] = [[] for _ in range(nt)]
    for b, t in enumerate(tab):
        load[t] += bsize[b]
        members[t].append(b)
    fixed_mask = [c.bfixed[b] is not None for b in range(s.nb)]
    cur = s.value(tab)
    best, best_tab = cur, list(tab)
    if t0 is None:
        ws = [abs(w) for w in c.weights.values()] or [1]
        t0 = max(0.5, 1.5 * sum(ws) / len(ws))
    if t_end is None:
        t_end = 0.05
    start = time.monotonic()
    span = max(1e-3, deadline - start)
    log_ratio = math.log(t_end / t0)
    temp = t0
    rand = rng.random
    randrange = rng.randrange
    exp = math.exp
    nmov = len(movable)
    it = 0
    while True:
        it += 1
        if it & 1023 == 0:
            now = time.monotonic()
            if now >= deadline or (should_stop is not None and should_stop()):
                break
            temp = t0 * exp(log_ratio * min(1.0, (now - start) / span))
            if tick is not None:
                tick()
        b = movable[randrange(nmov)]
        t1 = tab[b]
        pb = pos[b]
        if pb and rand() < 0.6:
            t2 = tab[pb[randrange(len(pb))]]
            if t2 == t1:
                continue
        else:
            t2 = randrange(nt)
            if t2 == t1:
                continue
        Wb = W[b]
        sb = bsize[b]
        if rand() < 0.5 and load[t2] + sb <= cap[t2]:
            delta = Wb[t2] - Wb[t1]
            if delta >= 0 or (delta > -50 * temp and rand() < exp(delta / temp)):
                tab[b] = t2
                load[t1] -= sb
                load[t2] += sb
                members[t1].remove(b)
                members[t2].append(b)
                for n, w in adjl[b]:
                    Wn = W[n]
                    Wn[t1] -= w
                    Wn[t2] += w
                cur += delta
                if cur > best:
                    best = cur
                    best_tab = list(tab)
                    if on_improve is not None:
                        on_improve(best, best_tab)
            continue
        m2 = members[t2]
        if not m2:
            continue
        d = m2[randrange(len(m2))]
        if fixed_mask[d]:
            continue
        sd = bsize[d]
        if load[t2] - sd + sb > cap[t2] or load[t1] - sb + sd > cap[t1]:
            continue
        w12 = adj[b].get(d, 0)
        Wd = W[d]
        delta = Wb[t2] - Wb[t1] + Wd[t1] - Wd[t2] - 2 * w12
        if delta >= 0 or (delta > -50 * temp and rand() < exp(delta / temp)):
            tab[b] = t2
            tab[d] = t1
            load[t1] += sd - sb
            load[t2] += sb - sd
            members[t1].remove(b)
            members[t1].append(d)
            m2.remove(d)
            m2.append(b)
            for n, w in adjl[b]:
                Wn = W[n]
                Wn[t1] -= w
                Wn[t2] += w
            for n, w in adjl[d]:
                Wn = W[n]
                Wn[t2] -= w
                Wn[t1] += w
            cur += delta
            if cur > best:
                best = cur
                best_tab = list(tab)
                if on_improve is not None:
                    on_improve(best, best_tab)
    return best, best_tab
