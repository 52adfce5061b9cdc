"""Seating plans as a planner uses them: tables, drops, households, undo/redo, rules, counts, export/import."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from models.audit import AuditEvent
from models.guests import EventMealOption, Guest, GuestEventInvitation
from models.seating import SeatAssignment, SeatingAction
from models.weddings import Wedding, WeddingEvent
from services import i18n
from services.db import transaction
from services.errors import Conflict, Forbidden, NotFound, TamperedInput, ValidationError
from services.seating import parse_instance
from services.seating import plans as sp
from services.seating.demo import add_households
from tests.helpers import count, invite_member, new_wedding


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def msg(exc: pytest.ExceptionInfo, key: str = "") -> str:
    return i18n.render("en", exc.value.field_errors[key])


class Party:
    """Camille's reception with four households (Dubois 3, Martin 2, Lopez 4, Chen 1), Nina Lopez declined."""

    def __init__(self, account):
        self.account = account
        self.p = account.principal
        self.wid = new_wedding(self.p)
        with transaction() as s:
            w = s.get(Wedding, self.wid)
            ev = WeddingEvent(tenant_id=w.tenant_id, wedding_id=w.id, name="Reception", kind="reception")
            s.add(ev)
            s.flush()
            hh = add_households(
                s,
                w,
                ev,
                [
                    ("Dubois household", ["Anne", "Paul", "Zoé"], "attending"),
                    ("Martin household", ["Léa", "Hugo"], "pending"),
                    ("Lopez household", ["Ana", "Luis", "Tom", "Eva"], "attending"),
                    ("Chen household", ["Mei"], "attending"),
                ],
            )
            nina = Guest(
                tenant_id=w.tenant_id,
                wedding_id=w.id,
                household_id=hh["Lopez household"].id,
                first_name="Nina",
                last_name="Lopez",
            )
            s.add(nina)
            s.flush()
            s.add(
                GuestEventInvitation(
                    tenant_id=w.tenant_id, wedding_id=w.id, guest_id=nina.id, event_id=ev.id, rsvp_status="declined"
                )
            )
            fish = EventMealOption(tenant_id=w.tenant_id, wedding_id=w.id, event_id=ev.id, name="Fish")
            beef = EventMealOption(tenant_id=w.tenant_id, wedding_id=w.id, event_id=ev.id, name="Beef")
            s.add_all([fish, beef])
            s.flush()
            self.meals = {"Fish": fish.id, "Beef": beef.id}
            self.event_id = ev.id
            self.hh = {k.split()[0]: str(v.id) for k, v in hh.items()}
            self.g = {g.first_name: str(g.id) for g in s.exec(select(Guest).where(Guest.wedding_id == w.id)).all()}
        self.plan = run(sp.open_plan, self.p, self.wid, self.event_id)

    def call(self, fn, *args, principal=None, **kwargs):
        return run(fn, principal or self.p, self.wid, self.plan, *args, **kwargs)

    def table(self, label: str, capacity: int = 10, **extra) -> str:
        return self.call(sp.add_table, {"label": label, "capacity": str(capacity), **extra})

    def view(self, lang: str = "en") -> dict:
        return self.call(sp.plan_view, lang)

    def seating(self) -> dict[str, str]:
        v = self.view()
        return {g["name"].split()[0]: t["label"] for t in v["tables"] for g in t["guests"]}


@pytest.fixture
def party(camille):
    return Party(camille)


def test_a_plan_per_event_listed_with_counts_and_opening_twice_gives_the_same_plan(party):
    assert run(sp.open_plan, party.p, party.wid, party.event_id) == party.plan
    t1 = party.table("Table 1")
    party.call(sp.assign, [party.g["Mei"]], t1)
    rows = run(sp.plan_list, party.p, party.wid)
    assert rows == [
        {
            "event_id": str(party.event_id),
            "event_name": "Reception",
            "plan_id": party.plan,
            "tables": 1,
            "seated": 1,
            "guests": 10,
        }
    ]


