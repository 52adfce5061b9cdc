"""Make an optimizer proposal disturb the current plan as little as possible.

The solver's objective only sees who sits with whom, so two tables of the same capacity are
interchangeable: the solver may hand back "the same" plan with every group on a different table,
which would show as hundreds of pointless moves in the diff. `align_tables` renames the proposal's
tables so that as many guests as possible keep their current table (a maximum-weight assignment
between proposed and current tables of equal capacity), which changes neither the score nor any
hard rule. Tables holding a fixed (locked) party never take part: they must keep their identity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from ortools.graph.python import linear_sum_assignment

from services.seating.instance import Instance


def align_tables(inst: Instance, proposal: Mapping[str, str], current: Mapping[str, str]) -> dict[str, str]:
    """The proposal with tables renamed among interchangeable ones to maximise guests left in place."""
    if not proposal or not current:
        return dict(proposal)
    size = {p.id: p.size for p in inst.parties}
    pinned = set(inst.fixed.values())
    groups: dict[int, list[str]] = defaultdict(list)
    for table in inst.tables:
        if table.id not in pinned:
            groups[table.capacity].append(table.id)
    # kept[(proposed_table, current_table)] = guests that would stay put under that renaming
    kept: dict[tuple[str, str], int] = defaultdict(int)
    for party_id, table_id in proposal.items():
        was = current.get(party_id)
        if was is not None:
            kept[(table_id, was)] += size.get(party_id, 1)
    rename: dict[str, str] = {}
    for tables in groups.values():
        if len(tables) < 2:
            continue
        solver = linear_sum_assignment.SimpleLinearSumAssignment()
        for i, proposed in enumerate(tables):
            for j, existing in enumerate(tables):
                solver.add_arc_with_cost(i, j, -kept.get((proposed, existing), 0))
        if solver.solve() != solver.OPTIMAL:
            continue
        for i, proposed in enumerate(tables):
            rename[proposed] = tables[solver.right_mate(i)]
    return {party_id: rename.get(table_id, table_id) for party_id, table_id in proposal.items()}


def moved_guests(inst: Instance, proposal: Mapping[str, str], current: Mapping[str, str]) -> int:
    """Guests whose table changes (parties not seated now do not count as moves)."""
    size = {p.id: p.size for p in inst.parties}
    return sum(size.get(p, 1) for p, t in proposal.items() if p in current and current[p] != t)
