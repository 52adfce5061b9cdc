"""Why no seating exists: quick checks first, then a small conflicting set from CP-SAT.

Conflicts are message ids with parameters (`services.errors.Msg`), so the app can show them in
the viewer's language: `render_conflicts(conflicts, lang)`; the CLI uses English. Params are
JSON-friendly (store `{"id": m.id, "params": m.params}` and rebuild `Msg(id, params)`): a
parameter may be a nested message `{"id", "params"}` (a party label) or a list of them or of
strings (joined with "and").
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Sequence

from services.errors import N_, Msg
from services.seating.instance import Instance
from services.seating.model import Compiled

NOT_FOUND = N_("No seating satisfying every rule was found within the time limit.")
NO_SEATING = N_("No seating satisfies the rules.")


def _nested(msg: Msg) -> dict:
    """A message inside another one's params, kept JSON-friendly so conflicts can be stored."""
    return {"id": msg.id, "params": msg.params}


def party_label(inst: Instance, pid: str) -> dict:
    p = inst.party(pid)
    if p.size == 1:
        return _nested(N_("{name} (1 person)", name=p.label))
    return _nested(N_("{name} ({size} people)", name=p.label, size=p.size))


def _short(inst: Instance, pid: str) -> str:
    return inst.party(pid).label


def _table(inst: Instance, tid: str) -> str:
    return inst.table(tid).label


def render(msg: Msg, lang: str = "en") -> str:
    from services.i18n import gettext

    def value(v):
        if isinstance(v, Msg):
            return render(v, lang)
        if isinstance(v, dict) and "id" in v:
            return render(Msg(v["id"], v.get("params") or {}), lang)
        if isinstance(v, list | tuple):
            parts = [value(x) for x in v]
            if len(parts) <= 1:
                return "".join(parts)
            return gettext(lang, "{first} and {last}", first=", ".join(parts[:-1]), last=parts[-1])
        return v

    return gettext(lang, msg.id, **{k: value(v) for k, v in msg.params.items()})


def render_conflicts(conflicts: Sequence[Msg], lang: str = "en") -> list[str]:
    """Conflicts as sentences in `lang` (through the project's catalogs)."""
    return [render(m, lang) for m in conflicts]


def _together_path(c: Compiled, a: int, b: int) -> list[int]:
    """Parties on a chain of must-together rules from party a to party b (both included)."""
    inst = c.inst
    index = {pid: i for i, pid in enumerate(c.party_ids)}
    graph: dict[int, list[int]] = defaultdict(list)
    for r in inst.relations:
        if r.hard == "together":
            graph[index[r.a]].append(index[r.b])
            graph[index[r.b]].append(index[r.a])
    prev = {a: a}
    queue = deque([a])
    while queue:
        u = queue.popleft()
        if u == b:
            break
        for v in graph[u]:
            if v not in prev:
                prev[v] = u
                queue.append(v)
    path = [b]
    while path[-1] != a:
        path.append(prev[path[-1]])
    return path[::-1]