def test_tables_snap_to_the_grid_and_are_validated(party):
    tid = party.table("Table 1", 8, x="613", y=1234.4, shape="rect", rotation=370)
    t = party.view()["tables"][0]
    assert (t["id"], t["x"], t["y"], t["shape"], t["capacity"], t["rotation"]) == (tid, 600, 1250, "rect", 8, 10)
    assert t["width"] % 50 == 0 and t["free"] == 8
    with pytest.raises(ValidationError) as e:
        party.table("Big", 31)
    assert msg(e, "capacity") == "A table seats between 1 and 30 guests."
    with pytest.raises(ValidationError) as e:
        party.call(sp.add_table, {"x": "left"})
    assert msg(e, "x") == "Enter a number."
    with pytest.raises(TamperedInput):
        party.call(sp.add_table, {"shape": "triangle"})
    with pytest.raises(TamperedInput):
        party.call(sp.add_table, {"owner": "me"})
    # An unnamed table is numbered after the others.
    party.call(sp.add_table, {})
    assert [t["label"] for t in party.view()["tables"]] == ["Table 1", "Table 2"]


def test_dropping_a_household_seats_its_guests_and_a_full_table_refuses_with_the_reason(party):
    t1 = party.table("Table 4", 5)
    dubois = [party.g[n] for n in ("Anne", "Paul", "Zoé")]
    out = party.call(sp.assign, dubois, t1)
    assert out == {"moved": 3, "message": "3 guests are now at Table 4.", "version": party.call(sp.plan_version)}
    lopez = [party.g[n] for n in ("Ana", "Luis", "Tom")]
    with pytest.raises(ValidationError) as e:
        party.call(sp.assign, lopez, t1)
    assert msg(e) == "Table 4 has 2 free seats; these 3 guests need 3."
    party.call(sp.assign, [party.g["Mei"], party.g["Léa"]], t1)
    with pytest.raises(ValidationError) as e:
        party.call(sp.assign, [party.g["Hugo"]], t1)
    assert msg(e) == "Table 4 is full."
    t = party.view()["tables"][0]
    assert [g["seat"] for g in t["guests"]] == [0, 1, 2, 3, 4] and t["free"] == 0
    # A declined guest is not on the plan and cannot be seated.
    with pytest.raises(ValidationError) as e:
        party.call(sp.assign, [party.g["Nina"]], party.table("Table 5"))
    assert "is not coming to this event" in msg(e)


def test_moving_between_tables_frees_the_seat_and_takes_the_requested_one(party):
    t1, t2 = party.table("Table 1", 2), party.table("Table 2", 4)
    party.call(sp.assign, [party.g["Mei"], party.g["Ana"]], t1)
    party.call(sp.assign, [party.g["Mei"]], t2, seat=3)
    v = party.view()
    assert [(g["name"], g["seat"]) for g in v["tables"][1]["guests"]] == [("Mei Chen", 3)]
    assert v["tables"][0]["free"] == 1
    party.call(sp.assign, [party.g["Mei"]], t2, seat=1)  # a new seat at the same table
    assert party.view()["tables"][1]["guests"][0]["seat"] == 1
    party.call(sp.unassign, [party.g["Mei"]])
    v = party.view()
    assert "Mei Chen" in [u["name"] for u in v["unassigned"]]
    assert v["totals"] == {"guests": 10, "seated": 1, "unassigned": 9, "tables": 2, "seats": 6}


def test_locked_guests_stay_and_capacity_cannot_drop_below_the_seated(party):
    t1, t2 = party.table("Table 1", 4), party.table("Table 2", 4)
    party.call(sp.assign, [party.g["Mei"], party.g["Ana"], party.g["Luis"]], t1)
    party.call(sp.set_locked, party.g["Mei"], True)
    with pytest.raises(ValidationError) as e:
        party.call(sp.assign, [party.g["Mei"]], t2)
    assert msg(e) == "Mei Chen is locked to Table 1. Unlock them first."
    with pytest.raises(ValidationError) as e:
        party.call(sp.set_locked, party.g["Eva"], True)
    assert msg(e) == "Seat Eva Lopez at a table before locking them."
    with pytest.raises(ValidationError) as e:
        party.call(sp.update_table, t1, {"capacity": "2"})
    assert msg(e, "capacity").startswith("3 guests sit at Table 1")
    party.call(sp.unassign, [party.g["Ana"]])  # seats 0 (Mei) and 2 (Luis) stay taken
    party.call(sp.update_table, t1, {"capacity": "2"})
    t = party.view()["tables"][0]
    assert sorted(g["seat"] for g in t["guests"]) == [0, 1] and t["capacity"] == 2


