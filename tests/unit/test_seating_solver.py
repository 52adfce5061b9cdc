"""Seating optimizer: objective and hard-rule checks, solver against brute force, infeasibility
explanations, time limit and stop, repair mode, and the `attitudes seating solve` command."""

from __future__ import annotations

import itertools
import json
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import services.seating.cpsat  # noqa: F401 - load ortools once, outside the timed solves
from attitudes_app.cli import main as cli_main
from services.errors import Msg
from services.seating import (
    Instance,
    InstanceError,
    PartySpec,
    Relation,
    TableSpec,
    instance_to_dict,
    objective,
    parse_instance,
    violations,
)
from services.seating.explain import render_conflicts
from services.seating.solver import solve

SPEC_KEYS = {"status", "objective", "bound", "assignment", "elapsed_s", "conflicts"}


def make(tables, parties, relations=(), fixed=None, name="t") -> Instance:
    return parse_instance(
        {
            "name": name,
            "tables": [{"id": t, "capacity": c} for t, c in tables],
            "parties": [{"id": p, "size": s} for p, s in parties],
            "relations": list(relations),
            "fixed": fixed or {},
        }
    )


def brute(inst: Instance, keep=None):
    """Every assignment: (best objective or None if infeasible, fewest moved guests, best objective among those)."""
    tids = [t.id for t in inst.tables]
    best = None
    best_repair = None
    for combo in itertools.product(tids, repeat=len(inst.parties)):
        a = {p.id: t for p, t in zip(inst.parties, combo, strict=True)}
        if violations(inst, a):
            continue
        obj = objective(inst, a)
        best = obj if best is None else max(best, obj)
        if keep is not None:
            moved = sum(p.size for p in inst.parties if p.id in keep and keep[p.id] != a[p.id])
            key = (-moved, obj)
            best_repair = key if best_repair is None else max(best_repair, key)
    return best, best_repair


# ---- format, objective, checker -------------------------------------------------------------


def test_objective_counts_only_pairs_sharing_a_table():
    inst = make(
        [("t1", 10), ("t2", 8)],
        [("p1", 2), ("p2", 1), ("p3", 4)],
        [
            {"a": "p1", "b": "p2", "weight": 5},
            {"a": "p1", "b": "p3", "weight": -3},
            {"a": "p2", "b": "p3", "hard": "apart"},
        ],
    )
    assert objective(inst, {"p1": "t1", "p2": "t1", "p3": "t2"}) == 5
    assert objective(inst, {"p1": "t1", "p2": "t2", "p3": "t1"}) == -3
    assert objective(inst, {"p1": "t2", "p2": "t1", "p3": "t1"}) == 0


def test_violations_name_every_broken_rule_readably():
    inst = parse_instance(
        {
            "tables": [{"id": "t1", "capacity": 4, "name": "Head table"}, {"id": "t2", "capacity": 4}],
            "parties": [
                {"id": "o", "size": 3, "name": "Ortega"},
                {"id": "p", "size": 2, "name": "Pérez"},
                {"id": "s", "size": 1},
            ],
            "relations": [{"a": "o", "b": "p", "hard": "apart"}, {"a": "o", "b": "s", "hard": "together"}],
            "fixed": {"s": "t2"},
        }
    )
    found = violations(inst, {"o": "t1", "p": "t1"})
    kinds = sorted(v.kind for v in found)
    assert kinds == ["apart", "capacity", "fixed", "together", "unseated"]
    text = " ".join(str(v) for v in found)
    assert "Head table seats 4 but 5 people" in text
    assert "Ortega and Pérez must sit apart" in text
    assert violations(inst, {"o": "t2", "s": "t2", "p": "t1"}) == []


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"tables": [], "parties": [{"id": "p", "size": 0}]}, "at least 1"),
        (
            {
                "tables": [{"id": "t", "capacity": 2}],
                "parties": [{"id": "p", "size": 1}],
                "relations": [{"a": "p", "b": "q", "weight": 1}],
            },
            "unknown party 'q'",
        ),
        ({"tables": [{"id": "t", "capacity": 2}, {"id": "t", "capacity": 3}], "parties": []}, "appears twice"),
        (
            {"tables": [{"id": "t", "capacity": 2}], "parties": [{"id": "p", "size": 1}], "fixed": {"p": "t9"}},
            "unknown table 't9'",
        ),
        ({"tables": [{"id": "t", "capacity": "ten"}], "parties": []}, "whole number"),
        (
            {
                "tables": [],
                "parties": [{"id": "a", "size": 1}, {"id": "b", "size": 1}],
                "relations": [{"a": "a", "b": "b", "hard": "maybe"}],
            },
            "'apart' or 'together'",
        ),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_instances_are_refused_with_a_clear_message(data, fragment):
    with pytest.raises(InstanceError, match=fragment):
        parse_instance(data)


