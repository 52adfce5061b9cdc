"""Plus-ones on the seating plan: they take the seat next to their guest, count in capacities, meals, the
optimizer's party sizes, the printed chart and escort list, and follow RSVP changes."""

from __future__ import annotations

import uuid
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import select

from models.guests import EventMealOption, Guest, GuestEventInvitation
from models.seating import SeatAssignment
from models.weddings import Wedding, WeddingEvent
from services import i18n
from services.db import transaction
from services.errors import ValidationError
from services.seating import jobs
from services.seating import plans as sp
from services.seating.demo import add_households
from tests.helpers import new_wedding


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


class Reception:
    """Anna Martin (+ unnamed plus-one, Fish), Ben Okafor (+ Sam Lee, Beef), the Dubois household of three
    (Paul brings Jo Park), and Mei Chen alone."""

    def __init__(self, account):
        self.p = account.principal
        self.wid = new_wedding(self.p)
        with transaction() as s:
            w = s.get(Wedding, self.wid)
            ev = WeddingEvent(tenant_id=w.tenant_id, wedding_id=w.id, name="Reception", kind="reception")
            s.add(ev)
            s.flush()
            fish = EventMealOption(tenant_id=w.tenant_id, wedding_id=w.id, event_id=ev.id, name="Fish")
            beef = EventMealOption(tenant_id=w.tenant_id, wedding_id=w.id, event_id=ev.id, name="Beef")
            s.add_all([fish, beef])
            s.flush()
            add_households(
                s,
                w,
                ev,
                [
                    ("Martin household", ["Anna"], "attending"),
                    ("Okafor household", ["Ben"], "attending"),
                    ("Dubois household", ["Anne", "Paul", "Zoé"], "attending"),
                    ("Chen household", ["Mei"], "attending"),
                ],
            )
            guests = {g.first_name: g for g in s.exec(select(Guest).where(Guest.wedding_id == w.id)).all()}
            for first, kind, name, meal in (("Anna", "unnamed", "", fish), ("Ben", "named", "Sam Lee", beef)):
                self._plus_one(s, guests[first], ev, kind, name, meal)
            self._plus_one(s, guests["Paul"], ev, "named", "Jo Park", None)
            self.event_id = ev.id
            self.g = {k: str(v.id) for k, v in guests.items()}
        self.plan = run(sp.open_plan, self.p, self.wid, self.event_id)

    @staticmethod
    def _plus_one(s, guest, event, kind, name, meal):
        guest.plus_one, guest.plus_one_name = kind, name
        s.add(guest)
        inv = s.exec(
            select(GuestEventInvitation).where(
                GuestEventInvitation.guest_id == guest.id, GuestEventInvitation.event_id == event.id
            )
        ).one()
        inv.plus_one_attending = True
        inv.plus_one_meal_option_id = meal.id if meal else None
        s.add(inv)

    def set_plus_one(self, first: str, attending: bool) -> None:
        with transaction() as s:
            inv = s.exec(
                select(GuestEventInvitation).where(GuestEventInvitation.guest_id == uuid.UUID(self.g[first]))
            ).one()
            inv.plus_one_attending = attending
            s.add(inv)

    def call(self, fn, *args, **kwargs):
        return run(fn, self.p, self.wid, self.plan, *args, **kwargs)

    def table(self, label: str, capacity: int = 10) -> str:
        return self.call(sp.add_table, {"label": label, "capacity": str(capacity)})

    def view(self) -> dict:
        return self.call(sp.plan_view, "en")

    def table_view(self, label: str) -> dict:
        return next(t for t in self.view()["tables"] if t["label"] == label)


@pytest.fixture
def rec(camille):
    return Reception(camille)


def seats(table: dict) -> list[tuple[int, str]]:
    return [(g["seat"], g["name"]) for g in table["guests"]]


def test_a_plus_one_takes_the_seat_next_to_their_guest_and_counts_in_seats_and_meals(rec):
    t1 = rec.table("Table 1", 4)
    out = rec.call(sp.assign, [rec.g["Anna"]], t1)
    assert out["moved"] == 1
    t = rec.table_view("Table 1")
    assert seats(t) == [(0, "Anna Martin"), (1, "Guest of Anna Martin")]
    assert (t["seated"], t["free"]) == (2, 2)
    plus = t["guests"][1]
    assert plus["companion"] and plus["id"] == rec.g["Anna"] and plus["initials"] == "+1"
    assert t["meals"] == [{"name": "Fish", "count": 1}, {"name": "No meal chosen", "count": 1}]
    rec.call(sp.assign, [rec.g["Ben"]], t1)
    t = rec.table_view("Table 1")
    assert seats(t)[2:] == [(2, "Ben Okafor"), (3, "Sam Lee")]
    assert {"name": "Beef", "count": 1} in t["meals"] and t["free"] == 0
    totals = rec.view()["totals"]
    assert (totals["guests"], totals["seated"], totals["unassigned"]) == (9, 4, 5)
    [row] = run(sp.plan_list, rec.p, rec.wid)
    assert (row["guests"], row["seated"]) == (9, 4)


