"""The guest list service: guests, households, events, per-event answers, listing, bulk actions, counts."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from models.audit import AuditEvent
from models.base import utcnow
from models.guests import Guest, GuestEventInvitation, GuestTag, Household
from services import guest_events, guest_import, guests, i18n
from services.dashboard import wedding_dashboard
from services.db import get_engine, transaction
from services.errors import Forbidden, NotFound, TamperedInput, ValidationError
from services.guests import GuestQuery
from tests.helpers import count, invite_member, new_wedding


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def wedding(camille):
    """Camille's wedding in Bordeaux with a ceremony and a reception (120 seats, three meals)."""
    wid = new_wedding(camille.principal, venue_address="12 route des Vignes, 33000 Bordeaux, France")
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
        {
            "name": "Reception",
            "kind": "reception",
            "date": day,
            "time": "18:30",
            "capacity": "120",
            "meals": "Beef\nFish\nRisotto",
        },
    )
    return wid, ceremony.id, reception.id


def add(principal, wid, **fields):
    data = {"first_name": "Ana", **fields}
    return run(guests.save_guest, principal, wid, None, data)


def page(principal, wid, **q):
    return run(guests.list_guests, principal, wid, GuestQuery(**q))


def meal_ids(principal, wid, event_id):
    opts = run(guests.guest_options, principal, wid)
    return {name: mid for e in opts.events if e.id == str(event_id) for mid, name in e.meals}


def test_a_guest_is_created_with_normalized_contact_tags_and_invitations(camille, wedding):
    wid, ceremony, reception = wedding
    fish = meal_ids(camille.principal, wid, reception)["Fish"]
    g = add(
        camille.principal,
        wid,
        last_name="Lopez",
        email=" Ana.Lopez@Example.com ",
        phone="06 12 34 56 78",
        side="b",
        age_group="adult",
        tags="Family, college friends",
        diet_vegetarian="on",
        diet_nut_allergy="on",
        dietary_notes="No coriander",
        plus_one="named",
        plus_one_name="Luis",
        household_name="Lopez family",
        **{
            f"invited_{reception}": "on",
            f"rsvp_{reception}": "attending",
            f"meal_{reception}": fish,
            f"plusone_at_{reception}": "on",
        },
        **{f"rsvp_{ceremony}": "pending"},  # not checked: not invited to the ceremony
    )
    assert (g.email, g.phone, g.dietary) == ("ana.lopez@example.com", "+33612345678", ["vegetarian", "nut_allergy"])
    row = page(camille.principal, wid).rows[0]
    assert row.household_name == "Lopez family"
    assert row.tags == ["college friends", "Family"]
    assert [(i.event_name, i.rsvp_status, i.meal_name, i.plus_one_attending) for i in row.invitations] == [
        ("Reception", "attending", "Fish", True)
    ]
    summary = run(guests.guest_summary, camille.principal, wid)
    reception_counts = next(e for e in summary.events if e.name == "Reception")
    assert (reception_counts.attending, reception_counts.plus_ones, reception_counts.seats_taken) == (1, 1, 2)
    assert dict(reception_counts.meals) == {"Beef": 0, "Fish": 1, "Risotto": 0}
    assert reception_counts.meal_missing == 1  # the plus-one has not chosen
    assert count(AuditEvent, AuditEvent.action == "guest.create") == 1


def test_invalid_phone_and_email_are_reported_per_field_and_nothing_changes(camille, wedding):
    wid, *_ = wedding
    g = add(camille.principal, wid, email="ana@example.com")
    with pytest.raises(ValidationError) as exc:
        run(guests.save_guest, camille.principal, wid, g.id, {"first_name": "", "email": "ana@", "phone": "+1 555"})
    assert {k: i18n.render("en", m) for k, m in exc.value.field_errors.items()} == {
        "first_name": "Enter the guest's first name.",
        "email": "ana@ is not a valid email address.",
        "phone": "+1 555 is not a valid phone number.",
    }
    with transaction() as s:
        assert (s.get(Guest, g.id).first_name, s.get(Guest, g.id).email) == ("Ana", "ana@example.com")
    assert count(AuditEvent, AuditEvent.action == "guest.update") == 0