def precheck(c: Compiled) -> list[Msg]:
    """Clear, fast reasons why no seating can exist (empty when none is found)."""
    inst = c.inst
    pid = c.party_ids
    cmax = max(c.cap, default=0)
    # A single party larger than every table.
    for i, size in enumerate(c.psize):
        if size > cmax:
            return [
                N_(
                    "{party} does not fit at any table: the largest table seats {capacity}.",
                    party=party_label(inst, pid[i]),
                    capacity=cmax,
                )
            ]
    # Apart and together between the same group.
    index = {p: i for i, p in enumerate(pid)}
    for r in inst.relations:
        if r.hard == "apart":
            a, b = index[r.a], index[r.b]
            if c.block_of[a] == c.block_of[b]:
                path = _together_path(c, a, b)
                if len(path) == 2:
                    return [
                        N_("{a} and {b} must sit both together and apart.", a=_short(inst, r.a), b=_short(inst, r.b))
                    ]
                return [
                    N_(
                        "{a} and {b} must sit apart, but the must-sit-together rules link them: {chain}.",
                        a=_short(inst, r.a),
                        b=_short(inst, r.b),
                        chain=" – ".join(_short(inst, pid[p]) for p in path),
                    )
                ]
    # A must-together group larger than the largest table.
    for b, members in enumerate(c.blocks):
        if c.bsize[b] > cmax:
            return [
                N_(
                    "{parties} must sit together ({seats} people in all), but the largest table seats {capacity}.",
                    parties=[party_label(inst, pid[p]) for p in members],
                    seats=c.bsize[b],
                    capacity=cmax,
                )
            ]
    # A group pinned to two tables.
    if c.fixed_conflict:
        for members in c.blocks:
            pins = {pid[p]: inst.fixed[pid[p]] for p in members if pid[p] in inst.fixed}
            if len(set(pins.values())) > 1:
                (pa, ta), (pb, tb) = next((x, y) for x in pins.items() for y in pins.items() if x[1] != y[1])
                chain = _together_path(c, index[pa], index[pb])
                return [
                    N_(
                        "{a} is fixed to table {ta} and {b} to table {tb}, but they must sit together ({chain}).",
                        a=_short(inst, pa),
                        ta=_table(inst, ta),
                        b=_short(inst, pb),
                        tb=_table(inst, tb),
                        chain=" – ".join(_short(inst, pid[p]) for p in chain),
                    )
                ]
    # Pinned groups overflowing their table, or pinned apart pairs sharing it.
    pinned: dict[int, list[int]] = defaultdict(list)
    for b, t in enumerate(c.bfixed):
        if t is not None:
            pinned[t].append(b)
    for t, bs in pinned.items():
        seats = sum(c.bsize[b] for b in bs)
        if seats > c.cap[t]:
            parties = [pid[p] for b in bs for p in c.blocks[b]]
            return [
                N_(
                    "{parties} are fixed to table {table} (directly or through must-sit-together rules), {seats} people, but it seats {capacity}.",  # noqa: E501
                    parties=[party_label(inst, p) for p in parties],
                    table=_table(inst, c.table_ids[t]),
                    seats=seats,
                    capacity=c.cap[t],
                )
            ]
    for r in inst.relations:
        if r.hard == "apart":
            ba, bb = c.block_of[index[r.a]], c.block_of[index[r.b]]
            if c.bfixed[ba] is not None and c.bfixed[ba] == c.bfixed[bb]:
                return [
                    N_(
                        "{a} and {b} must sit apart, but both are fixed to table {table}.",
                        a=_short(inst, r.a),
                        b=_short(inst, r.b),
                        table=_table(inst, c.table_ids[c.bfixed[ba]]),
                    )
                ]
    # More people than seats.
    seats, capacity = sum(c.psize), sum(c.cap)
    if seats > capacity:
        return [
            N_("The parties need {seats} seats but the tables have {capacity} in all.", seats=seats, capacity=capacity)
        ]
    # Groups that must all sit at different tables, more of them than tables.
    clique = _apart_clique(c)
    if len(clique) > c.n_tables:
        parties = [pid[c.blocks[b][0]] for b in clique]
        return [
            N_(
                "{parties} must all sit at different tables, but there are only {tables} tables.",
                parties=[_short(inst, p) for p in parties],
                tables=c.n_tables,
            )
        ]
    return []


def _apart_clique(c: Compiled) -> list[int]:
    """A large set of blocks that are pairwise apart (greedy, from every start block)."""
    nbrs: dict[int, set[int]] = defaultdict(set)
    for a, b in c.apart:
        nbrs[a].add(b)
        nbrs[b].add(a)
    if len(nbrs) <= c.n_tables:
        return []
    best: list[int] = []
    for start in sorted(nbrs, key=lambda v: -len(nbrs[v]))[:50]:
        clique = [start]
        cand = set(nbrs[start])
        while cand:
            v = max(cand, key=lambda u: (len(nbrs[u] & cand), -u))
            clique.append(v)
            cand &= nbrs[v]
        if len(clique) > len(best):
            best = clique
    return best