def test_stale_table_versions_conflict_and_moves_bump_the_plan_version(party):
    t1 = party.table("Table 1")
    v0 = party.call(sp.plan_version)
    table = party.view()["tables"][0]
    party.call(sp.update_table, t1, {"x": 1000, "y": 500}, expected_version=table["version"])
    assert party.call(sp.plan_version) == v0 + 1
    with pytest.raises(Conflict):
        party.call(sp.update_table, t1, {"x": 1100}, expected_version=table["version"])
    eid = party.call(sp.add_element, {"kind": "dance_floor"})
    element = party.view()["elements"][0]
    assert (element["label"], element["width"]) == ("Dance floor", 500)
    party.call(sp.update_element, eid, {"x": 10, "label": "Floor"}, expected_version=element["version"])
    with pytest.raises(Conflict):
        party.call(sp.update_element, eid, {"x": 20}, expected_version=element["version"])
    party.call(sp.delete_element, eid)
    assert party.view()["elements"] == []


def test_each_change_returns_the_plans_new_version_so_a_tab_knows_nobody_else_changed_it(party):
    t1, t2 = party.table("Table 1", 4), party.table("Table 2", 4)
    v0 = party.call(sp.plan_version)
    result = party.call(sp.assign, [party.g["Anne"], party.g["Paul"]], t1)
    assert result["version"] == v0 + 1 == party.call(sp.plan_version)
    table = next(t for t in party.view()["tables"] if t["id"] == t1)
    assert party.call(sp.update_table, t1, {"x": 1000}, expected_version=table["version"]) == v0 + 2
    run(sp.assign, party.p, party.wid, party.plan, [party.g["Mei"]], t2)  # someone else, in between
    assert party.call(sp.update_table, t1, {"y": 600}) == v0 + 4 == party.call(sp.plan_version)
    moved = next(t for t in party.view()["tables"] if t["id"] == t1)
    assert (moved["x"], moved["y"], moved["version"]) == (1000, 600, table["version"] + 2)
    assert sorted(g["seat"] for g in moved["guests"]) == [0, 1]  # a move leaves the guests where they sit
    eid = party.call(sp.add_element, {"kind": "bar"})
    v = party.call(sp.plan_version)
    assert party.call(sp.update_element, eid, {"x": 300, "label": "Wine"}) == v + 1
    assert party.call(sp.delete_element, eid) == v + 2
    assert party.call(sp.delete_table, t1) == v + 3
    assert {"Anne", "Paul"} <= {g["name"].split()[0] for g in party.view()["unassigned"]}
    assert party.call(sp.undo) == "Delete Table 1"  # the table comes back with its guests
    assert party.seating() == {"Anne": "Table 1", "Paul": "Table 1", "Mei": "Table 2"}
    assert party.call(sp.undo) == "Delete Bar" and party.view()["elements"][0]["label"] == "Wine"
    with transaction() as s:
        events = {a.action: a for a in s.exec(select(AuditEvent)).all()}
    assert events["seating.table_update"].before["y"] != 600 and events["seating.table_update"].after["y"] == 600
    assert events["seating.element_update"].after["label"] == "Wine"
    assert events["seating.table_delete"].before["guests"] == 2 and events["seating.table_delete"].after is None
    assert events["seating.element_delete"].before["label"] == "Wine"