def test_instance_round_trips_through_the_spec_format():
    data = {
        "name": "smith-jones",
        "tables": [{"id": "t1", "capacity": 10, "name": "Head"}, {"id": "t2", "capacity": 8}],
        "parties": [{"id": "p1", "size": 2, "name": "Smiths"}, {"id": "p2", "size": 1}, {"id": "p3", "size": 4}],
        "relations": [{"a": "p1", "b": "p2", "weight": 5}, {"a": "p2", "b": "p3", "hard": "apart"}],
        "fixed": {"p1": "t1"},
    }
    inst = parse_instance(data)
    assert inst.tables[0] == TableSpec("t1", 10, "Head")
    assert inst.parties[0] == PartySpec("p1", 2, "Smiths")
    assert inst.relations[1] == Relation("p2", "p3", 0, "apart")
    assert instance_to_dict(inst) == data
    assert parse_instance(instance_to_dict(inst)) == inst


# ---- solver against brute force ------------------------------------------------------------


def random_instance(
    rng: random.Random, n_parties: int, n_tables: int, hard_rate: float = 0.15, alike: bool = False
) -> Instance:
    """Random weights and rules; `alike`: tables of one capacity and nothing pinned."""
    cap = rng.randint(3, 8) if alike else 0
    tables = [(f"t{i}", cap if alike else rng.randint(2, 8)) for i in range(n_tables)]
    parties = [(f"p{i}", rng.randint(1, 4)) for i in range(n_parties)]
    rel = []
    for i, j in itertools.combinations(range(n_parties), 2):
        x = rng.random()
        if x < hard_rate / 2:
            rel.append({"a": f"p{i}", "b": f"p{j}", "hard": "apart"})
        elif x < hard_rate:
            rel.append({"a": f"p{i}", "b": f"p{j}", "hard": "together", "weight": rng.randint(-2, 3)})
        elif x < 0.8:
            rel.append({"a": f"p{i}", "b": f"p{j}", "weight": rng.randint(-5, 6)})
    fixed = {f"p{i}": f"t{rng.randrange(n_tables)}" for i in range(n_parties) if rng.random() < 0.1 and not alike}
    return make(tables, parties, rel, fixed)


@pytest.mark.parametrize("alike", [False, True], ids=["table-model", "representative-model"])
def test_solver_matches_brute_force_on_small_instances(alike):
    rng = random.Random(7)
    checked = 0
    for _ in range(12):
        inst = random_instance(rng, rng.randint(3, 6), rng.randint(2, 3), alike=alike)
        best, _ = brute(inst)
        res = solve(inst, time_limit_s=3, seed=1)
        if best is None:
            assert res.status == "infeasible" and res.conflicts and res.assignment == {}
            continue
        checked += 1
        assert res.status == "optimal"
        assert res.objective == best == objective(inst, res.assignment)
        assert res.bound == best
        assert violations(inst, res.assignment) == []
    assert checked >= 6


