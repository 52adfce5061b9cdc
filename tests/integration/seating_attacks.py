"""Tenant-isolation cases for seating plans and optimizer runs (merged into test_tenant_isolation.ATTACKS).

seed_seating(tenant) gives each tenant a reception plan with a table, a room element, two seated guests (one
locked), a rule, presence and a finished optimizer run. As tenant A's owner (and partner), B's plan, tables,
elements, rules and runs must be out of reach: NotFound through B's wedding, and NotFound when B's ids are
smuggled into A's wedding or A's plan ("via A's wedding").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlmodel import select

from models.guests import Guest
from models.seating import OptimizationRun, RoomElement, SeatingPlan, SeatingRule, SeatingTable
from models.weddings import WeddingEvent
from services.db import transaction
from services.seating import jobs, plans

MIXED = "via A's wedding"
SEATING_MODULES = (plans, jobs)
SEATING_TABLES = (
    "seatingplan",
    "seatingtable",
    "roomelement",
    "seatassignment",
    "seatingrule",
    "seatingaction",
    "seatingpresence",
    "optimizationrun",
)


def _s(fn):
    def run(*args, **kwargs):
        with transaction() as s:
            return fn(s, *args, **kwargs)

    return run


def seed_seating(tenant) -> None:
    """A furnished reception plan for a tenant built by test_tenant_isolation.build_tenant (its owner acts)."""
    p, wid = tenant.owner.principal, tenant.wedding_id
    with transaction() as s:
        event = s.exec(
            select(WeddingEvent).where(WeddingEvent.wedding_id == wid, WeddingEvent.kind == "reception")
        ).one()
        guests = s.exec(select(Guest).where(Guest.wedding_id == wid).order_by(Guest.first_name)).all()
        g0, g1, g2 = (str(g.id) for g in guests[:3])  # Guest0..2 attend the reception
    plan = _s(plans.open_plan)(p, wid, event.id)
    table = _s(plans.add_table)(p, wid, plan, {"label": "Table 1", "capacity": "8"})
    _s(plans.add_element)(p, wid, plan, {"kind": "bar"})
    _s(plans.assign)(p, wid, plan, [g0, g1], table)
    _s(plans.set_locked)(p, wid, plan, g0, True)
    _s(plans.add_rule)(p, wid, plan, {"kind": "prefer_apart", "a": f"guest:{g1}", "b": f"guest:{g2}", "weight": "5"})
    _s(plans.set_presence)(p, wid, plan, table, 10.0, 20.0)
    run_id = _s(jobs.start_run)(p, wid, plan, "optimize", 1)
    jobs.execute_run(run_id, p)


@dataclass(frozen=True)
class Ids:
    event: str
    plan: str
    table: str
    element: str
    rule: str
    run: str
    guest: str  # seated (and locked)
    household: str


@cache
def ids(wedding_id) -> Ids:
    with transaction() as s:
        plan = s.exec(select(SeatingPlan).where(SeatingPlan.wedding_id == wedding_id)).one()
        table = s.exec(select(SeatingTable).where(SeatingTable.plan_id == plan.id)).first()
        element = s.exec(select(RoomElement).where(RoomElement.plan_id == plan.id)).first()
        rule = s.exec(select(SeatingRule).where(SeatingRule.plan_id == plan.id)).first()
        run = s.exec(select(OptimizationRun).where(OptimizationRun.plan_id == plan.id)).first()
        guest = s.exec(select(Guest).where(Guest.wedding_id == wedding_id).order_by(Guest.first_name)).first()
        return Ids(
            str(plan.event_id),
            str(plan.id),
            str(table.id),
            str(element.id),
            str(rule.id),
            str(run.id),
            str(guest.id),
            str(guest.household_id),
        )


def _i(t) -> Ids:
    return ids(t.wedding_id)


def _both(name, fn):
    """Two attacks: B's object through B's wedding, and B's object through A's wedding and A's plan."""
    return [
        (f"{name}", lambda me, a, b: fn(me, b.wedding_id, _i(b).plan, b)),
        (f"{name} {MIXED}", lambda me, a, b: fn(me, a.wedding_id, _i(b).plan, b)),
    ]