def test_undo_and_redo_walk_back_and_forth_through_the_users_actions(party, monkeypatch):
    t1 = party.table("Table 1", 4)
    party.call(sp.assign, [party.g["Anne"], party.g["Paul"]], t1)
    party.call(sp.update_table, t1, {"label": "Family"})
    assert party.call(sp.undo) == "Change Family"
    assert party.view()["tables"][0]["label"] == "Table 1"
    assert party.call(sp.undo) == "Seat 2 guests at Table 1"
    assert party.seating() == {}
    assert party.call(sp.redo) == "Seat 2 guests at Table 1"
    assert party.seating() == {"Anne": "Table 1", "Paul": "Table 1"}
    # Deleting a table is undone with its guests back in their seats.
    party.call(sp.delete_table, t1)
    assert party.view()["tables"] == [] and party.view()["totals"]["unassigned"] == 10
    party.call(sp.undo)
    assert party.seating() == {"Anne": "Table 1", "Paul": "Table 1"}
    # A new action drops the redo stack.
    party.call(sp.undo)
    party.call(sp.assign, [party.g["Mei"]], t1)
    with pytest.raises(Conflict) as e:
        party.call(sp.redo)
    assert i18n.render("en", e.value.message) == "Nothing to redo."
    # Only the last 50 actions are kept (shown here with a limit of 6, the same code path).
    assert sp.MAX_ACTIONS == 50
    monkeypatch.setattr(sp, "MAX_ACTIONS", 6)
    for i in range(9):
        party.call(sp.update_table, t1, {"x": 100 + 50 * (i % 3)})
    assert count(SeatingAction) == 6
    for _ in range(6):
        party.call(sp.undo)
    with pytest.raises(Conflict) as e:
        party.call(sp.undo)
    assert i18n.render("en", e.value.message) == "Nothing to undo."


def test_undo_is_per_user_and_refuses_when_the_seat_was_taken_and_the_table_is_full(party, lea):
    partner = invite_member(party.account, party.wid, "partner", name="Lea Partner")
    t1 = party.table("Table 1", 1)
    party.call(sp.assign, [party.g["Mei"]], t1)
    party.call(sp.unassign, [party.g["Mei"]])
    party.call(sp.assign, [party.g["Ana"]], t1, principal=partner.principal)
    with pytest.raises(Conflict) as e:  # undoing the unseat would put Mei back in Ana's seat
        party.call(sp.undo)
    assert i18n.render("en", e.value.message) == "Table 1 is full."
    with pytest.raises(Conflict):
        party.call(sp.redo, principal=partner.principal)  # the partner's history is their own
    assert party.call(sp.undo, principal=partner.principal) == "Seat Ana Lopez at Table 1"
    # Undoing a new table once someone else seated guests at it would throw their work away.
    t2 = party.call(sp.add_table, {"label": "Table 2"}, principal=partner.principal)
    party.call(sp.assign, [party.g["Eva"]], t2)
    with pytest.raises(Conflict) as e:
        party.call(sp.undo, principal=partner.principal)
    assert i18n.render("en", e.value.message) == "This can no longer be undone: guests now sit at Table 2."


def test_rules_show_what_is_broken_as_red_links(party):
    t1, t2 = party.table("Table 1"), party.table("Table 2")
    feud = party.call(
        sp.add_rule, {"kind": "apart", "a": f"household:{party.hh['Dubois']}", "b": f"household:{party.hh['Martin']}"}
    )
    pals = party.call(sp.add_rule, {"kind": "together", "a": f"guest:{party.g['Mei']}", "b": f"guest:{party.g['Ana']}"})
    soft = party.call(
        sp.add_rule,
        {"kind": "prefer_apart", "a": f"guest:{party.g['Tom']}", "b": f"guest:{party.g['Eva']}", "weight": "30"},
    )
    with pytest.raises(ValidationError) as e:
        party.call(
            sp.add_rule,
            {"kind": "together", "a": f"household:{party.hh['Martin']}", "b": f"household:{party.hh['Dubois']}"},
        )
    assert msg(e) == "These two already have a rule: delete it first to change it."
    with pytest.raises(ValidationError) as e:
        party.call(
            sp.add_rule,
            {
                "kind": "prefer_together",
                "a": f"guest:{party.g['Tom']}",
                "b": f"guest:{party.g['Mei']}",
                "weight": "500",
            },
        )
    assert msg(e, "weight") == "Enter a weight between 1 and 100."
    with pytest.raises(ValidationError):
        party.call(sp.add_rule, {"kind": "apart", "a": f"guest:{party.g['Tom']}", "b": f"guest:{party.g['Tom']}"})
    party.call(sp.assign, [party.g["Anne"], party.g["Léa"]], t1)
    party.call(sp.assign, [party.g["Mei"]], t1)
    party.call(sp.assign, [party.g["Ana"]], t2)
    v = party.view()
    rules = {r["id"]: r for r in v["rules"]}
    assert rules[feud]["violated"] and rules[feud]["reason"] == (
        "Dubois household and Martin household should sit apart but both sit at Table 1."
    )
    assert rules[pals]["violated"] and rules[pals]["reason"] == (
        "Mei Chen and Ana Lopez should sit together but are at Table 1, Table 2."
    )
    assert not rules[soft]["violated"] and rules[soft]["weight"] == 30
    links = {(x["rule_id"], x["guest_a"], x["guest_b"]) for x in v["violations"]}
    assert (feud, party.g["Anne"], party.g["Léa"]) in links
    assert (pals, party.g["Mei"], party.g["Ana"]) in links
    # The Lopez household is split (Ana at Table 2, the others unseated: only seated members count).
    assert not [x for x in v["violations"] if x["rule_id"] == ""]
    party.call(sp.assign, [party.g["Luis"]], t1)
    split = [x for x in v["violations"] if x["rule_id"] == ""] or [
        x for x in party.view()["violations"] if x["rule_id"] == ""
    ]
    assert split[0]["message"] == "Lopez household is split between Table 1 and Table 2."
    party.call(sp.delete_rule, feud)
    assert feud not in {r["id"] for r in party.view()["rules"]}


