"""Objective and hard-rule checks for a seating (party id -> table id), independent of any solver."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from services.seating.instance import Instance


@dataclass(frozen=True)
class Violation:
    kind: str  # "capacity" | "together" | "apart" | "fixed" | "unseated" | "unknown_table"
    parties: tuple[str, ...]
    table: str | None
    message: str

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


def violations(inst: Instance, assignment: Mapping[str, str]) -> list[Violation]:
    """Every broken hard rule, in readable English (capacity, together, apart, fixed, unseated)."""
    out: list[Violation] = []
    tables = {t.id: t for t in inst.tables}
    parties = {p.id: p for p in inst.parties}
    load: dict[str, int] = defaultdict(int)
    seated: dict[str, list[str]] = defaultdict(list)
    for p in inst.parties:
        tid = assignment.get(p.id)
        if tid is None:
            out.append(Violation("unseated", (p.id,), None, f"{p.label} has no table."))
            continue
        if tid not in tables:
            out.append(Violation("unknown_table", (p.id,), tid, f"{p.label} is seated at unknown table {tid}."))
            continue
        load[tid] += p.size
        seated[tid].append(p.id)
    for t in inst.tables:
        if load[t.id] > t.capacity:
            out.append(
                Violation(
                    "capacity",
                    tuple(seated[t.id]),
                    t.id,
                    f"Table {t.label} seats {t.capacity} but {load[t.id]} people are seated there.",
                )
            )
    for r in inst.relations:
        if not r.hard:
            continue
        ta, tb = assignment.get(r.a), assignment.get(r.b)
        la, lb = parties[r.a].label, parties[r.b].label
        if r.hard == "together" and (ta is None or ta != tb):
            out.append(Violation("together", (r.a, r.b), None, f"{la} and {lb} must sit together but do not."))
        elif r.hard == "apart" and ta is not None and ta == tb:
            label = tables[ta].label if ta in tables else ta
            out.append(Violation("apart", (r.a, r.b), ta, f"{la} and {lb} must sit apart but share table {label}."))
    for pid, tid in inst.fixed.items():
        if assignment.get(pid) != tid:
            label = tables[tid].label if tid in tables else tid
            out.append(Violation("fixed", (pid,), tid, f"{parties[pid].label} must sit at table {label}."))
    return out


def is_feasible(inst: Instance, assignment: Mapping[str, str]) -> bool:
    return not violations(inst, assignment)