def test_inline_edit_changes_only_the_fields_sent_and_is_audited(camille, wedding):
    wid, *_ = wedding
    g = add(camille.principal, wid, last_name="Lopez", notes="Keep me", tags="VIP")
    run(guests.save_guest, camille.principal, wid, g.id, {"first_name": "Anna", "phone": "+34 612 345 678"})
    with transaction() as s:
        fresh = s.get(Guest, g.id)
        assert (fresh.first_name, fresh.last_name, fresh.phone, fresh.notes) == (
            "Anna",
            "Lopez",
            "+34612345678",
            "Keep me",
        )
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "guest.update")).one()
    assert event.before["first_name"] == "Ana" and event.after["first_name"] == "Anna"
    assert event.after["tags"] == ["VIP"]


def test_forged_fields_and_values_are_refused(camille, wedding):
    wid, *_ = wedding
    for data in (
        {"first_name": "X", "tenant_id": "x"},
        {"first_name": "X", "side": "c"},
        {"first_name": "X", "diet_poison": "on"},
    ):
        with pytest.raises(TamperedInput):
            add(camille.principal, wid, **data)
    with pytest.raises(NotFound):
        add(camille.principal, wid, **{f"rsvp_{uuid.uuid4()}": "attending"})
    assert count(Guest) == 0