def test_meal_and_dietary_counts_per_table_for_the_caterer(party):
    with transaction() as s:
        for name, meal in (("Anne", "Fish"), ("Paul", "Fish"), ("Zoé", "Beef")):
            inv = s.exec(
                select(GuestEventInvitation).where(GuestEventInvitation.guest_id == uuid.UUID(party.g[name]))
            ).one()
            inv.meal_option_id = party.meals[meal]
            s.add(inv)
        anne = s.get(Guest, uuid.UUID(party.g["Anne"]))
        anne.dietary = ["gluten_free", "nut_allergy"]
        s.add(anne)
        s.get(Guest, uuid.UUID(party.g["Mei"])).dietary = ["vegan"]
    t1 = party.table("Table 1")
    party.call(sp.assign, [party.g[n] for n in ("Anne", "Paul", "Zoé", "Mei")], t1)
    t = party.view()["tables"][0]
    assert t["meals"] == [
        {"name": "Fish", "count": 2},
        {"name": "Beef", "count": 1},
        {"name": "No meal chosen", "count": 1},
    ]
    assert {d["label"]: d["count"] for d in t["dietary"]} == {"Gluten-free": 1, "Nut allergy": 1, "Vegan": 1}
    fr = party.view("fr")["tables"][0]
    assert {d["label"] for d in fr["dietary"]} == {
        i18n.gettext("fr", "Vegan"),
        i18n.gettext("fr", "Gluten-free"),
        i18n.gettext("fr", "Nut allergy"),
    }


def test_export_parses_as_the_spec_and_importing_a_result_seats_everyone_it_names(party):
    t1, t2 = party.table("Table 1", 6), party.table("Table 2", 6)
    party.call(
        sp.add_rule, {"kind": "apart", "a": f"household:{party.hh['Dubois']}", "b": f"household:{party.hh['Lopez']}"}
    )
    party.call(sp.assign, [party.g["Mei"]], t2)
    party.call(sp.set_locked, party.g["Mei"], True)
    data = party.call(sp.export_instance)
    inst = parse_instance(data)
    assert {p.name: p.size for p in inst.parties} == {
        "Chen household": 1,
        "Dubois household": 3,
        "Lopez household": 4,
        "Martin household": 2,
    }
    assert {t.name: t.capacity for t in inst.tables} == {"Table 1": 6, "Table 2": 6}
    assert data["fixed"] == {party.hh["Chen"]: t2}
    assert data["relations"] == [{"a": party.hh["Dubois"], "b": party.hh["Lopez"], "hard": "apart"}]
    result = {
        "status": "feasible",
        "assignment": {party.hh["Dubois"]: t1, party.hh["Martin"]: t1, party.hh["Lopez"]: t2, party.hh["Chen"]: t2},
    }
    assert party.call(sp.import_assignment, result) == {"seated": 10, "unassigned": 0}
    assert party.seating() == {
        "Anne": "Table 1",
        "Paul": "Table 1",
        "Zoé": "Table 1",
        "Léa": "Table 1",
        "Hugo": "Table 1",
        "Ana": "Table 2",
        "Luis": "Table 2",
        "Tom": "Table 2",
        "Eva": "Table 2",
        "Mei": "Table 2",
    }
    mei = [g for t in party.view()["tables"] for g in t["guests"] if g["name"] == "Mei Chen"][0]
    assert mei["locked"]  # stayed at her table, so she stays locked
    # The export of the new seating imports back to the same seating (an instance's "fixed" seats and locks).
    again = party.call(sp.export_instance)
    again["fixed"] = {p: t for p, t in result["assignment"].items()}
    party.call(sp.unassign, list(party.g.values())[:0] or [party.g["Ana"]])
    party.call(sp.import_assignment, again)
    assert party.seating()["Ana"] == "Table 2"
    # One undo brings the whole import back.
    party.call(sp.undo)
    assert "Ana" not in party.seating()


