"""Objective and hard-rule checks for a seating (party id -> table id), independent of any solver."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from services.errors import N_, Msg
from services.seating.instance import Instance


@dataclass(frozen=True)
class Violation:
    kind: str  # "capacity" | "together" | "apart" | "fixed" | "unseated" | "unknown_table"
    parties: tuple[str, ...]
    table: str | None
    message: str  # English
    msg: Msg | None = field(default=None, compare=False)  # the same, translatable (services.i18n.render)

    def __str__(self) -> str:
        return self.message


def objective(inst: Instance, assignment: Mapping[str, str]) -> int:
    """Sum of `weight` over every relation whose two parties are seated at the same table."""
    total = 0
    for r in inst.relations:
        ta = assignment.get(r.a)
        if ta is not None and ta == assignment.get(r.b):
            total += r.weight
    return total


def _v(kind: str, parties: tuple[str, ...], table: str | None, msg: Msg) -> Violation:
    return Violation(kind, parties, table, msg.id.format(**msg.params), msg)


def violations(inst: Instance, assignment: Mapping[str, str]) -> list[Violation]:
    """Every broken hard rule, readable (capacity, together, apart, fixed, unseated, unknown table)."""
    out: list[Violation] = []
    tables = {t.id: t for t in inst.tables}
    parties = {p.id: p for p in inst.parties}
    load: dict[str, int] = defaultdict(int)
    seated: dict[str, list[str]] = defaultdict(list)
    for p in inst.parties:
        tid = assignment.get(p.id)
        if tid is None:
            out.append(_v("unseated", (p.id,), None, N_("{party} has no table.", party=p.label)))
            continue
        if tid not in tables:
            msg = N_("{party} is seated at unknown table {table}.", party=p.label, table=tid)
            out.append(_v("unknown_table", (p.id,), tid, msg))
            continue
        load[tid] += p.size
        seated[tid].append(p.id)
    for t in inst.tables:
        if load[t.id] > t.capacity:
            msg = N_(
                "Table {table} seats {capacity} but {seated} people are seated there.",
                table=t.label,
                capacity=t.capacity,
                seated=load[t.id],
            )
            out.append(_v("capacity", tuple(seated[t.id]), t.id, msg))
    for r in inst.relations:
        if not r.hard:
            continue
        ta, tb = assignment.get(r.a), assignment.get(r.b)
        la, lb = parties[r.a].label, parties[r.b].label
        if r.hard == "together" and (ta is None or ta != tb):
            msg = N_("{a} and {b} must sit together but do not.", a=la, b=lb)
            out.append(_v("together", (r.a, r.b), None, msg))
        elif r.hard == "apart" and ta is not None and ta == tb:
            label = tables[ta].label if ta in tables else ta
            msg = N_("{a} and {b} must sit apart but share table {table}.", a=la, b=lb, table=label)
            out.append(_v("apart", (r.a, r.b), ta, msg))
    for pid, tid in inst.fixed.items():
        if assignment.get(pid) != tid:
            label = tables[tid].label if tid in tables else tid
            msg = N_("{party} must sit at table {table}.", party=parties[pid].label, table=label)
            out.append(_v("fixed", (pid,), tid, msg))
    return out


def is_feasible(inst: Instance, assignment: Mapping[str, str]) -> bool:
    return not violations(inst, assignment)