def test_guests_households_events_of_another_wedding_are_not_found(camille, wedding):
    wid, ceremony, reception = wedding
    other = new_wedding(camille.principal, partner_a="Lea", partner_b="Hugo")
    stranger = add(camille.principal, other, last_name="Other")
    mine = add(camille.principal, wid)
    with transaction() as s:
        stranger_household = s.get(Guest, stranger.id).household_id
    attempts = [
        lambda: run(guests.save_guest, camille.principal, wid, stranger.id, {"first_name": "Hacked"}),
        lambda: run(guests.save_guest, camille.principal, wid, mine.id, {"household_id": str(stranger_household)}),
        lambda: run(guests.get_guest, camille.principal, wid, stranger.id),
        lambda: run(guests.delete_guests, camille.principal, wid, [mine.id, stranger.id], confirmed=True),
        lambda: run(guests.set_rsvp, camille.principal, other, stranger.id, reception, "attending"),
        lambda: run(guests.invite_guests, camille.principal, other, [stranger.id], reception),
        lambda: run(guest_events.save_event, camille.principal, other, reception, {"name": "Mine now"}),
        lambda: run(guests.rename_household, camille.principal, wid, stranger_household, "Hacked"),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    assert count(Guest) == 2 and count(Guest, Guest.first_name == "Hacked") == 0


def test_a_viewer_sees_the_list_but_cannot_change_it(camille, rose, wedding):
    wid, *_ = wedding
    add(camille.principal, wid)
    viewer = invite_member(camille, wid, "viewer", rose)
    assert page(viewer.principal, wid).total == 1
    assert run(guests.guest_options, viewer.principal, wid).can_edit is False
    with pytest.raises(Forbidden):
        add(viewer.principal, wid)


def test_rsvp_per_event_respects_capacity(camille, wedding):
    wid, ceremony, reception = wedding
    run(
        guest_events.save_event,
        camille.principal,
        wid,
        reception,
        {"name": "Reception", "kind": "reception", "capacity": "2"},
    )
    a = add(camille.principal, wid, **{f"invited_{reception}": "on", f"rsvp_{reception}": "attending"})
    b = add(camille.principal, wid, **{f"invited_{reception}": "on", f"invited_{ceremony}": "on"})
    c = add(camille.principal, wid, **{f"invited_{reception}": "on"})
    run(guests.set_rsvp, camille.principal, wid, b.id, reception, "attending")
    run(guests.set_rsvp, camille.principal, wid, b.id, ceremony, "declined")
    with pytest.raises(ValidationError) as exc:
        run(guests.set_rsvp, camille.principal, wid, c.id, reception, "attending")
    assert i18n.render("en", exc.value.field_errors[f"rsvp_{reception}"]) == "Reception is full: 2 seats."
    run(guests.set_rsvp, camille.principal, wid, a.id, reception, "attending")  # unchanged answers are fine
    with pytest.raises(ValidationError):
        run(guests.set_rsvp, camille.principal, wid, a.id, ceremony, "attending")  # not invited
    statuses = {(i.guest_id, i.event_id): i.rsvp_status for i in _invitations()}
    assert statuses[(c.id, reception)] == "pending" and statuses[(b.id, ceremony)] == "declined"


def _invitations():
    with transaction() as s:
        return s.exec(select(GuestEventInvitation)).all()


def test_list_filters_search_sort_and_pages_on_the_server(camille, wedding):
    wid, ceremony, reception = wedding
    p = camille.principal
    meals = meal_ids(p, wid, reception)
    people = [
        ("Zoé", "Müller", "b", "Family", "zoe@example.com", "attending", "Fish", "vegan"),
        ("Ana", "Lopez", "a", "Work", "", "declined", "", ""),
        ("Hugo", "Martin", "a", "Family", "hugo@example.com", "pending", "", "gluten_free"),
        ("Léa", "Martin", "both", "", "", "attending", "Beef", ""),
    ]
    for first, last, side, tag, email, rsvp, meal, diet in people:
        fields = {
            "last_name": last,
            "side": side,
            "tags": tag,
            "email": email,
            f"invited_{reception}": "on",
            f"rsvp_{reception}": rsvp,
            f"meal_{reception}": meals.get(meal, ""),
        }
        if diet:
            fields[f"diet_{diet}"] = "on"
        add(p, wid, first_name=first, household_name=f"{last} household", **fields)
    names = lambda result: [r.first_name for r in result.rows]  # noqa: E731
    assert names(page(p, wid)) == ["Ana", "Hugo", "Léa", "Zoé"]  # last name, then first name
    assert names(page(p, wid, sort="first_name", descending=True)) == ["Zoé", "Léa", "Hugo", "Ana"]
    assert names(page(p, wid, search="martin")) == ["Hugo", "Léa"]
    assert names(page(p, wid, search="MÜLLER")) == ["Zoé"] or names(page(p, wid, search="zoe@")) == ["Zoé"]
    assert names(page(p, wid, search="martin household")) == ["Hugo", "Léa"]
    assert names(page(p, wid, side="a")) == ["Ana", "Hugo"]
    assert names(page(p, wid, tag="Family")) == ["Hugo", "Zoé"]
    assert names(page(p, wid, rsvp="attending")) == ["Léa", "Zoé"]  # the main event: the reception
    assert names(page(p, wid, event_id=str(ceremony))) == []
    assert names(page(p, wid, meal_id=meals["Fish"])) == ["Zoé"]
    assert names(page(p, wid, dietary="vegan")) == ["Zoé"]
    assert names(page(p, wid, dietary="any")) == ["Hugo", "Zoé"]
    assert names(page(p, wid, has_email="no")) == ["Ana", "Léa"]
    hugo_household = page(p, wid, search="hugo").rows[0].household_id
    assert names(page(p, wid, household_id=hugo_household)) == ["Hugo"]
    for bad in ({"side": "x"}, {"sort": "password"}, {"rsvp": "maybe"}, {"event_id": "not-a-uuid"}):
        with pytest.raises(TamperedInput):
            page(p, wid, **bad)
    many = page(p, wid, per_page=25)
    assert (many.total, many.pages, many.page) == (4, 1, 1)
    assert page(p, wid, page=99).page == 1  # clamped to the last page


@contextmanager
def count_queries():
    queries: list[str] = []

    def listen(conn, cursor, statement, params, context, executemany):
        queries.append(statement)

    engine = get_engine()
    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        yield queries
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)


def _bulk_guests(wid, tenant_id, event_id, n):
    with transaction() as s:
        for i in range(n):
            hh = Household(tenant_id=tenant_id, wedding_id=wid, name=f"H{i}")
            s.add(hh)
            s.flush()
            g = Guest(tenant_id=tenant_id, wedding_id=wid, household_id=hh.id, first_name=f"G{i}", last_name="X")
            s.add(g)
            s.flush()
            s.add(GuestTag(tenant_id=tenant_id, wedding_id=wid, guest_id=g.id, name="Family"))
            s.add(GuestEventInvitation(tenant_id=tenant_id, wedding_id=wid, guest_id=g.id, event_id=event_id))