def test_import_is_all_or_nothing(party, lea):
    t1 = party.table("Table 1", 3)
    before = party.seating()
    for bad, text in (
        (
            {"assignment": {party.hh["Dubois"]: t1, party.hh["Martin"]: t1}},
            "Table 1 would seat 5 guests but has 3 seats.",
        ),
        ({"assignment": {"p1": t1}}, "The file names p1, which is no guest or household of this plan."),
        ({"assignment": {party.hh["Chen"]: "t9"}}, "The file names t9, which is no table of this plan."),
        ({"nothing": 1}, "The file is not a seating instance or result."),
    ):
        with pytest.raises(ValidationError) as e:
            party.call(sp.import_assignment, bad)
        assert msg(e) == text
    assert party.seating() == before


def test_viewers_see_the_plan_but_cannot_change_it(party, rose):
    viewer = invite_member(party.account, party.wid, "viewer", name="Grandma Viewer")
    t1 = party.table("Table 1")
    v = run(sp.plan_view, viewer.principal, party.wid, party.plan, "en")
    assert v["can_edit"] is False and v["tables"][0]["id"] == t1
    assert party.view()["can_edit"] is True
    for fn, args in (
        (sp.assign, ([party.g["Mei"]], t1)),
        (sp.add_table, ({"label": "X"},)),
        (sp.update_table, (t1, {"x": 0})),
        (sp.delete_table, (t1,)),
        (sp.undo, ()),
        (sp.add_rule, ({"kind": "apart", "a": f"guest:{party.g['Mei']}", "b": f"guest:{party.g['Ana']}"},)),
        (sp.import_assignment, ({"assignment": {}},)),
    ):
        with pytest.raises(Forbidden):
            party.call(fn, *args, principal=viewer.principal)
    # A viewer does not create plans: the brunch has none yet.
    with transaction() as s:
        w = s.get(Wedding, party.wid)
        brunch = WeddingEvent(tenant_id=w.tenant_id, wedding_id=w.id, name="Brunch", kind="brunch")
        s.add(brunch)
        s.flush()
        brunch_id = brunch.id
    assert run(sp.open_plan, viewer.principal, party.wid, brunch_id) == ""
    # Rose, outside the wedding, finds nothing at all.
    with pytest.raises(NotFound):
        run(sp.plan_view, rose.principal, party.wid, party.plan, "en")


def test_presence_shows_the_others_for_ten_seconds(party):
    partner = invite_member(party.account, party.wid, "partner", name="Alex Partner")
    t1 = party.table("Table 1")
    party.call(sp.set_presence, t1, 120.5, 80)
    party.call(sp.set_presence, "", None, None, principal=partner.principal)
    mine = party.call(sp.presence)
    assert [(p["name"], p["selection"]) for p in mine] == [("Alex Partner", "")]
    theirs = party.call(sp.presence, principal=partner.principal)
    assert [(p["name"], p["selection"], p["x"], p["y"]) for p in theirs] == [("Camille Martin", t1, 120.5, 80.0)]
    assert theirs[0]["color"].startswith("#")
    assert party.call(sp.live_poll, principal=partner.principal) == (party.call(sp.plan_version), theirs)
    with pytest.raises(NotFound):
        party.call(sp.set_presence, "not-an-id", 0, 0)


def test_every_change_is_audited(party):
    t1 = party.table("Table 1")
    party.call(sp.assign, [party.g["Mei"]], t1)
    party.call(sp.undo)
    with transaction() as s:
        actions = [a.action for a in s.exec(select(AuditEvent).order_by(AuditEvent.created_at)).all()]
    assert {"seating.plan_create", "seating.table_add", "seating.assign", "seating.undo"} <= set(actions)