def test_cheap_bounds_never_fall_below_the_optimum():
    from services.seating.model import compile_instance, lagrangian_bound, upper_bound

    rng = random.Random(21)
    checked = 0
    for _ in range(40):
        inst = random_instance(rng, rng.randint(3, 6), rng.randint(2, 3), hard_rate=0.1)
        best, _ = brute(inst)
        if best is None:
            continue
        checked += 1
        c = compile_instance(inst)
        assert upper_bound(c) >= best
        lagr = lagrangian_bound(c, time.monotonic() + 5)
        assert lagr is None or best <= lagr <= upper_bound(c)
    assert checked >= 15


@st.composite
def tiny_instances(draw):
    seed = draw(st.integers(0, 10**6))
    n_parties = draw(st.integers(1, 6))
    n_tables = draw(st.integers(1, 3))
    hard_rate = draw(st.sampled_from([0.0, 0.2, 0.4]))
    return random_instance(random.Random(seed), n_parties, n_tables, hard_rate=hard_rate, alike=draw(st.booleans()))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(), st.integers(0, 3))
def test_every_result_is_honest(inst, seed):
    best, _ = brute(inst)
    res = solve(inst, time_limit_s=2, seed=seed)
    if best is None:
        assert res.status == "infeasible"
        assert res.conflicts and all(isinstance(c, str) and c for c in res.conflicts)
        return
    assert res.status in ("optimal", "feasible")
    assert set(res.assignment) == {p.id for p in inst.parties}
    assert violations(inst, res.assignment) == []
    assert res.objective == objective(inst, res.assignment) <= best
    if res.status == "optimal":
        assert res.objective == best
    if res.bound is not None:
        assert res.bound >= best


def test_heuristic_path_gives_a_valid_seating_and_a_true_bound_on_a_big_instance():
    rng = random.Random(3)
    n = 300
    tables = [(f"t{i}", 10) for i in range(80)]
    parties = [(f"p{i}", rng.choice([1, 2, 2, 3, 4])) for i in range(n)]
    rel = []
    for i in range(n):
        for j in rng.sample(range(n), 8):
            if i < j:
                rel.append({"a": f"p{i}", "b": f"p{j}", "weight": rng.randint(-3, 9)})
    for i in range(0, 40, 2):
        rel = [r for r in rel if {r["a"], r["b"]} != {f"p{i}", f"p{i + 1}"}]
        rel.append({"a": f"p{i}", "b": f"p{i + 1}", "hard": "apart" if i % 4 else "together"})
    inst = make(tables, parties, rel, {"p100": "t5"})
    t0 = time.monotonic()
    res = solve(inst, time_limit_s=1.5, seed=0)
    elapsed = time.monotonic() - t0
    assert elapsed < 1.5 + 1.5
    assert res.status == "feasible"
    assert violations(inst, res.assignment) == []
    assert res.objective == objective(inst, res.assignment) > 0
    assert res.bound is not None and res.bound >= res.objective
    positive = sum(r["weight"] for r in rel if r.get("weight", 0) > 0)
    assert res.bound <= positive


# ---- infeasibility, in words ----------------------------------------------------------------


def named(tables, parties, relations=(), fixed=None):
    return parse_instance(
        {
            "tables": [{"id": t, "capacity": c, "name": n} for t, c, n in tables],
            "parties": [{"id": p, "size": s, "name": n} for p, s, n in parties],
            "relations": list(relations),
            "fixed": fixed or {},
        }
    )


def test_together_group_larger_than_any_table_is_explained_with_names():
    inst = named(
        [("t1", 10, "Rose"), ("t2", 10, "Lily")],
        [("o", 6, "Household Ortega"), ("p", 5, "household Pérez")],
        [{"a": "o", "b": "p", "hard": "together"}],
    )
    res = solve(inst, time_limit_s=2)
    assert res.status == "infeasible" and res.objective is None and res.assignment == {}
    assert res.conflicts == [
        "Household Ortega (6 people) and household Pérez (5 people) must sit together (11 people in all), "
        "but the largest table seats 10."
    ]
    assert res.to_spec_dict()["conflicts"] == res.conflicts
    assert render_conflicts(res.conflict_msgs, "en") == res.conflicts
    stored = json.loads(json.dumps([{"id": m.id, "params": m.params} for m in res.conflict_msgs]))
    assert render_conflicts([Msg(m["id"], m["params"]) for m in stored], "en") == res.conflicts