def test_the_list_costs_the_same_number_of_queries_for_10_and_1000_guests(camille, lea):
    counts = {}
    for owner, n in ((camille, 10), (lea, 1000)):
        wid = new_wedding(owner.principal)
        event = run(guest_events.save_event, owner.principal, wid, None, {"name": "Reception", "kind": "reception"})
        _bulk_guests(wid, owner.tenant_id, event.id, n)
        principal = owner.principal  # resolved before counting
        with count_queries() as queries:
            result = run(guests.list_guests, principal, wid, GuestQuery(tag="Family", rsvp="pending"))
            run(guests.guest_summary, principal, wid)
        assert result.total == n and len(result.rows) == min(n, 50)
        counts[n] = len(queries)
    assert counts[10] == counts[1000], counts


def test_bulk_tag_invite_and_delete(camille, wedding):
    wid, ceremony, reception = wedding
    p = camille.principal
    a = add(p, wid, last_name="A", household_name="Pair")
    with transaction() as s:
        pair = s.get(Guest, a.id).household_id
    b = add(p, wid, last_name="B", household_id=str(pair))
    c = add(p, wid, last_name="C")
    assert run(guests.tag_guests, p, wid, [a.id, b.id], "vip") == 2
    assert run(guests.tag_guests, p, wid, [a.id, c.id], "VIP") == 1  # spelled as already in use
    assert sorted(n for n in run(guests.guest_options, p, wid).tags) == ["vip"]
    assert run(guests.tag_guests, p, wid, [a.id], "vip", remove=True) == 1
    assert run(guests.invite_guests, p, wid, [a.id, b.id, c.id], ceremony) == 3
    assert run(guests.invite_guests, p, wid, [a.id], ceremony) == 0
    assert page(p, wid, event_id=str(ceremony)).total == 3
    with pytest.raises(ValidationError):
        run(guests.delete_guests, p, wid, [a.id, b.id], confirmed=False)
    assert run(guests.delete_guests, p, wid, [a.id, b.id], confirmed=True) == 2
    assert count(Guest) == 1 and count(Household, Household.id == pair) == 0  # the emptied household goes too
    assert (
        count(GuestTag, GuestTag.guest_id == a.id) == 0
        and count(GuestEventInvitation, GuestEventInvitation.guest_id == a.id) == 0
    )
    with transaction() as s:
        deleted = s.exec(select(AuditEvent).where(AuditEvent.action == "guest.delete")).all()
    assert {e.object_id for e in deleted} == {str(a.id), str(b.id)}


def test_moving_a_guest_to_another_household_removes_the_empty_one(camille, wedding):
    wid, *_ = wedding
    p = camille.principal
    a = add(p, wid, household_name="First home")
    b = add(p, wid, first_name="Bo", household_name="Second home")
    with transaction() as s:
        home_a, home_b = s.get(Guest, a.id).household_id, s.get(Guest, b.id).household_id
    run(guests.save_guest, p, wid, b.id, {"household_id": str(home_a)})
    assert count(Household, Household.id == home_b) == 0
    assert {r.household_name for r in page(p, wid).rows} == {"First home"}


def test_events_keep_meal_choices_by_name_and_deleting_cleans_up(camille, wedding):
    wid, ceremony, reception = wedding
    p = camille.principal
    fish = meal_ids(p, wid, reception)["Fish"]
    g = add(p, wid, **{f"invited_{reception}": "on", f"rsvp_{reception}": "attending", f"meal_{reception}": fish})
    run(
        guest_events.save_event, p, wid, reception, {"name": "Dinner", "kind": "reception", "meals": "fish\nVegan bowl"}
    )
    assert meal_ids(p, wid, reception) == {"fish": fish, "Vegan bowl": meal_ids(p, wid, reception)["Vegan bowl"]}
    assert page(p, wid).rows[0].invitations[0].meal_name == "fish"
    with pytest.raises(ValidationError) as exc:
        run(guest_events.save_event, p, wid, None, {"name": "", "capacity": "-3", "date": "tomorrow"})
    assert set(exc.value.field_errors) == {"name", "capacity", "date"}
    run(guest_events.delete_event, p, wid, reception, confirmed=True)
    assert count(GuestEventInvitation, GuestEventInvitation.guest_id == g.id) == 0
    assert count(Guest) == 1