def _in_a_plan(name, fn):
    """B's object id smuggled into A's own plan."""
    return (f"{name} in A's plan {MIXED}", lambda me, a, b: fn(me, a.wedding_id, _i(a).plan, b))


SEATING_ATTACKS = {
    "services.seating.plans.plan_list": [
        ("list B's plans", lambda me, a, b: _s(plans.plan_list)(me, b.wedding_id)),
    ],
    "services.seating.plans.open_plan": [
        ("open B's plan", lambda me, a, b: _s(plans.open_plan)(me, b.wedding_id, _i(b).event)),
        (f"open B's event {MIXED}", lambda me, a, b: _s(plans.open_plan)(me, a.wedding_id, _i(b).event)),
    ],
    "services.seating.plans.plan_version": _both("poll B's plan", lambda me, w, p, b: _s(plans.plan_version)(me, w, p)),
    "services.seating.plans.live_poll": _both("live-poll B's plan", lambda me, w, p, b: _s(plans.live_poll)(me, w, p)),
    "services.seating.plans.plan_view": _both("view B's plan", lambda me, w, p, b: _s(plans.plan_view)(me, w, p, "en")),
    "services.seating.plans.update_plan": _both(
        "resize B's room", lambda me, w, p, b: _s(plans.update_plan)(me, w, p, {"width": "3000"})
    ),
    "services.seating.plans.add_table": _both(
        "add a table to B", lambda me, w, p, b: _s(plans.add_table)(me, w, p, {"label": "Spy"})
    ),
    "services.seating.plans.update_table": [
        *_both("move B's table", lambda me, w, p, b: _s(plans.update_table)(me, w, p, _i(b).table, {"x": 0})),
        _in_a_plan("move B's table", lambda me, w, p, b: _s(plans.update_table)(me, w, p, _i(b).table, {"x": 0})),
    ],
    "services.seating.plans.delete_table": [
        *_both("delete B's table", lambda me, w, p, b: _s(plans.delete_table)(me, w, p, _i(b).table)),
        _in_a_plan("delete B's table", lambda me, w, p, b: _s(plans.delete_table)(me, w, p, _i(b).table)),
    ],
    "services.seating.plans.add_element": _both(
        "add to B's room", lambda me, w, p, b: _s(plans.add_element)(me, w, p, {"kind": "pillar"})
    ),
    "services.seating.plans.update_element": [
        *_both("move B's bar", lambda me, w, p, b: _s(plans.update_element)(me, w, p, _i(b).element, {"x": 0})),
        _in_a_plan("move B's bar", lambda me, w, p, b: _s(plans.update_element)(me, w, p, _i(b).element, {"x": 0})),
    ],
    "services.seating.plans.delete_element": [
        *_both("delete B's bar", lambda me, w, p, b: _s(plans.delete_element)(me, w, p, _i(b).element)),
        _in_a_plan("delete B's bar", lambda me, w, p, b: _s(plans.delete_element)(me, w, p, _i(b).element)),
    ],
    "services.seating.plans.assign": [
        *_both("seat B's guest", lambda me, w, p, b: _s(plans.assign)(me, w, p, [_i(b).guest], _i(b).table)),
        _in_a_plan(
            "seat B's guest at A's table",
            lambda me, w, p, b: _s(plans.assign)(me, w, p, [_i(b).guest], ids(w).table),
        ),
        _in_a_plan(
            "seat A's guest at B's table",
            lambda me, w, p, b: _s(plans.assign)(me, w, p, [_guest_of(w)], _i(b).table),
        ),
    ],
    "services.seating.plans.unassign": [
        *_both("unseat B's guest", lambda me, w, p, b: _s(plans.unassign)(me, w, p, [_i(b).guest])),
        _in_a_plan("unseat B's guest", lambda me, w, p, b: _s(plans.unassign)(me, w, p, [_i(b).guest])),
    ],
    "services.seating.plans.set_locked": [
        *_both("unlock B's guest", lambda me, w, p, b: _s(plans.set_locked)(me, w, p, _i(b).guest, False)),
        _in_a_plan("unlock B's guest", lambda me, w, p, b: _s(plans.set_locked)(me, w, p, _i(b).guest, False)),
    ],
    "services.seating.plans.add_rule": [
        *_both(
            "add a rule to B",
            lambda me, w, p, b: _s(plans.add_rule)(
                me, w, p, {"kind": "apart", "a": f"guest:{_i(b).guest}", "b": f"household:{_i(b).household}"}
            ),
        ),
        _in_a_plan(
            "rule with B's household",
            lambda me, w, p, b: _s(plans.add_rule)(
                me, w, p, {"kind": "apart", "a": f"guest:{_guest_of(w)}", "b": f"household:{_i(b).household}"}
            ),
        ),
    ],
    "services.seating.plans.delete_rule": [
        *_both("delete B's rule", lambda me, w, p, b: _s(plans.delete_rule)(me, w, p, _i(b).rule)),
        _in_a_plan("delete B's rule", lambda me, w, p, b: _s(plans.delete_rule)(me, w, p, _i(b).rule)),
    ],
    "services.seating.plans.undo": _both("undo in B's plan", lambda me, w, p, b: _s(plans.undo)(me, w, p)),
    "services.seating.plans.redo": _both("redo in B's plan", lambda me, w, p, b: _s(plans.redo)(me, w, p)),
    "services.seating.plans.set_presence": _both(
        "show up in B's plan", lambda me, w, p, b: _s(plans.set_presence)(me, w, p, "", 1.0, 1.0)
    ),
    "services.seating.plans.presence": _both("watch B's plan", lambda me, w, p, b: _s(plans.presence)(me, w, p)),
    "services.seating.plans.export_instance": _both(
        "download B's plan", lambda me, w, p, b: _s(plans.export_instance)(me, w, p)
    ),
    "services.seating.plans.import_assignment": _both(
        "import into B's plan",
        lambda me, w, p, b: _s(plans.import_assignment)(me, w, p, {"assignment": {_i(b).household: _i(b).table}}),
    ),
    "services.seating.plans.chart_pdf": _both(
        "print B's chart", lambda me, w, p, b: _s(plans.chart_pdf)(me, w, p, "en")
    ),
    "services.seating.plans.escort_cards_pdf": _both(
        "print B's escort cards", lambda me, w, p, b: _s(plans.escort_cards_pdf)(me, w, p, "en")
    ),
    "services.seating.jobs.start_run": _both(
        "optimize B's plan", lambda me, w, p, b: _s(jobs.start_run)(me, w, p, "optimize", 1)
    ),
    "services.seating.jobs.latest_run": _both("find B's run", lambda me, w, p, b: _s(jobs.latest_run)(me, w, p)),
    "services.seating.jobs.execute_run": [
        ("execute B's run", lambda me, a, b: jobs.execute_run(_i(b).run, me)),
    ],
    "services.seating.jobs.stop_run": [
        ("stop B's run", lambda me, a, b: _s(jobs.stop_run)(me, b.wedding_id, _i(b).run)),
        (f"stop B's run {MIXED}", lambda me, a, b: _s(jobs.stop_run)(me, a.wedding_id, _i(b).run)),
    ],
    "services.seating.jobs.run_status": [
        ("watch B's run", lambda me, a, b: _s(jobs.run_status)(me, b.wedding_id, _i(b).run, "en")),
        (f"watch B's run {MIXED}", lambda me, a, b: _s(jobs.run_status)(me, a.wedding_id, _i(b).run, "en")),
    ],
    "services.seating.jobs.accept_run": [
        ("accept B's run", lambda me, a, b: _s(jobs.accept_run)(me, b.wedding_id, _i(b).run)),
        (f"accept B's run {MIXED}", lambda me, a, b: _s(jobs.accept_run)(me, a.wedding_id, _i(b).run)),
    ],
    "services.seating.jobs.discard_run": [
        ("discard B's run", lambda me, a, b: _s(jobs.discard_run)(me, b.wedding_id, _i(b).run)),
        (f"discard B's run {MIXED}", lambda me, a, b: _s(jobs.discard_run)(me, a.wedding_id, _i(b).run)),
    ],
}


def _guest_of(wedding_id) -> str:
    """An attending guest of A's wedding who is not seated yet (Guest2)."""
    with transaction() as s:
        return str(s.exec(select(Guest).where(Guest.wedding_id == wedding_id).order_by(Guest.first_name)).all()[2].id)
