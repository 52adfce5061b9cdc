"""The solver's internal view of an instance: parties merged into blocks (must-together
components, union-find), integer indices, merged pair weights, apart pairs, identical tables."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from services.seating.instance import Instance


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class Compiled:
    inst: Instance
    party_ids: list[str]
    table_ids: list[str]
    psize: list[int]
    cap: list[int]
    block_of: list[int]  # party index -> block index
    blocks: list[list[int]]  # block index -> party indices
    bsize: list[int]
    bfixed: list[int | None]  # block -> pinned table index (None when free)
    fixed_conflict: bool  # a block is pinned to two different tables
    apart_inside: bool  # an apart relation joins two parties of one block
    weights: dict[tuple[int, int], int]  # (a < b) block pair -> merged weight (apart pairs excluded)
    apart: set[tuple[int, int]]  # (a < b) block pairs that must sit apart
    offset: int  # weight inside blocks: always earned
    table_classes: list[list[int]] = field(default_factory=list)  # interchangeable free tables

    @property
    def n_blocks(self) -> int:
        return len(self.blocks)

    @property
    def n_tables(self) -> int:
        return len(self.table_ids)

    def to_assignment(self, block_table: list[int]) -> dict[str, str]:
        out: dict[str, str] = {}
        for b, t in enumerate(block_table):
            tid = self.table_ids[t]
            for p in self.blocks[b]:
                out[self.party_ids[p]] = tid
        return out

    def from_assignment(self, assignment: Mapping[str, str]) -> list[int] | None:
        """Block tables from a party seating, or None if it splits a block or uses unknown tables."""
        tindex = {t: i for i, t in enumerate(self.table_ids)}
        out: list[int] = []
        for members in self.blocks:
            seen = {assignment.get(self.party_ids[p]) for p in members}
            if len(seen) != 1:
                return None
            t = tindex.get(seen.pop())
            if t is None:
                return None
            out.append(t)
        return out

    def block_objective(self, block_table: list[int]) -> int:
        total = self.offset
        for (a, b), w in self.weights.items():
            if block_table[a] == block_table[b]:
                total += w
        return total

    def block_feasible(self, block_table: list[int]) -> bool:
        load = [0] * self.n_tables
        for b, t in enumerate(block_table):
            if self.bfixed[b] is not None and self.bfixed[b] != t:
                return False
            load[t] += self.bsize[b]
        if any(load[t] > self.cap[t] for t in range(self.n_tables)):
            return False
        return all(block_table[a] != block_table[b] for a, b in self.apart)


def compile_instance(inst: Instance) -> Compiled:
    party_ids = [p.id for p in inst.parties]
    pindex = {pid: i for i, pid in enumerate(party_ids)}
    table_ids = [t.id for t in inst.tables]
    tindex = {tid: i for i, tid in enumerate(table_ids)}
    psize = [p.size for p in inst.parties]
    cap = [t.capacity for t in inst.tables]
    uf = _UnionFind(len(party_ids))
    for r in inst.relations:
        if r.hard == "together":
            uf.union(pindex[r.a], pindex[r.b])
    roots: dict[int, int] = {}
    block_of = [0] * len(party_ids)
    blocks: list[list[int]] = []
    for i in range(len(party_ids)):
        root = uf.find(i)
        if root not in roots:
            roots[root] = len(blocks)
            blocks.append([])
        block_of[i] = roots[root]
        blocks[roots[root]].append(i)
    bsize = [sum(psize[p] for p in members) for members in blocks]
    bfixed: list[int | None] = [None] * len(blocks)
    fixed_conflict = False
    for pid, tid in inst.fixed.items():
        b, t = block_of[pindex[pid]], tindex[tid]
        if bfixed[b] is not None and bfixed[b] != t:
            fixed_conflict = True
        bfixed[b] = t
    weights: dict[tuple[int, int], int] = defaultdict(int)
    apart: set[tuple[int, int]] = set()
    offset = 0
    apart_inside = False
    for r in inst.relations:
        a, b = block_of[pindex[r.a]], block_of[pindex[r.b]]
        if a == b:
            if r.hard == "apart":
                apart_inside = True
            offset += r.weight
            continue
        key = (a, b) if a < b else (b, a)
        if r.hard == "apart":
            apart.add(key)
        weights[key] += r.weight
    clean = {k: w for k, w in weights.items() if w != 0 and k not in apart}
    pinned = {t for t in bfixed if t is not None}
    by_cap: dict[int, list[int]] = defaultdict(list)
    for t, c in enumerate(cap):
        if t not in pinned:
            by_cap[c].append(t)
    classes = [ts for ts in by_cap.values() if len(ts) > 1]
    return Compiled(
        inst,
        party_ids,
        table_ids,
        psize,
        cap,
        block_of,
        blocks,
        bsize,
        bfixed,
        fixed_conflict,
        apart_inside,
        clean,
        apart,
        offset,
        classes,
    )


def upper_bound(c: Compiled) -> int:
    """A cheap valid upper bound: each block earns at most the best set of positive neighbours
    that fits beside it at the largest table (0/1 knapsack); every shared pair is counted twice."""
    if not c.cap:
        return c.offset
    cmax = max(c.cap)
    pos: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (a, b), w in c.weights.items():
        if w > 0:
            pos[a].append((c.bsize[b], w))
            pos[b].append((c.bsize[a], w))
    total = 0
    for b, items in pos.items():
        room = cmax - c.bsize[b]
        if room <= 0:
            continue
        best = [0] * (room + 1)
        for size, w in items:
            if size > room:
                continue
            for r in range(room, size - 1, -1):
                cand = best[r - size] + w
                if cand > best[r]:
                    best[r] = cand
        total += best[room]
    return c.offset + total // 2


def lagrangian_bound(
    c: Compiled, until: float, max_iters: int = 150, should_stop: Callable[[], bool] | None = None
) -> int | None:
    """A tighter upper bound than `upper_bound`, computed until `until` (time.monotonic()).

    Each block picks the best tablemates that fit at the largest table (a knapsack), each pair
    worth half its weight to either side plus a multiplier that moves value between the two
    sides; the multipliers cancel in any real seating (tablemates are mutual), so every
    iteration's sum is a valid bound. Subgradient steps push the picks towards agreement."""
    if not c.cap or not c.weights:
        return None
    cmax = max(c.cap)
    half = {k: w / 2 for k, w in c.weights.items()}
    lam = dict.fromkeys(half, 0.0)
    nbrs: dict[int, list[tuple[int, tuple[int, int], float]]] = defaultdict(list)
    for a, b in c.weights:
        nbrs[a].append((b, (a, b), 1.0))
        nbrs[b].append((a, (a, b), -1.0))
    best = math.inf
    step = 1.0
    for _ in range(max_iters):
        if time.monotonic() >= until or (should_stop is not None and should_stop()):
            break
        total = 0.0
        picks: dict[int, set[int]] = {}
        for k, (b, items) in enumerate(nbrs.items()):
            if k % 16 == 15 and time.monotonic() >= until:
                total = math.inf  # out of time: this pass proves nothing
                break
            room = cmax - c.bsize[b]
            if room <= 0:
                picks[b] = set()
                continue
            dp = [0.0] * (room + 1)
            chosen: list[tuple[int, ...]] = [()] * (room + 1)
            for n, key, sign in items:
                v = half[key] + sign * lam[key]
                size = c.bsize[n]
                if v <= 0 or size > room:
                    continue
                for r in range(room, size - 1, -1):
                    cand = dp[r - size] + v
                    if cand > dp[r]:
                        dp[r] = cand
                        chosen[r] = (*chosen[r - size], n)
            total += dp[room]
            picks[b] = set(chosen[room])
        if total == math.inf:
            break
        best = min(best, total)
        moved = False
        for (a, b), h in half.items():
            g = (b in picks.get(a, ())) - (a in picks.get(b, ()))
            if g:
                lam[(a, b)] -= step * g * abs(h)
                moved = True
        if not moved:
            break
        step *= 0.93
    if best == math.inf:
        return None
    return c.offset + math.floor(best + 1e-6)