@pytest.mark.parametrize(
    ("relations", "fixed", "expected"),
    [
        (
            [
                {"a": "a", "b": "b", "hard": "together"},
                {"a": "b", "b": "c", "hard": "together"},
                {"a": "a", "b": "c", "hard": "apart"},
            ],
            {},
            "Ana and Cleo must sit apart, but the must-sit-together rules link them: Ana – Ben – Cleo.",
        ),
        (
            [{"a": "a", "b": "b", "hard": "apart"}],
            {"a": "t1", "b": "t1"},
            "Ana and Ben must sit apart, but both are fixed to table Rose.",
        ),
        (
            [{"a": "a", "b": "b", "hard": "together"}],
            {"a": "t1", "b": "t2"},
            "Ana is fixed to table Rose and Ben to table Lily, but they must sit together (Ana – Ben).",
        ),
        (
            [
                {"a": "a", "b": "b", "hard": "apart"},
                {"a": "b", "b": "c", "hard": "apart"},
                {"a": "a", "b": "c", "hard": "apart"},
            ],
            {},
            "Ana, Ben and Cleo must all sit at different tables, but there are only 2 tables.",
        ),
    ],
)
def test_quick_checks_explain_conflicts(relations, fixed, expected):
    inst = named(
        [("t1", 10, "Rose"), ("t2", 10, "Lily")], [("a", 2, "Ana"), ("b", 1, "Ben"), ("c", 1, "Cleo")], relations, fixed
    )
    res = solve(inst, time_limit_s=2)
    assert res.status == "infeasible"
    assert res.conflicts == [expected]


def test_packing_conflict_found_by_cp_sat_names_the_rules_involved():
    # 18 people, 20 seats, but three parties of 6 cannot share a table of 10: no seating exists.
    inst = named(
        [("t1", 10, "Rose"), ("t2", 10, "Lily")],
        [("a", 6, "Ana"), ("b", 6, "Ben"), ("c", 6, "Cleo"), ("d", 1, "Dan")],
        [{"a": "a", "b": "d", "weight": 3}],
    )
    res = solve(inst, time_limit_s=3)
    assert res.status == "infeasible"
    assert res.conflicts == [
        "Tables Rose and Lily have 20 seats for 19 guests, and a party cannot be split across tables."
    ]
    inst2 = named(
        [("t1", 10, "Rose"), ("t2", 10, "Lily"), ("t3", 10, "Iris")],
        [("a", 6, "Ana"), ("b", 6, "Ben"), ("c", 6, "Cleo")],
        [],
        {"a": "t1", "b": "t2", "c": "t2"},
    )
    res2 = solve(inst2, time_limit_s=3)
    assert res2.status == "infeasible"
    assert "Lily" in res2.conflicts[0] and "Ben" in res2.conflicts[0] and "Cleo" in res2.conflicts[0]


def test_conflicts_from_the_core_are_minimal():
    # Three parties of 3 and tables of 5: no table takes two of them, so two tables cannot do,
    # although the seats suffice. The apart rule and the weight play no part and must not be listed.
    inst = named(
        [("t1", 5, "Rose"), ("t2", 5, "Lily")],
        [("a", 3, "Ana"), ("b", 3, "Ben"), ("c", 3, "Cleo"), ("d", 1, "Dan")],
        [{"a": "a", "b": "d", "weight": 4}, {"a": "c", "b": "d", "hard": "apart"}],
    )
    res = solve(inst, time_limit_s=3)
    assert res.status == "infeasible"
    assert res.conflicts == [
        "Tables Rose and Lily have 10 seats for 10 guests, and a party cannot be split across tables."
    ]


# ---- time limit, stop, progress -------------------------------------------------------------


