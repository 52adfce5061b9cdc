"""Optimizer proposals keep guests at their current table when the score allows it."""

from services.seating.align import align_tables, moved_guests
from services.seating.checker import objective
from services.seating.instance import parse_instance

INSTANCE = parse_instance(
    {
        "name": "align",
        "tables": [
            {"id": "t1", "capacity": 4},
            {"id": "t2", "capacity": 4},
            {"id": "t3", "capacity": 4},
            {"id": "big", "capacity": 8},
        ],
        "parties": [{"id": f"p{i}", "size": 2} for i in range(1, 9)],
        "relations": [{"a": "p1", "b": "p2", "weight": 5}, {"a": "p3", "b": "p4", "weight": 5}],
        "fixed": {"p7": "t3"},
    }
)
CURRENT = {"p1": "t1", "p2": "t1", "p3": "t2", "p4": "t2", "p5": "big", "p6": "big", "p7": "t3", "p8": "t3"}


def test_a_proposal_that_only_swaps_equal_tables_moves_nobody():
    swapped = {**CURRENT, "p1": "t2", "p2": "t2", "p3": "t1", "p4": "t1"}
    assert moved_guests(INSTANCE, swapped, CURRENT) == 8
    aligned = align_tables(INSTANCE, swapped, CURRENT)
    assert aligned == CURRENT
    assert objective(INSTANCE, aligned) == objective(INSTANCE, swapped)


def test_tables_of_other_capacities_and_locked_tables_keep_their_identity():
    proposal = {**CURRENT, "p5": "t1", "p6": "t1", "p1": "big", "p2": "big"}
    aligned = align_tables(INSTANCE, proposal, CURRENT)
    assert aligned["p7"] == "t3" and aligned["p8"] == "t3"  # t3 holds a locked party: never renamed
    assert aligned["p1"] == aligned["p2"] == "big"  # the 8-seat table has no twin
    assert objective(INSTANCE, aligned) == objective(INSTANCE, proposal)
    assert moved_guests(INSTANCE, aligned, CURRENT) == moved_guests(INSTANCE, proposal, CURRENT)
