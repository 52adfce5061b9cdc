"""Guests' RSVP: private links, the answer rules, find-your-invitation, sending with a log, PDFs."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlmodel import select

from models.audit import AuditEvent
from models.guests import Guest, GuestEventInvitation, Household
from models.notifications import OutboxMessage
from models.rsvp import HouseholdResponse, InvitationSend
from services import guest_events, guests, rsvp
from services.db import transaction
from services.errors import NotFound, RateLimited, ValidationError
from tests.helpers import count, new_wedding


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def wedding(camille):
    """A ceremony (no meals) and a reception with Beef/Fish; two households invited to both."""
    wid = new_wedding(camille.principal)
    p = camille.principal
    day = (date.today() + timedelta(days=200)).isoformat()
    ceremony = run(
        guest_events.save_event, p, wid, None, {"name": "Ceremony", "kind": "ceremony", "date": day, "time": "15:00"}
    )
    reception = run(
        guest_events.save_event,
        p,
        wid,
        None,
        {"name": "Reception", "kind": "reception", "date": day, "time": "18:30", "meals": "Beef\nFish"},
    )
    inv = {f"invited_{ceremony.id}": "on", f"invited_{reception.id}": "on"}
    christopher = run(
        guests.save_guest,
        p,
        wid,
        None,
        {
            "first_name": "Christopher",
            "last_name": "Dupont",
            "email": "chris@example.com",
            "language": "es",
            "household_name": "The Duponts",
            "plus_one": "unnamed",
            **inv,
        },
    )
    with transaction() as s:
        hid = s.get(Guest, christopher.id).household_id
    chloe = run(
        guests.save_guest,
        p,
        wid,
        None,
        {"first_name": "Chloé", "last_name": "Dupont", "household_id": str(hid), **inv},
    )
    other = run(
        guests.save_guest,
        p,
        wid,
        None,
        {
            "first_name": "Marie",
            "last_name": "Bernard",
            "email": "marie@example.com",
            "household_name": "Bernard",
            **inv,
        },
    )
    with transaction() as s:
        other_hid = s.get(Guest, other.id).household_id
    return {
        "wid": wid,
        "ceremony": str(ceremony.id),
        "reception": str(reception.id),
        "hid": hid,
        "other_hid": other_hid,
        "chris": str(christopher.id),
        "chloe": str(chloe.id),
        "marie": str(other.id),
    }


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def meal_id(w, name: str) -> str:
    view = run(rsvp.rsvp_view, w["token"])
    inv = next(i for i in view["members"][0]["invitations"] if i["event"] == "Reception")
    return next(m["id"] for m in inv["meals"] if m["name"] == name)


@pytest.fixture
def linked(camille, wedding):
    wedding["token"] = token_of(run(rsvp.household_link, camille.principal, wedding["wid"], wedding["hid"]))
    return wedding


def answers(w, **over):
    beef = meal_id(w, "Beef")
    data = {
        f"att__{w['chris']}__{w['ceremony']}": "yes",
        f"att__{w['chris']}__{w['reception']}": "yes",
        f"meal__{w['chris']}__{w['reception']}": beef,
        f"plus__{w['chris']}__{w['reception']}": "on",
        f"plusname__{w['chris']}": "Sam",
        f"att__{w['chloe']}__{w['ceremony']}": "yes",
        f"att__{w['chloe']}__{w['reception']}": "no",
        f"diet__{w['chloe']}__vegan": "on",
        "song": "September",
        "message": "¡Felicidades!",
    }
    data.update(over)
    return data


def statuses(w) -> dict[tuple[str, str], str]:
    with transaction() as s:
        rows = s.exec(select(GuestEventInvitation)).all()
        return {(str(r.guest_id), str(r.event_id)): r.rsvp_status for r in rows}


# ---- tokens ----------------------------------------------------------------------------------------


def test_link_token_is_long_hashed_stable_regenerable_and_revocable(camille, wedding):
    p, wid, hid = camille.principal, wedding["wid"], wedding["hid"]
    url = run(rsvp.household_link, p, wid, hid)
    token = token_of(url)
    assert url.startswith("http://attitudes.test/rsvp/") and len(token) >= 32  # 192 bits
    with transaction() as s:
        stored = s.get(Household, hid).invite_token_hash
    assert stored == guests.hash_token(token) and token not in stored
    assert run(rsvp.household_link, p, wid, hid) == url  # copying again gives the same link
    assert run(rsvp.rsvp_view, token)["household"] == "The Duponts"
    new = token_of(run(rsvp.household_link, p, wid, hid, regenerate=True))
    assert new != token
    with pytest.raises(NotFound):
        run(rsvp.rsvp_view, token)
    run(rsvp.revoke_household_link, p, wid, hid)
    with pytest.raises(NotFound) as exc:
        run(rsvp.rsvp_view, new)
    assert exc.value.message.id.startswith("This invitation link is not valid")
    for bad in ("", "x" * 200, "../../etc", "short"):
        with pytest.raises(NotFound):
            run(rsvp.rsvp_view, bad)
    assert count(AuditEvent, AuditEvent.action == "household.token.revoke") == 1


def test_qr_code_encodes_only_the_link():
    uri = rsvp.qr_svg_data_uri("http://attitudes.test/rsvp/abc")
    assert uri.startswith("data:image/svg+xml")


# ---- the RSVP page -------------------------------------------------------------------------------


def test_view_is_in_the_guests_language_and_shows_only_the_household(linked):
    view = run(rsvp.rsvp_view, linked["token"])
    assert view["lang"] == "es" and view["household"] == "The Duponts"
    assert [m["first_name"] for m in view["members"]] == ["Christopher", "Chloé"]
    assert "Marie" not in str(view)
    chris = view["members"][0]
    assert [i["event"] for i in chris["invitations"]] == ["Ceremony", "Reception"]
    assert [m["name"] for m in chris["invitations"][1]["meals"]] == ["Beef", "Fish"]
    assert chris["invitations"][0]["meals"] == []


def test_household_answers_for_everyone_and_gets_a_confirmation_email(linked):
    w = linked
    out = run(rsvp.submit_rsvp, w["token"], answers(w), ip="1.2.3.4")
    st = statuses(w)
    assert st[(w["chris"], w["reception"])] == "attending" and st[(w["chloe"], w["reception"])] == "declined"
    assert st[(w["marie"], w["reception"])] == "pending"
    assert any("Christopher" in line and "Beef" in line for line in out["lines"])
    with transaction() as s:
        chloe = s.get(Guest, uuid.UUID(w["chloe"]))
        assert chloe.dietary == ["vegan"]
        assert s.get(Guest, uuid.UUID(w["chris"])).plus_one_name == "Sam"
        extra = s.exec(select(HouseholdResponse)).one()
        assert (extra.song_request, extra.message) == ("September", "¡Felicidades!")
        mail = s.exec(select(OutboxMessage).where(OutboxMessage.to_email == "chris@example.com")).one()
        assert "Gracias" in mail.body_text or "Thank you" in mail.body_text
        assert w["token"] in mail.body_text
        events = s.exec(select(AuditEvent).where(AuditEvent.action.startswith("rsvp."))).all()
    assert events and all(e.actor_user_id is None and e.after["household_id"] == str(w["hid"]) for e in events)
    again = run(rsvp.rsvp_view, w["token"])
    assert again["answered"] and again["song"] == "September"


def test_a_meal_of_another_event_or_unknown_is_refused_and_nothing_changes(linked):
    w = linked
    with pytest.raises(ValidationError) as exc:
        run(rsvp.submit_rsvp, w["token"], answers(w, **{f"meal__{w['chris']}__{w['reception']}": w["reception"]}))
    assert f"meal__{w['chris']}__{w['reception']}" in exc.value.field_errors
    beef = meal_id(w, "Beef")
    with pytest.raises(ValidationError):
        run(rsvp.submit_rsvp, w["token"], answers(w, **{f"meal__{w['chris']}__{w['ceremony']}": beef}))
    assert set(statuses(w).values()) == {"pending"}


def test_plus_one_only_where_the_guest_has_one(linked):
    w = linked
    with pytest.raises(ValidationError) as exc:
        run(rsvp.submit_rsvp, w["token"], answers(w, **{f"plus__{w['chloe']}__{w['ceremony']}": "on"}))
    assert "does not include a plus-one" in str(exc.value.field_errors)
    with pytest.raises(ValidationError):
        run(rsvp.submit_rsvp, w["token"], answers(w, **{f"plusname__{w['chloe']}": "Someone"}))
    assert set(statuses(w).values()) == {"pending"}


def test_a_guest_of_another_household_is_refused(linked):
    w = linked
    with pytest.raises(ValidationError) as exc:
        run(rsvp.submit_rsvp, w["token"], answers(w, **{f"att__{w['marie']}__{w['reception']}": "no"}))
    assert "does not include that guest" in exc.value.field_errors[""].id
    assert set(statuses(w).values()) == {"pending"}


def test_every_invitation_needs_an_answer(linked):
    w = linked
    data = answers(w)
    del data[f"att__{w['chloe']}__{w['ceremony']}"]
    with pytest.raises(ValidationError) as exc:
        run(rsvp.submit_rsvp, w["token"], data)
    assert list(exc.value.field_errors) == [f"att__{w['chloe']}__{w['ceremony']}"]


def test_after_the_deadline_the_page_is_read_only(camille, linked):
    w = linked
    p = camille.principal
    run(rsvp.save_rsvp_settings, p, w["wid"], {"rsvp_deadline": "", "rsvp_contact_email": "us@example.com"})
    with transaction() as s:
        from models.weddings import Wedding

        s.get(Wedding, w["wid"]).rsvp_deadline = date.today() - timedelta(days=2)
    view = run(rsvp.rsvp_view, w["token"])
    assert view["open"] is False and view["contact"] == "us@example.com"
    with pytest.raises(ValidationError) as exc:
        run(rsvp.submit_rsvp, w["token"], answers(w))
    assert "deadline has passed" in exc.value.field_errors[""].id
    assert set(statuses(w).values()) == {"pending"}


def test_deadline_settings_are_checked(camille, wedding):
    with pytest.raises(ValidationError) as exc:
        run(
            rsvp.save_rsvp_settings,
            camille.principal,
            wedding["wid"],
            {"rsvp_deadline": "2999-01-01", "rsvp_contact_email": "nope"},
        )
    assert set(exc.value.field_errors) == {"rsvp_deadline", "rsvp_contact_email"}


# ---- find your invitation ------------------------------------------------------------------------


ROWS = [
    ("h1", "Christopher", "Dupont"),
    ("h1", "Chloé", "Dupont"),
    ("h2", "Marie", "Bernard"),
    ("h3", "Marie", "Lefèvre"),
    ("h4", "José", "Núñez"),
]


@pytest.mark.parametrize(
    ("name", "last", "expected"),
    [
        ("Chris", "", ["h1"]),
        ("christopher", "", ["h1"]),
        ("CHLOE", "", ["h1"]),
        ("jose nunez", "", ["h4"]),
        ("Jose", "Nunez", ["h4"]),
        ("Christofer", "", ["h1"]),  # a typo
        ("Marie", "", ["h2", "h3"]),
        ("Marie", "lefevre", ["h3"]),
        ("Marie Bernard", "", ["h2"]),
        ("Zoe", "", []),
        ("Ch", "", []),  # too short to be a prefix
    ],
)
def test_tolerant_name_match(name, last, expected):
    assert rsvp.match_households(ROWS, name, last) == expected


def test_find_reveals_only_the_matched_household_and_asks_for_the_last_name(wedding):
    w = wedding
    found = run(rsvp.find_invitation, w["wid"], "chris", ip="9.9.9.9")
    assert found == {
        "kind": "match",
        "household_id": str(w["hid"]),
        "household": "The Duponts",
        "first_names": ["Christopher", "Chloé"],
    }
    token = run(rsvp.claim_invitation, w["wid"], found["household_id"])
    assert run(rsvp.rsvp_view, token)["household"] == "The Duponts"
    assert run(rsvp.claim_invitation, w["wid"], found["household_id"]) == token
    assert run(rsvp.find_invitation, w["wid"], "Dupont", ip="9.9.9.9") == {"kind": "none"}
    with pytest.raises(NotFound):
        run(rsvp.find_invitation, "not-a-uuid", "chris")


def test_find_is_rate_limited_per_ip(wedding):
    for _ in range(rsvp.FIND_LIMIT):
        run(rsvp.find_invitation, wedding["wid"], "zoe", ip="7.7.7.7")
    with pytest.raises(RateLimited):
        run(rsvp.find_invitation, wedding["wid"], "zoe", ip="7.7.7.7")
    run(rsvp.find_invitation, wedding["wid"], "zoe", ip="7.7.7.8")  # another visitor is not affected


# ---- sending, PDFs ---------------------------------------------------------------------------------


def test_send_invitations_then_reminders_to_those_who_did_not_answer(camille, linked):
    w, p = linked, camille.principal
    everyone = run(rsvp.send_targets, p, w["wid"], "all")
    assert sorted(everyone) == sorted([str(w["hid"]), str(w["other_hid"])])
    assert run(rsvp.send_invitations, p, w["wid"], "invitation", everyone) == 2
    with transaction() as s:
        logs = s.exec(select(InvitationSend)).all()
        assert {(str(x.household_id), x.kind) for x in logs} == {
            (str(w["hid"]), "invitation"),
            (str(w["other_hid"]), "invitation"),
        }
        spanish = s.exec(select(OutboxMessage).where(OutboxMessage.to_email == "chris@example.com")).one()
        assert all(x.outbox_message_id for x in logs)
    assert w["token"] in spanish.body_text  # the link the household already has, not a new one
    run(rsvp.submit_rsvp, w["token"], answers(w))
    assert run(rsvp.send_targets, p, w["wid"], "pending") == [str(w["other_hid"])]
    rows = run(rsvp.household_rows, p, w["wid"], "en")
    assert {r["name"]: (r["answered"], bool(r["sent"])) for r in rows} == {
        "The Duponts": (True, True),
        "Bernard": (False, True),
    }


def test_pdfs_are_made(camille, wedding):
    name, data = run(rsvp.invitation_cards_pdf, camille.principal, wedding["wid"])
    assert data.startswith(b"%PDF") and name.endswith(".pdf")
    name, data = run(rsvp.guest_list_pdf, camille.principal, wedding["wid"], "fr")
    assert data.startswith(b"%PDF")
    with transaction() as s:
        assert all(h.invite_token_hash for h in s.exec(select(Household)).all())  # cards gave every household a link


def plus_one_meal(w) -> str:
    view = run(rsvp.rsvp_view, w["token"])
    chris = next(m for m in view["members"] if m["id"] == w["chris"])
    return next(i for i in chris["invitations"] if i["event"] == "Reception")["plus_one_meal_id"]


def test_the_plus_one_chooses_a_meal_which_is_cleared_when_they_stop_coming(linked):
    w = linked
    fish = meal_id(w, "Fish")
    key = f"{w['chris']}__{w['reception']}"
    run(rsvp.submit_rsvp, w["token"], answers(w, **{f"plusmeal__{key}": fish}))
    assert plus_one_meal(w) == fish
    with transaction() as s:
        inv = s.exec(
            select(GuestEventInvitation).where(
                GuestEventInvitation.guest_id == uuid.UUID(w["chris"]),
                GuestEventInvitation.event_id == uuid.UUID(w["reception"]),
            )
        ).one()
        assert inv.plus_one_attending and str(inv.plus_one_meal_option_id) == fish
    run(rsvp.submit_rsvp, w["token"], answers(w, **{f"plus__{key}": "", f"plusmeal__{key}": fish}))
    assert plus_one_meal(w) == ""


def test_a_plus_one_meal_of_another_event_is_refused_and_nothing_changes(linked):
    w = linked
    key = f"{w['chris']}__{w['reception']}"
    with pytest.raises(ValidationError) as exc:
        run(rsvp.submit_rsvp, w["token"], answers(w, **{f"plusmeal__{key}": w["ceremony"]}))
    assert f"plusmeal__{key}" in exc.value.field_errors
    assert set(statuses(w).values()) == {"pending"}