def test_a_guest_with_a_plus_one_is_refused_at_a_table_with_one_free_seat(rec):
    t1 = rec.table("Table 1", 2)
    rec.call(sp.assign, [rec.g["Mei"]], t1)
    with pytest.raises(ValidationError) as e:
        rec.call(sp.assign, [rec.g["Anna"]], t1)
    assert i18n.render("en", e.value.field_errors[""]) == (
        "Table 1 has one free seat: Anna Martin and their plus-one need two."
    )
    t3 = rec.table("Table 3", 3)
    with pytest.raises(ValidationError) as e:  # the Duboises are three, and Paul brings Jo
        rec.call(sp.assign, [rec.g[n] for n in ("Anne", "Paul", "Zoé")], t3)
    assert i18n.render("en", e.value.field_errors[""]) == (
        "Table 3 has 3 free seats; these 3 guests and their plus-ones need 4."
    )
    assert rec.table_view("Table 1")["seated"] == 1  # nothing changed
    # Capacity cannot drop below the people seated (plus-ones included).
    t2 = rec.table("Table 2", 4)
    rec.call(sp.assign, [rec.g["Anna"]], t2)
    with pytest.raises(ValidationError):
        rec.call(sp.update_table, t2, {"capacity": "1"})
    rec.call(sp.update_table, t2, {"capacity": "2"})
    assert seats(rec.table_view("Table 2")) == [(0, "Anna Martin"), (1, "Guest of Anna Martin")]


def test_moving_unseating_and_undo_take_the_plus_one_along(rec):
    t1, t2 = rec.table("Table 1", 4), rec.table("Table 2", 4)
    rec.call(sp.assign, [rec.g["Mei"]], t2)
    rec.call(sp.assign, [rec.g["Ben"]], t1)
    rec.call(sp.assign, [rec.g["Ben"]], t2, 2)  # dropped on seat 3 of Table 2
    assert seats(rec.table_view("Table 2")) == [(0, "Mei Chen"), (2, "Ben Okafor"), (3, "Sam Lee")]
    assert rec.table_view("Table 1")["seated"] == 0
    rec.call(sp.undo)
    assert seats(rec.table_view("Table 1")) == [(0, "Ben Okafor"), (1, "Sam Lee")]
    assert rec.table_view("Table 2")["seated"] == 1
    rec.call(sp.unassign, [rec.g["Ben"]])
    with transaction() as s:
        assert s.exec(select(SeatAssignment).where(SeatAssignment.guest_id == uuid.UUID(rec.g["Ben"]))).all() == []
    rec.call(sp.undo)
    assert seats(rec.table_view("Table 1")) == [(0, "Ben Okafor"), (1, "Sam Lee")]


def test_rsvp_changes_after_seating_show_until_the_plan_is_put_right(rec):
    t1 = rec.table("Table 1", 3)
    rec.call(sp.assign, [rec.g["Mei"]], t1)
    rec.call(sp.assign, [rec.g["Anna"]], t1)  # Anna + plus-one: the table is full
    # Anna's plus-one cancels: their seat shows as no longer coming, and the next change frees it.
    rec.set_plus_one("Anna", False)
    t = rec.table_view("Table 1")
    assert [g["rsvp"] for g in t["guests"] if g["companion"]] == ["declined"]
    assert {"name": "Fish", "count": 1} not in t["meals"]
    t2 = rec.table("Table 2", 2)
    rec.call(sp.assign, [rec.g["Mei"]], t2)
    assert seats(rec.table_view("Table 1")) == [(1, "Anna Martin")]
    # Ben says his plus-one comes after all, but his table has no seat left: the plan says so.
    rec.set_plus_one("Ben", False)
    rec.call(sp.assign, [rec.g["Ben"]], t2)
    assert rec.table_view("Table 2")["free"] == 0
    rec.set_plus_one("Ben", True)
    v = rec.view()
    assert "Ben Okafor's plus-one has no seat yet at Table 2. Move them or run Repair." in [
        x["message"] for x in v["violations"]
    ]
    assert v["totals"]["unassigned"] == v["totals"]["guests"] - v["totals"]["seated"]
    # Repair moves as few people as it can: Mei goes to Table 1, Sam takes the seat she leaves (and the
    # Duboises, nobody seated them yet, get the new table).
    rec.table("Table 3", 4)
    rid = rec.call(jobs.start_run, "repair", 2)
    jobs.execute_run(rid, rec.p)
    st = run(jobs.run_status, rec.p, rec.wid, rid, "en")
    moves = {m["guest"]: (m["from_table"], m["to_table"]) for m in st["moves"]}
    assert st["status"] == "done", st
    assert moves == {
        "Mei Chen": ("Table 2", "Table 1"),
        "Sam Lee": ("", "Table 2"),
        **{name: ("", "Table 3") for name in ("Anne Dubois", "Paul Dubois", "Zoé Dubois", "Jo Park")},
    }
    assert st["moved_guests"] == 1
    run(jobs.accept_run, rec.p, rec.wid, rid)
    assert sorted(g["name"] for g in rec.table_view("Table 2")["guests"]) == ["Ben Okafor", "Sam Lee"]
    assert not rec.view()["violations"]