def test_the_printed_chart_and_escort_list(party):
    from io import BytesIO

    from pypdf import PdfReader

    t1, t2 = party.table("Table 1"), party.table("Table 2")
    party.call(sp.add_element, {"kind": "stage"})
    party.call(sp.assign, [party.g[n] for n in ("Zoé", "Anne")], t1)
    party.call(sp.assign, [party.g[n] for n in ("Mei", "Ana")], t2)
    chart = party.call(sp.chart_pdf, "en")
    escort = party.call(sp.escort_cards_pdf, "en")
    assert chart.startswith(b"%PDF") and escort.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(escort)).pages)
    order = [text.index(n) for n in ("Chen, Mei", "Dubois, Anne", "Dubois, Zoé", "Lopez, Ana")]
    assert order == sorted(order)
    chart_text = "".join(p.extract_text() for p in PdfReader(BytesIO(chart)).pages)
    assert "Zoé Dubois" in chart_text and "Table 2" in chart_text
    assert "For the caterer: the whole room" in chart_text and "4× No meal chosen" in chart_text
    assert count(SeatAssignment) == 4


def test_an_optimizer_run_proposes_moves_and_accepting_is_one_undoable_action(party):
    from services.seating import jobs

    t1 = party.table("Table 1", 7)
    party.table("Table 2", 7)
    party.call(
        sp.add_rule, {"kind": "apart", "a": f"household:{party.hh['Dubois']}", "b": f"household:{party.hh['Martin']}"}
    )
    party.call(
        sp.add_rule,
        {
            "kind": "prefer_together",
            "a": f"household:{party.hh['Chen']}",
            "b": f"household:{party.hh['Martin']}",
            "weight": "40",
        },
    )
    party.call(sp.assign, [party.g["Anne"], party.g["Paul"], party.g["Zoé"]], t1)
    party.call(sp.assign, [party.g["Léa"], party.g["Hugo"]], t1)  # breaks the feud rule
    rid = party.call(jobs.start_run, "repair", 2)
    with pytest.raises(Conflict):
        party.call(jobs.start_run, "optimize", 2)  # one run at a time
    jobs.execute_run(rid, party.p)
    st = run(jobs.run_status, party.p, party.wid, rid, "en")
    assert st["status"] == "done" and st["mode"] == "repair" and not st["stale"]
    moves = {m["guest"]: (m["from_table"], m["to_table"]) for m in st["moves"]}
    # Repair moves one household (2 guests, the Martins rather than the 3 Duboises) and seats the rest.
    assert st["moved_guests"] == 2
    assert {moves["Léa Martin"], moves["Hugo Martin"]} == {("Table 1", "Table 2")}
    assert moves["Mei Chen"] == ("", "Table 2")  # she prefers the Martins
    assert "Anne Dubois" not in moves
    out = run(jobs.accept_run, party.p, party.wid, rid)
    assert out["moved"] == len(st["moves"])
    seating = party.seating()
    assert seating["Léa"] == seating["Mei"] == "Table 2" and seating["Anne"] == "Table 1"
    assert not party.view()["violations"]
    assert run(jobs.run_status, party.p, party.wid, rid, "en")["status"] == "accepted"
    with pytest.raises(Conflict):
        run(jobs.accept_run, party.p, party.wid, rid)
    assert party.call(sp.undo) == "Apply the optimizer's proposal"
    assert party.seating()["Léa"] == "Table 1"


def test_a_stale_proposal_is_refused_and_a_discarded_run_stops(party):
    from services.seating import jobs

    t1, t2 = party.table("Table 1", 5), party.table("Table 2", 5)
    rid = party.call(jobs.start_run, "optimize", 1)
    jobs.execute_run(rid, party.p)
    st = run(jobs.run_status, party.p, party.wid, rid, "en")
    assert st["status"] == "done" and len(st["moves"]) == 10
    someone = st["moves"][0]["guest_id"]
    target = t1 if st["moves"][0]["to_table"] == "Table 2" else t2
    party.call(sp.assign, [someone], target)
    party.call(sp.set_locked, someone, True)
    assert run(jobs.run_status, party.p, party.wid, rid, "en")["stale"]
    with pytest.raises(Conflict) as e:
        run(jobs.accept_run, party.p, party.wid, rid)
    assert i18n.render("en", e.value.message) == "The plan changed while the optimizer ran. Run it again."
    run(jobs.discard_run, party.p, party.wid, rid)
    assert run(jobs.run_status, party.p, party.wid, rid, "en")["status"] == "discarded"
    # A run stopped before it starts working ends promptly as stopped.
    rid2 = party.call(jobs.start_run, "optimize", 30)
    run(jobs.stop_run, party.p, party.wid, rid2)
    jobs.execute_run(rid2, party.p)
    st2 = run(jobs.run_status, party.p, party.wid, rid2, "en")
    assert st2["status"] == "stopped" and st2["elapsed_s"] < 5


