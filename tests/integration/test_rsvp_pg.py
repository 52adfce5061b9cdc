"""Guests' RSVP on PostgreSQL: households answering at the same moment, and a token that tries to
reach another household."""

from __future__ import annotations

import threading
import uuid
from datetime import date, timedelta

import pytest
from sqlmodel import select

from models.guests import Guest, GuestEventInvitation
from models.rsvp import HouseholdResponse
from services import guest_events, guests, rsvp
from services.db import transaction
from services.errors import NotFound, TamperedInput, ValidationError
from tests.helpers import new_wedding, signup


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def wedding(pg):
    owner = signup("Rosa Rsvp")
    p = owner.principal
    wid = new_wedding(p)
    day = (date.today() + timedelta(days=120)).isoformat()
    event = run(
        guest_events.save_event,
        p,
        wid,
        None,
        {"name": "Reception", "kind": "reception", "date": day, "time": "19:00", "meals": "Beef\nFish"},
    )
    homes = {}
    for name in ("North", "South"):
        g1 = run(
            guests.save_guest,
            p,
            wid,
            None,
            {"first_name": f"{name}One", "household_name": name, f"invited_{event.id}": "on"},
        )
        with transaction() as s:
            hid = s.get(Guest, g1.id).household_id
        g2 = run(
            guests.save_guest,
            p,
            wid,
            None,
            {"first_name": f"{name}Two", "household_id": str(hid), f"invited_{event.id}": "on"},
        )
        token = run(rsvp.household_link, p, wid, hid).rsplit("/", 1)[1]
        homes[name] = {"hid": hid, "token": token, "guests": [str(g1.id), str(g2.id)]}
    view = run(rsvp.rsvp_view, homes["North"]["token"])
    meals = {m["name"]: m["id"] for m in view["members"][0]["invitations"][0]["meals"]}
    return {"p": p, "wid": wid, "event": str(event.id), "meals": meals, **homes}


def _form(w, home: str, answer: str = "yes", meal: str = "Beef", **extra) -> dict:
    data = {"song": f"{home} song", "message": ""}
    for gid in w[home]["guests"]:
        data[f"att__{gid}__{w['event']}"] = answer
        data[f"meal__{gid}__{w['event']}"] = w["meals"][meal] if answer == "yes" else ""
    data.update(extra)
    return data


def _statuses(w) -> dict[str, tuple[str, str]]:
    with transaction() as s:
        rows = s.exec(select(GuestEventInvitation).where(GuestEventInvitation.event_id == uuid.UUID(w["event"]))).all()
        return {str(r.guest_id): (r.rsvp_status, str(r.meal_option_id or "")) for r in rows}


def _together(*calls) -> list[BaseException | None]:
    """Run the calls in threads released at the same instant; returns each one's error (or None)."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException | None] = [None] * len(calls)

    def work(i, fn):
        barrier.wait()
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors[i] = exc

    threads = [threading.Thread(target=work, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return errors


def test_two_households_answer_at_the_same_moment(wedding):
    w = wedding
    errors = _together(
        lambda: run(rsvp.submit_rsvp, w["North"]["token"], _form(w, "North", "yes", "Beef"), ip="10.1.0.1"),
        lambda: run(rsvp.submit_rsvp, w["South"]["token"], _form(w, "South", "no"), ip="10.1.0.2"),
    )
    assert errors == [None, None]
    st = _statuses(w)
    assert all(st[g] == ("attending", w["meals"]["Beef"]) for g in w["North"]["guests"])
    assert all(st[g] == ("declined", "") for g in w["South"]["guests"])
    with transaction() as s:
        assert len(s.exec(select(HouseholdResponse)).all()) >= 2


def test_the_same_household_twice_at_once_keeps_one_consistent_answer(wedding):
    w = wedding
    errors = _together(
        lambda: run(rsvp.submit_rsvp, w["North"]["token"], _form(w, "North", "yes", "Beef"), ip="10.1.0.3"),
        lambda: run(rsvp.submit_rsvp, w["North"]["token"], _form(w, "North", "yes", "Fish"), ip="10.1.0.4"),
    )
    assert errors == [None, None]  # the household row lock serializes them
    meals = {_statuses(w)[g][1] for g in w["North"]["guests"]}
    assert len(meals) == 1  # both members from the same submission, never a mix
    with transaction() as s:
        rows = s.exec(select(HouseholdResponse).where(HouseholdResponse.household_id == w["North"]["hid"])).all()
    assert len(rows) == 1


def test_a_token_cannot_touch_another_household(wedding):
    w = wedding
    before = _statuses(w)
    south_guest = w["South"]["guests"][0]
    attacks = [
        _form(w, "North", **{f"att__{south_guest}__{w['event']}": "no"}),
        _form(w, "North", **{f"notes__{south_guest}": "hacked"}),
        _form(w, "North", **{f"diet__{south_guest}__vegan": "on"}),
        _form(w, "North", **{f"att__{w['North']['guests'][0]}__{uuid.uuid4()}": "no"}),
    ]
    for data in attacks:
        with pytest.raises(ValidationError):
            run(rsvp.submit_rsvp, w["North"]["token"], data)
    with pytest.raises(TamperedInput):
        run(rsvp.submit_rsvp, w["North"]["token"], _form(w, "North", **{"household_id": str(w["South"]["hid"])}))
    assert _statuses(w) == before
    with transaction() as s:
        assert s.get(Guest, uuid.UUID(south_guest)).dietary_notes == ""
    # a token only opens its own household, and a guessed one opens nothing
    assert run(rsvp.rsvp_view, w["North"]["token"])["household"] == "North"
    with pytest.raises(NotFound):
        run(rsvp.rsvp_view, w["North"]["token"][:-2] + "xx")
