"""Check-in on the day: finding a household by QR code or name, the check-in rules, arrival counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from models.audit import AuditEvent
from models.checkin import GuestCheckIn
from services import checkin, guest_events, guests, i18n
from services.db import transaction
from services.errors import Forbidden, NotFound, TamperedInput, ValidationError
from tests.helpers import count, invite_member, new_wedding


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def message(exc: ValidationError, key: str = "") -> str:
    return i18n.render("en", exc.field_errors[key])


@pytest.fixture
def party(camille):
    """Camille's wedding: a reception; the Lopez household (Ana attending +1, Luis pending, Nina declined, Tom not invited)."""
    p = camille.principal
    wid = new_wedding(p)
    day = (date.today() + timedelta(days=200)).isoformat()
    reception = run(
        guest_events.save_event, p, wid, None, {"name": "Reception", "kind": "reception", "date": day, "time": "18:00"}
    )
    ev = reception.id

    home = {"household_name": "Lopez family"}

    def add(first, status=None, **extra):
        data = {"first_name": first, "last_name": "Lopez", **home, **extra}
        if status:
            data.update({f"invited_{ev}": "on", f"rsvp_{ev}": status})
        return run(guests.save_guest, p, wid, None, data)

    ana = add("Ana", "attending", plus_one="named", plus_one_name="Marc", diet_vegan="on", **{f"plusone_at_{ev}": "on"})
    home = {"household_id": str(ana.household_id)}
    luis = add("Luis", "pending", dietary_notes="No coriander")
    nina = add("Nina", "declined")
    tom = add("Tom")
    return p, wid, ev, ana.household_id, {"ana": ana.id, "luis": luis.id, "nina": nina.id, "tom": tom.id}


def test_the_household_card_shows_who_is_expected_with_diet_and_no_table_yet(party):
    p, wid, ev, hh, g = party
    card = run(checkin.household_card, p, wid, hh, ev)
    assert card.name == "Lopez family" and card.event_name == "Reception"
    assert [(m.first_name, m.status, m.expected) for m in card.members] == [
        ("Ana", "attending", True),
        ("Luis", "pending", True),
        ("Nina", "declined", False),
        ("Tom", "not_invited", False),
    ]
    ana = card.members[0]
    assert (ana.plus_one, ana.plus_one_name, ana.dietary, ana.table) == (True, "Marc", ["vegan"], "")
    assert card.members[1].dietary_notes == "No coriander"
    a = run(checkin.arrivals, p, wid, ev)
    assert (a.arrived, a.expected, a.on_now) == (0, 3, False)  # Ana, her plus-one, Luis; the day is far
    with transaction() as s:
        starts = s.get(guest_events.WeddingEvent, ev).starts_at
    on_the_day = run(checkin.arrivals, p, wid, now=starts - timedelta(hours=2))
    assert (on_the_day.event_name, on_the_day.on_now) == ("Reception", True)


def test_the_household_card_shows_the_table_of_each_guest_and_plus_one_on_that_events_plan(party):
    from services.seating import plans as sp

    p, wid, ev, hh, g = party
    plan = run(sp.open_plan, p, wid, ev)
    t5 = run(sp.add_table, p, wid, plan, {"label": "Table 5", "capacity": "8"})
    t2 = run(sp.add_table, p, wid, plan, {"label": "Table 2", "capacity": "8"})
    run(sp.assign, p, wid, plan, [str(g["ana"])], t5)
    run(sp.assign, p, wid, plan, [str(g["luis"])], t2)
    card = run(checkin.household_card, p, wid, hh, ev)
    tables = {m.first_name: (m.table, m.plus_one_table) for m in card.members}
    assert tables == {"Ana": ("Table 5", "Table 5"), "Luis": ("Table 2", ""), "Nina": ("", ""), "Tom": ("", "")}
    # Another event's card does not show the reception's tables.
    brunch = run(guest_events.save_event, p, wid, None, {"name": "Brunch", "kind": "other"})
    other = run(checkin.household_card, p, wid, hh, brunch.id)
    assert {m.table for m in other.members} == {""}


def test_checking_in_counts_arrivals_and_a_second_check_in_returns_the_first_record(party, lea):
    p, wid, ev, hh, g = party
    first = run(checkin.check_in, p, wid, ev, [g["ana"], g["luis"]], station="Door 1")
    assert first.created == ["Ana Lopez", "Luis Lopez"] and first.already == [] and first.warnings == []
    a = run(checkin.arrivals, p, wid, ev)
    assert (a.arrived, a.expected, a.checkins) == (3, 3, 2)

    again = run(checkin.check_in, p, wid, ev, [g["ana"]], station="Door 2")
    assert again.created == []
    [record] = again.already
    assert (record.guest_name, record.station, record.by_name) == ("Ana Lopez", "Door 1", "Camille Martin")
    with transaction() as s:
        rows = s.exec(select(GuestCheckIn).where(GuestCheckIn.guest_id == g["ana"])).all()
    assert [r.station for r in rows] == ["Door 1"]
    assert count(AuditEvent, AuditEvent.action == "guest.checkin") == 2
    card = run(checkin.household_card, p, wid, hh, ev)
    assert card.members[0].checkin.station == "Door 1"