def test_standard_events_only_for_a_wedding_without_events(camille):
    wid = new_wedding(camille.principal)
    names = {"ceremony": "Cérémonie", "reception": "Réception"}
    assert run(guest_events.add_standard_events, camille.principal, wid, names=names) == 2
    assert run(guest_events.add_standard_events, camille.principal, wid, names=names) == 0
    opts = run(guests.guest_options, camille.principal, wid)
    assert [e.name for e in opts.events] == ["Cérémonie", "Réception"]
    assert opts.main_event_id == opts.events[1].id


def test_household_tokens_are_stored_only_as_sha256(camille, wedding):
    wid, *_ = wedding
    g = add(camille.principal, wid)
    with transaction() as s:
        hid = s.get(Guest, g.id).household_id
    token = run(guests.issue_household_token, camille.principal, wid, hid)
    with transaction() as s:
        stored = s.get(Household, hid).invite_token_hash
    assert len(token) >= 32 and stored == guests.hash_token(token) and token not in stored


def test_summary_counts_children_diets_and_households_without_answers(camille, wedding):
    wid, ceremony, reception = wedding
    p = camille.principal
    inv = {f"invited_{reception}": "on"}
    a = add(p, wid, household_name="Answered", diet_vegan="on", **inv, **{f"rsvp_{reception}": "attending"})
    with transaction() as s:
        answered = s.get(Guest, a.id).household_id
    add(p, wid, household_id=str(answered), age_group="child", **inv)  # pending, but the household answered
    add(p, wid, household_name="Silent", age_group="infant", diet_vegan="on", diet_gluten_free="on", **inv)
    add(p, wid, household_name="Silent too", dietary_notes="No onions", **inv)
    s = run(guests.guest_summary, p, wid)
    assert (s.guests, s.households, s.adults, s.children, s.infants) == (4, 3, 2, 1, 1)
    assert s.households_pending == 2
    assert s.dietary == [("vegan", 2), ("gluten_free", 1)] and s.dietary_notes == 1
    main = next(e for e in s.events if e.event_id == s.main_event_id)
    assert (main.name, main.invited, main.attending, main.pending) == ("Reception", 4, 1, 3)


def test_dashboard_counts_the_answers_to_the_main_event(camille, wedding):
    wid, ceremony, reception = wedding
    p = camille.principal
    add(
        p,
        wid,
        **{
            f"invited_{reception}": "on",
            f"rsvp_{reception}": "attending",
            f"invited_{ceremony}": "on",
            f"rsvp_{ceremony}": "declined",
        },
    )
    add(p, wid, **{f"invited_{ceremony}": "on", f"rsvp_{ceremony}": "attending"})  # ceremony only: not counted
    with transaction() as s:
        d = wedding_dashboard(s, p, wid, today=date.today(), now=utcnow())
    assert (d.guests_invited, d.guests_attending, d.guests_declined, d.guests_pending) == (1, 1, 0, 0)


def test_export_reads_back_through_the_import_as_duplicates(camille, wedding):
    wid, ceremony, reception = wedding
    p = camille.principal
    fish = meal_ids(p, wid, reception)["Fish"]
    add(
        p,
        wid,
        last_name="Lopez",
        email="ana@example.com",
        phone="0612345678",
        side="b",
        tags="Family",
        diet_vegan="on",
        dietary_notes="No onions",
        household_name="Lopez",
        **{f"invited_{reception}": "on", f"rsvp_{reception}": "attending", f"meal_{reception}": fish},
    )
    name, data, media = run(guest_import.export_guests, p, wid, "csv")
    assert name.endswith(".csv") and media.startswith("text/csv")
    table = guest_import.parse_file(name, data)
    assert table.headers[:3] == ["First name", "Last name", "Email"]
    assert "Reception RSVP" in table.headers and "Reception meal" in table.headers
    preview = run(guest_import.preview_import, p, wid, table)
    assert "" not in [m for m in preview.mapping]  # every exported column is recognized
    assert (preview.total, preview.valid, preview.duplicates) == (1, 1, 1)
    xname, xdata, _ = run(guest_import.export_guests, p, wid, "xlsx")
    assert guest_import.parse_file(xname, xdata).rows == table.rows
    with pytest.raises(TamperedInput):
        run(guest_import.export_guests, p, wid, "pdf")