def big_instance(seed=1, n=400):
    rng = random.Random(seed)
    parties = [(f"p{i}", rng.choice([1, 2, 2, 3, 4, 5])) for i in range(n)]
    tables = [(f"t{i}", 10) for i in range(sum(s for _, s in parties) // 9 + 1)]  # 90% full
    rel = []
    for i in range(n):
        for j in rng.sample(range(i + 1, n + 1), min(10, n - i)):
            if j < n:
                rel.append({"a": f"p{i}", "b": f"p{j}", "weight": rng.randint(-4, 10)})
    return make(tables, parties, rel)


def test_time_limit_is_respected_and_progress_is_throttled():
    inst = big_instance()
    reports = []
    t0 = time.monotonic()
    res = solve(inst, time_limit_s=1.0, seed=0, progress=reports.append)
    elapsed = time.monotonic() - t0
    assert elapsed < 1.0 + 1.0
    assert res.elapsed_s <= elapsed
    assert res.status == "feasible" and violations(inst, res.assignment) == []
    assert 1 <= len(reports) <= 5 * elapsed + 3
    assert reports[-1].best == res.objective
    bests = [r.best for r in reports if r.best is not None]
    assert bests == sorted(bests)


def test_should_stop_returns_the_best_seating_promptly():
    inst = big_instance(seed=2)
    t0 = time.monotonic()
    res = solve(inst, time_limit_s=30, should_stop=lambda: time.monotonic() - t0 > 0.4)
    assert time.monotonic() - t0 < 0.4 + 0.5
    assert res.status == "feasible" and violations(inst, res.assignment) == []


def test_should_stop_during_cp_sat_on_a_small_instance():
    rng = random.Random(11)  # Wedding-Seating-Problem style: 50 parties of 1-8, ~90% of the seats used
    parties = [(f"p{i}", rng.randint(1, 8)) for i in range(50)]
    tables = [(f"t{i}", 10) for i in range(sum(s for _, s in parties) // 9 + 1)]
    rel = [
        {"a": f"p{i}", "b": f"p{j}", "weight": rng.choice([-5, -3, -1, 1, 2, 3, 5])}
        for i, j in itertools.combinations(range(50), 2)
        if rng.random() < 0.66
    ]
    inst = make(tables, parties, rel)
    t0 = time.monotonic()
    res = solve(inst, time_limit_s=30, should_stop=lambda: time.monotonic() - t0 > 1.5)
    assert time.monotonic() - t0 < 1.5 + 0.8  # CP-SAT stops within its next check (0.05 s)
    assert res.status in ("optimal", "feasible") and violations(inst, res.assignment) == []


# ---- repair -----------------------------------------------------------------------------------


def test_repair_moves_the_fewest_guests_then_maximizes_the_objective():
    rng = random.Random(5)
    cases = 0
    while cases < 8:
        inst = random_instance(rng, rng.randint(3, 6), rng.randint(2, 3), hard_rate=0.2)
        tids = [t.id for t in inst.tables]
        keep = {p.id: rng.choice(tids) for p in inst.parties if rng.random() < 0.8}
        best, best_repair = brute(inst, keep)
        if best is None:
            continue
        cases += 1
        res = solve(inst, time_limit_s=3, keep=keep)
        assert violations(inst, res.assignment) == []
        moved = sum(p.size for p in inst.parties if p.id in keep and keep[p.id] != res.assignment[p.id])
        assert res.moved_guests == moved
        assert res.moved_parties == sum(1 for p in keep if keep[p] != res.assignment[p])
        assert (-moved, res.objective) == best_repair


def test_repair_keeps_a_valid_seating_untouched():
    inst = big_instance(seed=4, n=120)
    first = solve(inst, time_limit_s=1.0)
    again = solve(inst, time_limit_s=1.0, keep=first.assignment)
    assert again.moved_guests == 0 and again.assignment == first.assignment


def test_repair_after_a_household_grows_moves_few_guests_on_a_big_plan():
    inst = big_instance(seed=6, n=300)
    plan = solve(inst, time_limit_s=1.0).assignment
    data = instance_to_dict(inst)
    load = {}
    for p in inst.parties:
        load[plan[p.id]] = load.get(plan[p.id], 0) + p.size
    full = next(pid for pid, tid in plan.items() if load[tid] >= 9)
    for p in data["parties"]:
        if p["id"] == full:
            p["size"] += 2  # RSVP: two more guests
    grown = parse_instance(data)
    assert violations(grown, plan)
    res = solve(grown, time_limit_s=1.5, keep=plan)
    assert violations(grown, res.assignment) == []
    assert 1 <= res.moved_parties <= 3 and res.moved_guests <= 8


# ---- command line -----------------------------------------------------------------------------


def test_cli_prints_exactly_the_spec_keys(tmp_path, capsys):
    path = tmp_path / "inst.json"
    path.write_text(json.dumps(instance_to_dict(random_instance(random.Random(2), 6, 3, hard_rate=0.0))))
    assert cli_main(["seating", "solve", str(path), "--time-limit", "2", "--seed", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == SPEC_KEYS
    assert out["status"] == "optimal" and out["objective"] == out["bound"] and out["conflicts"] == []


def test_cli_reports_infeasible_with_exit_zero(tmp_path, capsys):
    path = tmp_path / "inst.json"
    path.write_text(
        json.dumps(
            {"tables": [{"id": "t1", "capacity": 2}], "parties": [{"id": "a", "size": 2}, {"id": "b", "size": 1}]}
        )
    )
    assert cli_main(["seating", "solve", str(path), "--time-limit", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "infeasible" and out["objective"] is None
    assert out["conflicts"] == ["The parties need 3 seats but the tables have 2 in all."]


def test_cli_solves_the_specs_own_example_and_warns_about_its_unknown_party(tmp_path, capsys):
    example = {
        "name": "smith-jones",
        "tables": [{"id": "t1", "capacity": 10}, {"id": "t2", "capacity": 8}],
        "parties": [{"id": "p1", "size": 2}, {"id": "p2", "size": 1}, {"id": "p3", "size": 4}],
        "relations": [
            {"a": "p1", "b": "p2", "weight": 5},
            {"a": "p1", "b": "p3", "weight": -3},
            {"a": "p2", "b": "p3", "hard": "apart"},
            {"a": "p1", "b": "p4", "hard": "together"},
        ],
        "fixed": {"p1": "t1"},
    }
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example))
    assert cli_main(["seating", "solve", str(path), "--time-limit", "2"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["status"] == "optimal" and out["objective"] == 5
    assert out["assignment"] == {"p1": "t1", "p2": "t1", "p3": "t2"}
    assert "unknown party 'p4': ignored" in captured.err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [("{not json", "not valid JSON"), ('{"tables": 3, "parties": []}', "'tables' must be a list")],
)
def test_cli_bad_file_exits_2_with_a_message(tmp_path, capsys, content, fragment):
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert cli_main(["seating", "solve", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and fragment in captured.err
    assert cli_main(["seating", "solve", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("n", [12, 110])
def test_cp_sat_finds_a_seating_when_the_greedy_construction_fails(monkeypatch, n):
    from services.seating import solver as solver_module

    monkeypatch.setattr(solver_module, "first_fit", lambda c, rng: None)
    rng = random.Random(n)
    sizes = []
    while len(sizes) < n:  # tables filled exactly: 100% of the seats used
        left = 10
        while left:
            sizes.append(rng.randint(1, min(6, left)))
            left -= sizes[-1]
    tables = [(f"t{k}", 10) for k in range(sum(sizes) // 10)]
    parties = [(f"p{i}", s) for i, s in enumerate(sizes)]
    rel = [
        {"a": f"p{i}", "b": f"p{j}", "weight": rng.randint(-3, 6)}
        for i, j in itertools.combinations(range(len(sizes)), 2)
        if rng.random() < 8 / len(sizes)
    ]
    inst = make(tables, parties, rel)
    t0 = time.monotonic()
    res = solve(inst, time_limit_s=5)
    assert time.monotonic() - t0 < 5 + 1.0
    assert res.status in ("optimal", "feasible")
    assert violations(inst, res.assignment) == []
    assert res.objective == objective(inst, res.assignment)
