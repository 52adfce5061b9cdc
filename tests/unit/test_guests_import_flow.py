"""Importing a guest file: preview (errors in plain words, duplicates), decisions, then one write."""

from __future__ import annotations

import pytest

from models.audit import AuditEvent
from models.guests import Guest, GuestEventInvitation, GuestTag, Household
from services import guest_events, guest_import, guests, i18n
from services.db import transaction
from services.errors import NotFound, TamperedInput, ValidationError
from services.guest_import import parse_file
from services.guests import GuestQuery
from tests.helpers import count, new_wedding

FILE = """Prénom;Nom;Courriel;Portable;Foyer;Côté;Régime;Repas;RSVP;Étiquettes
Zoé;Müller;zoe@example.com;06 12 34 56 78;Müller;Camille;végétarien, sans gluten, pas d'oignons;Poisson;oui;Famille
Hugo;Müller;;;Müller;Camille;;;;Famille
Léa;Dubois;lea@;+1 555;Dubois;Alex;;;;
Paul;Roux;paul@example.com;;;both;;Pizza;maybe;Work
;;;;;;;;;
Ana;Lopes;ANA@EXAMPLE.COM;;;;;;;
Jon;Smith;;;;;;;;
"""


def run(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def wedding(camille):
    wid = new_wedding(camille.principal, partner_a="Camille", partner_b="Alex")
    p = camille.principal
    run(guest_events.save_event, p, wid, None, {"name": "Ceremony", "kind": "ceremony"})
    run(guest_events.save_event, p, wid, None, {"name": "Reception", "kind": "reception", "meals": "Viande\nPoisson"})
    run(guest_events.save_event, p, wid, None, {"name": "Brunch", "kind": "brunch"})
    # Already on the list: Ana Lopez (same email as the file's Ana Lopes) and John Smith (a close name).
    run(guests.save_guest, p, wid, None, {"first_name": "Ana", "last_name": "Lopez", "email": "ana@example.com"})
    run(guests.save_guest, p, wid, None, {"first_name": "John", "last_name": "Smith", "notes": "Best man"})
    return wid


def table():
    return parse_file("invites.csv", FILE.encode("cp1252"))


def problems(preview):
    return {r.number: [i18n.render("en", m) for m in r.errors] for r in preview.rows if r.errors}


def test_preview_guesses_the_french_columns_and_reports_problems_in_plain_words(camille, wedding):
    preview = run(guest_import.preview_import, camille.principal, wedding, table())
    assert preview.mapping == [
        "first_name",
        "last_name",
        "email",
        "phone",
        "household",
        "side",
        "dietary",
        "meal",
        "rsvp",
        "tags",
    ]
    assert (preview.total, preview.valid, preview.invalid, preview.duplicates) == (6, 4, 2, 2)
    assert problems(preview) == {
        4: ["email lea@ is not a valid address", "phone +1 555 is not a valid number"],
        5: ["meal Pizza is not on the Reception menu"],
    }
    dupes = {r.number: (i18n.render("en", r.duplicate), r.duplicate_kind) for r in preview.rows if r.duplicate}
    assert dupes == {7: ("same email as Ana Lopez", "existing"), 8: ("name close to John Smith", "existing")}
    assert preview.decisions == {7: "skip", 8: "skip"}
    assert count(Guest) == 2  # nothing written by a preview


def test_commit_writes_valid_rows_with_households_events_meals_diets_and_tags(camille, wedding):
    p = camille.principal
    result = run(
        guest_import.commit_import,
        p,
        wedding,
        table(),
        guest_import.guess_mapping(table().headers),
        decisions={7: "merge"},
    )
    assert (result.created, result.merged, result.skipped, result.invalid, result.households) == (2, 1, 1, 2, 1)
    listed = run(guests.list_guests, p, wedding, GuestQuery(search="müller"))
    zoe, hugo = sorted(listed.rows, key=lambda r: r.first_name, reverse=True)
    assert zoe.household_id == hugo.household_id and zoe.household_name == "Müller"
    assert (zoe.phone, zoe.side, zoe.dietary, zoe.dietary_notes) == (
        "+33612345678",
        "a",
        ["vegetarian", "gluten_free"],
        "pas d'oignons",
    )
    assert [(i.event_name, i.rsvp_status, i.meal_name) for i in zoe.invitations] == [
        ("Ceremony", "pending", ""),
        ("Reception", "attending", "Poisson"),
    ]
    assert zoe.tags == ["Famille"]
    ana = run(guests.list_guests, p, wedding, GuestQuery(search="ana")).rows[0]
    assert (ana.last_name, ana.email) == ("Lopez", "ana@example.com")  # merged: names and email kept
    assert count(Guest) == 4
    assert count(AuditEvent, AuditEvent.action == "guest.import") == 2
    assert count(AuditEvent, AuditEvent.action == "guest.merge") == 1
    assert count(AuditEvent, AuditEvent.action == "guest.import.batch") == 1


def test_fixing_the_mapping_clears_the_errors(camille, wedding):
    t = parse_file("g.csv", b"Name,Contact,Mobile\nAna Lopez,ana@example.com,+1 555\nJose Nunez,jose@example.com,\n")
    p = camille.principal
    first = run(guest_import.preview_import, p, wedding, t)
    assert first.mapping == ["full_name", "", "phone"]
    assert (first.valid, first.invalid) == (1, 1)
    fixed = run(guest_import.preview_import, p, wedding, t, ["full_name", "email", ""])
    assert (fixed.valid, fixed.invalid, fixed.duplicates) == (2, 0, 1)  # Ana Lopez is already there (same email)
    result = run(guest_import.commit_import, p, wedding, t, ["full_name", "email", ""], default_events=[])
    assert result.created == 1
    jose = run(guests.list_guests, p, wedding, GuestQuery(search="jose")).rows[0]
    assert (jose.first_name, jose.last_name, jose.email, jose.invitations) == ("Jose", "Nunez", "jose@example.com", [])


def test_mapping_problems_and_forged_input_are_refused(camille, wedding):
    p = camille.principal
    t = table()
    with pytest.raises(ValidationError) as exc:
        run(guest_import.preview_import, p, wedding, t, ["last_name"] + [""] * 9)
    assert (
        i18n.render("en", exc.value.field_errors["mapping"])
        == "Choose the column that holds the first names (or full names)."
    )
    with pytest.raises(ValidationError):
        run(guest_import.preview_import, p, wedding, t, ["first_name", "email", "email"] + [""] * 7)
    for bad in (["first_name"], ["first_name", "password"] + [""] * 8):
        with pytest.raises(TamperedInput):
            run(guest_import.preview_import, p, wedding, t, bad)
    with pytest.raises(TamperedInput):
        run(guest_import.commit_import, p, wedding, t, guest_import.guess_mapping(t.headers), decisions={7: "explode"})
    with pytest.raises(NotFound):
        run(guest_import.preview_import, p, wedding, t, None, default_events=["not-an-event"])
    assert count(Guest) == 2


def test_in_file_duplicates_and_per_event_columns(camille, wedding):
    p = camille.principal
    opts = run(guests.guest_options, p, wedding)
    brunch = next(e for e in opts.events if e.name == "Brunch")
    data = "First name,Last name,Email,Brunch RSVP,Brunch meal\nMia,Roux,mia@x.org,yes,\nMia,Roux,MIA@x.org,no,\nNoah,Roux,,,\n"
    t = parse_file("g.csv", data.encode())
    preview = run(guest_import.preview_import, p, wedding, t)
    assert preview.mapping == ["first_name", "last_name", "email", f"rsvp:{brunch.id}", f"meal:{brunch.id}"]
    assert [(r.number, i18n.render("en", r.duplicate)) for r in preview.rows if r.duplicate] == [
        (3, "same guest as row 2")
    ]
    assert preview.decisions == {3: "skip"}
    result = run(guest_import.commit_import, p, wedding, t, preview.mapping)
    assert (result.created, result.skipped) == (2, 1)
    rows = {r.first_name: r for r in run(guests.list_guests, p, wedding, GuestQuery(search="roux")).rows}
    assert [(i.event_name, i.rsvp_status) for i in rows["Mia"].invitations] == [("Brunch", "attending")]
    assert rows["Noah"].invitations == []  # an empty per-event cell: not invited there
    assert count(Household) == 4 and count(GuestTag) == 0
    assert count(GuestEventInvitation) == 1