def test_the_optimizer_sees_a_guest_with_a_plus_one_as_a_party_of_two(rec):
    rec.table("Table 1", 5)
    rec.table("Table 2", 5)
    spec = rec.call(sp.export_instance)
    sizes = {p["name"]: p["size"] for p in spec["parties"]}
    assert sizes == {"Martin household": 2, "Okafor household": 2, "Dubois household": 4, "Chen household": 1}
    assert sorted(spec["parties"][0]) == ["id", "name", "size"]  # the spec's format, nothing more
    rid = rec.call(jobs.start_run, "optimize", 2)
    jobs.execute_run(rid, rec.p)
    st = run(jobs.run_status, rec.p, rec.wid, rid, "en")
    assert st["status"] == "done"
    run(jobs.accept_run, rec.p, rec.wid, rid)
    v = rec.view()
    # 9 people, 10 seats: everyone seated, every plus-one at their guest's table.
    for t in v["tables"]:
        assert t["seated"] <= t["capacity"]
        names = [g["name"] for g in t["guests"]]
        if "Anna Martin" in names:
            assert "Guest of Anna Martin" in names
        if "Paul Dubois" in names:
            assert "Jo Park" in names


def test_import_counts_plus_ones_against_capacity(rec):
    t1, t2 = rec.table("Table 1", 3), rec.table("Table 2", 5)
    hh = {p["name"]: p["id"] for p in rec.call(sp.export_instance)["parties"]}
    with pytest.raises(ValidationError) as e:
        rec.call(sp.import_assignment, {"assignment": {hh["Martin household"]: t1, hh["Okafor household"]: t1}})
    assert i18n.render("en", e.value.field_errors[""]) == "Table 1 would seat 4 guests but has 3 seats."
    out = rec.call(
        sp.import_assignment,
        {"assignment": {hh["Martin household"]: t1, hh["Chen household"]: t1, hh["Dubois household"]: t2}},
    )
    assert out == {"seated": 7, "unassigned": 2}  # people: Ben and Sam have no seat
    assert [g["name"] for g in rec.table_view("Table 1")["guests"]] == [
        "Anna Martin",
        "Guest of Anna Martin",
        "Mei Chen",
    ]
    assert "Jo Park" in [g["name"] for g in rec.table_view("Table 2")["guests"]]


def test_the_chart_and_the_escort_list_name_the_plus_ones(rec):
    t1 = rec.table("Table 1", 6)
    rec.call(sp.assign, [rec.g["Anna"]], t1)
    rec.call(sp.assign, [rec.g["Ben"]], t1)
    escort = rec.call(sp.escort_cards_pdf, "en")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(escort)).pages)
    assert "Lee, Sam" in text and "Martin, Anna (+1)" in text and "Okafor, Ben" in text
    chart = rec.call(sp.chart_pdf, "en")
    chart_text = "".join(p.extract_text() for p in PdfReader(BytesIO(chart)).pages)
    assert "2. Guest of Anna Martin" in chart_text and "4. Sam Lee (guest of Ben Okafor)" in chart_text
    assert "1× Beef" in chart_text and "2× Fish" not in chart_text


def test_when_repair_moves_a_guest_their_plus_one_follows_and_counts_as_moved(rec):
    t1 = rec.table("Table 1", 6)
    rec.table("Table 2", 2)
    t3 = rec.table("Table 3", 3)
    rec.call(sp.assign, [rec.g["Ben"]], t3)
    rec.call(sp.assign, [rec.g["Mei"]], t3)
    rec.call(sp.assign, [rec.g[n] for n in ("Anne", "Paul", "Zoé")], t1)
    rec.call(sp.assign, [rec.g["Anna"]], t1)
    hh = {p["name"]: p["id"] for p in rec.call(sp.export_instance)["parties"]}
    rec.call(
        sp.add_rule,
        {"kind": "apart", "a": f"household:{hh['Martin household']}", "b": f"household:{hh['Dubois household']}"},
    )
    assert rec.table_view("Table 1")["seated"] == 6
    rid = rec.call(jobs.start_run, "repair", 2)
    jobs.execute_run(rid, rec.p)
    st = run(jobs.run_status, rec.p, rec.wid, rid, "en")
    moves = {m["guest"]: (m["from_table"], m["to_table"]) for m in st["moves"] if m["from_table"]}
    # Anna and her plus-one (2 people) move rather than the Duboises (4).
    assert moves == {"Anna Martin": ("Table 1", "Table 2"), "Guest of Anna Martin": ("Table 1", "Table 2")}
    assert st["moved_guests"] == 2
    out = run(jobs.accept_run, rec.p, rec.wid, rid)
    assert out["moved"] == len(st["moves"])
    assert seats(rec.table_view("Table 2")) == [(0, "Anna Martin"), (1, "Guest of Anna Martin")]
    assert rec.table_view("Table 1")["seated"] == 4