def test_a_guest_not_invited_is_refused_and_a_declined_guest_is_checked_in_with_a_warning(party):
    p, wid, ev, hh, g = party
    with pytest.raises(ValidationError) as exc:
        run(checkin.check_in, p, wid, ev, [g["tom"]], station="Door 1")
    assert message(exc.value) == "Tom Lopez is not invited to Reception."
    assert count(GuestCheckIn) == 0
    out = run(checkin.check_in, p, wid, ev, [g["nina"]], station="Door 1")
    assert out.created == ["Nina Lopez"]
    assert [i18n.render("en", w) for w in out.warnings] == ["Nina Lopez had declined Reception: checked in anyway."]


def test_a_station_name_is_required(party):
    p, wid, ev, hh, g = party
    with pytest.raises(ValidationError) as exc:
        run(checkin.check_in, p, wid, ev, [g["ana"]], station="   ")
    assert message(exc.value, "station") == "Enter this station's name first, like Door 1."


def test_undo_needs_confirmation_and_removes_the_record(party):
    p, wid, ev, hh, g = party
    run(checkin.check_in, p, wid, ev, [g["ana"]], station="Door 1")
    with pytest.raises(ValidationError):
        run(checkin.undo_check_in, p, wid, ev, g["ana"], confirmed=False)
    assert run(checkin.undo_check_in, p, wid, ev, g["ana"], confirmed=True) == "Ana Lopez"
    assert count(GuestCheckIn) == 0
    assert run(checkin.arrivals, p, wid, ev).arrived == 0
    with pytest.raises(NotFound):
        run(checkin.undo_check_in, p, wid, ev, g["ana"], confirmed=True)


def test_a_scanned_rsvp_link_finds_the_household_of_this_wedding_only(party, lea):
    p, wid, ev, hh, g = party
    token = run(guests.issue_household_token, p, wid, hh)
    assert run(checkin.resolve_scan, p, wid, f"http://attitudes.test/rsvp/{token}") == str(hh)
    assert run(checkin.resolve_scan, p, wid, f"  https://other.host/rsvp/{token}/?utm=qr ") == str(hh)

    # Lea's wedding, with its own household and link: her code is refused at Camille's door.
    other = new_wedding(lea.principal)
    stranger = run(guests.save_guest, lea.principal, other, None, {"first_name": "Zoe", "household_name": "Zoe"})
    other_token = run(guests.issue_household_token, lea.principal, other, stranger.household_id)
    for text in (f"http://attitudes.test/rsvp/{other_token}", "http://attitudes.test/rsvp/" + "x" * 32, "hello"):
        with pytest.raises(ValidationError) as exc:
            run(checkin.resolve_scan, p, wid, text)
        assert "not a guest of this wedding" in message(exc.value)


def test_another_weddings_guest_or_event_is_not_found(party, lea):
    p, wid, ev, hh, g = party
    other = new_wedding(lea.principal)
    stranger = run(guests.save_guest, lea.principal, other, None, {"first_name": "Zoe"})
    with pytest.raises(NotFound):
        run(checkin.check_in, p, wid, ev, [stranger.id], station="Door 1")
    with pytest.raises(NotFound):  # Lea cannot check in Camille's guests
        run(checkin.check_in, lea.principal, wid, ev, [g["ana"]], station="Door 1")
    with pytest.raises(TamperedInput):
        run(checkin.check_in, p, wid, ev, "not a list", station="Door 1")


def test_a_viewer_sees_arrivals_but_cannot_check_in(party, camille, rose):
    p, wid, ev, hh, g = party
    invite_member(camille, wid, "viewer", rose)
    assert run(checkin.arrivals, rose.principal, wid, ev).expected == 3
    with pytest.raises(Forbidden):
        run(checkin.check_in, rose.principal, wid, ev, [g["ana"]], station="Door 1")


def test_name_search_tolerates_case_accents_and_typos(party, camille):
    p, wid, ev, hh, g = party
    run(guests.save_guest, p, wid, None, {"first_name": "Élodie", "last_name": "Bérard", "household_name": "Bérard"})
    assert [h.name for h in run(checkin.search_households, p, wid, ev, "elodie")] == ["Bérard"]
    assert [h.name for h in run(checkin.search_households, p, wid, ev, "lopz")] == ["Lopez family"]
    hit = run(checkin.search_households, p, wid, ev, "LUIS")[0]
    assert (hit.name, hit.expected, hit.arrived) == ("Lopez family", 2, 0)
    assert run(checkin.search_households, p, wid, ev, "q") == []


def test_the_change_marker_moves_on_an_answer_or_a_check_in(party):
    p, wid, ev, hh, g = party
    before = run(checkin.change_marker, p, wid)
    assert run(checkin.change_marker, p, wid) == before
    run(guests.set_rsvp, p, wid, g["luis"], ev, "attending")
    after_rsvp = run(checkin.change_marker, p, wid)
    assert after_rsvp != before
    run(checkin.check_in, p, wid, ev, [g["luis"]], station="Door 1")
    assert run(checkin.change_marker, p, wid) != after_rsvp


def test_the_live_watch_is_an_authenticated_background_task_and_stop_is_harmless():
    from state.base import GUARD_ATTR
    from state.live import REFRESH, LiveState

    watch, stop = LiveState.event_handlers["watch"], LiveState.event_handlers["stop"]
    assert watch.is_background and getattr(watch.fn, GUARD_ATTR) == ("authenticated", "")
    assert not stop.is_background and getattr(stop.fn, GUARD_ATTR)[0] == "public"
    assert set(REFRESH) == {"dashboard", "guests", "checkin"}
    for handlers in REFRESH.values():  # every reload event re-checks the session itself
        assert all(getattr(h.fn, GUARD_ATTR) == ("authenticated", "") for h in handlers)