def test_the_demo_reception_has_a_seating_plan_in_a_furnished_room():
    from services import demo
    from services.auth import principal_from_token
    from tests.helpers import login

    demo.seed_demo()
    p = principal_from_token(login(demo.DEMO_EMAIL, demo.DEMO_PASSWORD))
    with transaction() as s:
        wedding = s.exec(select(Wedding).where(Wedding.partner_a == "Camille")).one()
    [row] = [r for r in run(sp.plan_list, p, wedding.id) if r["plan_id"]]
    v = run(sp.plan_view, p, wedding.id, row["plan_id"], "en")
    shapes = [t["shape"] for t in v["tables"]]
    assert (shapes.count("round"), shapes.count("banquet")) == (16, 2)
    assert {"round": 10, "banquet": 12} == {t["shape"]: t["capacity"] for t in v["tables"]}
    assert {"dance_floor", "stage", "bar", "exit"} <= {e["kind"] for e in v["elements"]}
    totals = v["totals"]
    assert 0 < totals["unassigned"] <= 12 and totals["seated"] > 0.85 * totals["guests"]
    kinds = {r["kind"] for r in v["rules"]}
    assert {"apart", "together"} <= kinds and not any(r["violated"] for r in v["rules"] if r["hard"])
    assert not v["violations"]  # households sit together
    for t in v["tables"]:  # inside the room, not on the dance floor
        assert 0 < t["x"] < v["width"] and 0 < t["y"] < v["height"]
    parse_instance(run(sp.export_instance, p, wedding.id, row["plan_id"]))


def test_export_without_households_kept_together_uses_single_guests_and_sums_preferences(party):
    t1, t2 = party.table("Table 1", 6), party.table("Table 2", 6)
    party.call(sp.update_plan, {"keep_households_together": False})
    party.call(
        sp.add_rule, {"kind": "together", "a": f"household:{party.hh['Martin']}", "b": f"guest:{party.g['Mei']}"}
    )
    party.call(
        sp.add_rule,
        {"kind": "prefer_apart", "a": f"guest:{party.g['Anne']}", "b": f"guest:{party.g['Paul']}", "weight": "7"},
    )
    party.call(sp.assign, [party.g["Ana"], party.g["Luis"]], t1)
    party.call(sp.update_table, t1, {"locked": "on"})
    data = party.call(sp.export_instance)
    inst = parse_instance(data)
    assert len(inst.parties) == 10 and all(p.size == 1 for p in inst.parties)
    rel = {frozenset((r["a"], r["b"])): r for r in data["relations"]}
    assert rel[frozenset((party.g["Léa"], party.g["Mei"]))]["hard"] == "together"
    assert rel[frozenset((party.g["Hugo"], party.g["Mei"]))]["hard"] == "together"
    assert rel[frozenset((party.g["Anne"], party.g["Paul"]))]["weight"] == -7
    # Guests at a locked table are fixed there; the split Lopez household is no violation in this mode.
    assert data["fixed"] == {party.g["Ana"]: t1, party.g["Luis"]: t1}
    party.call(sp.assign, [party.g["Tom"]], t2)
    assert not party.call(sp.plan_view, "en")["violations"]
    party.call(sp.update_plan, {"keep_households_together": "on"})
    v = party.view()
    assert v["keep_households_together"] and v["violations"][0]["rule_id"] == ""
    with pytest.raises(ValidationError) as e:
        party.call(sp.update_plan, {"grid": "0"})
    assert msg(e, "grid") == "Enter a number between 1 and 500."