def core_conflicts(c: Compiled, time_limit: float) -> tuple[str, list[Msg]]:
    """CP-SAT on parties with one assumption per rule; returns (status, conflicting rules).

    status is "infeasible" (with the smallest conflicting set found), "feasible" (a seating
    exists after all) or "unknown" (out of time)."""
    from ortools.sat.python import cp_model

    inst = c.inst
    deadline = time.monotonic() + time_limit
    pid, tid = c.party_ids, c.table_ids
    index = {p: i for i, p in enumerate(pid)}
    tindex = {t: i for i, t in enumerate(tid)}
    nt = len(tid)
    m = cp_model.CpModel()
    x = [[m.new_bool_var(f"x{p}_{t}") for t in range(nt)] for p in range(len(pid))]
    for row in x:
        m.add_exactly_one(row)
    rules: list[tuple] = []
    for t in range(nt):
        lit = m.new_bool_var(f"cap{t}")
        m.add(sum(c.psize[p] * x[p][t] for p in range(len(pid))) <= c.cap[t]).only_enforce_if(lit)
        rules.append((lit, ("cap", t)))
    for k, r in enumerate(inst.relations):
        if not r.hard:
            continue
        a, b = index[r.a], index[r.b]
        lit = m.new_bool_var(f"rel{k}")
        for t in range(nt):
            if r.hard == "together":
                m.add(x[a][t] == x[b][t]).only_enforce_if(lit)
            else:
                m.add_bool_or(~x[a][t], ~x[b][t]).only_enforce_if(lit)
        rules.append((lit, (r.hard, r.a, r.b)))
    for p, t in inst.fixed.items():
        lit = m.new_bool_var(f"fix{p}")
        m.add_implication(lit, x[index[p]][tindex[t]])
        rules.append((lit, ("fixed", p, t)))
    by_index = {lit.index: rule for lit, rule in rules}
    active = [lit for lit, _ in rules]

    def run(assumed: list) -> tuple[int, list]:
        m.clear_assumptions()
        m.add_assumptions(assumed)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, min(deadline - time.monotonic(), 5.0))
        solver.parameters.num_workers = 1
        status = solver.solve(m)
        core = []
        if status == cp_model.INFEASIBLE:
            keep = set(solver.sufficient_assumptions_for_infeasibility())
            core = [lit for lit in assumed if lit.index in keep]
        return status, core

    status, core = run(active)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "feasible", []
    if status != cp_model.INFEASIBLE:
        return "unknown", [NOT_FOUND]
    # Deletion filter: drop every rule whose removal keeps the problem infeasible.
    i = 0
    while i < len(core) and time.monotonic() < deadline - 0.05:
        trial = core[:i] + core[i + 1 :]
        st, smaller = run(trial)
        if st == cp_model.INFEASIBLE:
            core = smaller or trial
        else:
            i += 1
    return "infeasible", _describe(inst, [by_index[lit.index] for lit in core], tid)


def conflict_messages(inst: Instance, time_limit_s: float = 5.0) -> list[Msg]:
    """Why `inst` has no seating, as message ids + params (empty when a seating exists or
    none of the checks could tell within the time limit). Render with `render_conflicts`."""
    from services.seating.model import compile_instance

    c = compile_instance(inst)
    found = precheck(c)
    if found:
        return found
    status, msgs = core_conflicts(c, time_limit_s)
    return msgs if status == "infeasible" else []


def _describe(inst: Instance, rules: list[tuple], tid: list[str]) -> list[Msg]:
    out: list[Msg] = []
    caps = [r[1] for r in rules if r[0] == "cap"]
    for r in rules:
        if r[0] == "together":
            out.append(N_("{a} and {b} must sit together.", a=party_label(inst, r[1]), b=party_label(inst, r[2])))
        elif r[0] == "apart":
            out.append(N_("{a} and {b} must sit apart.", a=_short(inst, r[1]), b=_short(inst, r[2])))
        elif r[0] == "fixed":
            out.append(
                N_("{party} is fixed to table {table}.", party=party_label(inst, r[1]), table=_table(inst, r[2]))
            )
    if len(caps) == 1:
        t = inst.table(tid[caps[0]])
        out.append(N_("Table {table} seats {capacity}.", table=t.label, capacity=t.capacity))
    elif caps:
        ts = [inst.table(tid[t]) for t in caps]
        out.append(
            N_(
                "Tables {tables} have {capacity} seats for {guests} guests, and a party cannot be split across tables.",
                tables=[t.label for t in ts],
                capacity=sum(t.capacity for t in ts),
                guests=sum(p.size for p in inst.parties),
            )
        )
    if not out:
        out.append(NO_SEATING)
    return out
