"""Wedding form validation, money parsing, and the edit / delete / restore lifecycle by role."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlmodel import Session

from models.base import utcnow
from models.weddings import Wedding
from services import i18n
from services.authz import Permission
from services.db import get_engine, transaction
from services.errors import Conflict, DomainError, Forbidden, NotFound, TamperedInput, ValidationError
from services.weddings import (
    create_wedding,
    delete_wedding,
    list_weddings,
    load_wedding,
    parse_wedding_form,
    restore_wedding,
    update_wedding,
)
from tests.helpers import invite_member, new_wedding, wedding_form

TODAY = date.today()


def parse(lang: str = "en", **overrides):
    return parse_wedding_form(wedding_form(**overrides), viewer_lang=lang, today=TODAY)


def field_errors(lang: str = "en", **overrides) -> dict[str, str]:
    with pytest.raises(ValidationError) as exc:
        parse(lang, **overrides)
    return {k: i18n.render("en", v) for k, v in exc.value.field_errors.items()}


# ---- the form -----------------------------------------------------------------------------


def test_valid_form_is_parsed_and_cleaned():
    fields = parse(partner_a="  Camille   Martin ", expected_guests=" 150 ", currency="eur")
    assert fields.partner_a == "Camille Martin"
    assert fields.expected_guests == 150
    assert fields.currency == "EUR"
    assert fields.budget_total_minor == 2_500_000


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("wedding_date", (TODAY - timedelta(days=1)).isoformat(), "cannot be in the past"),
        ("wedding_date", "12/06/2027", "Enter a date like"),
        ("wedding_date", (TODAY + timedelta(days=365 * 11)).isoformat(), "next ten years"),
        ("budget_total", "-5", "cannot be negative"),
        ("budget_total", "lots", "Enter an amount"),
        ("budget_total", "1000000000", "larger than we can handle"),
        ("currency", "XYZ", "Choose a currency"),
        ("timezone", "Mars/Olympus_Mons", "Choose a time zone"),
        ("locale", "klingon", "Choose a language"),
        ("expected_guests", "many", "whole number"),
        ("expected_guests", "12.5", "whole number"),
        ("expected_guests", "5001", "between 0 and 5000"),
        ("expected_guests", "-1", "between 0 and 5000"),
        ("partner_a", "   ", "first partner"),
        ("partner_b", "", "second partner"),
    ],
)
def test_each_bad_field_gets_its_own_message(field, value, message):
    errors = field_errors(**{field: value})
    assert list(errors) == [field]
    assert message in errors[field]


def test_all_errors_are_reported_together():
    errors = field_errors(
        wedding_date="2001-01-01",
        budget_total="-1",
        currency="XYZ",
        timezone="Nowhere/City",
        locale="xx",
        expected_guests="lots",
        partner_a="",
    )
    assert set(errors) == {
        "wedding_date",
        "budget_total",
        "currency",
        "timezone",
        "locale",
        "expected_guests",
        "partner_a",
    }


def test_unknown_form_field_is_tampering():
    with pytest.raises(TamperedInput):
        parse_wedding_form({**wedding_form(), "tenant_id": "x"}, viewer_lang="en", today=TODAY)


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "minor"),
    [
        ("25000.50", "EUR", "en", 2_500_050),
        ("25,000.50", "USD", "en", 2_500_050),
        ("1000", "JPY", "en", 1000),  # the yen has no minor unit
        ("25 000,50", "EUR", "fr", 2_500_050),
        ("25\u202f000,50", "EUR", "fr", 2_500_050),  # as Babel displays it in French
        ("25000,50", "EUR", "es", 2_500_050),
        ("", "EUR", "en", 0),
    ],
)
def test_budget_is_stored_in_integer_minor_units(amount, currency, lang, minor):
    fields = parse(lang, budget_total=amount, currency=currency)
    assert fields.budget_total_minor == minor
    assert isinstance(fields.budget_total_minor, int)


def test_amount_shown_to_a_french_user_parses_back_to_the_same_value():
    shown = i18n.format_number(25000.5, "fr")
    assert parse("fr", budget_total=shown).budget_total_minor == 2_500_050


# ---- lifecycle ----------------------------------------------------------------------------


@pytest.fixture
def owner(camille):
    """Camille, owner of a couple tenant; her weddings are Camille & Alex's unless stated."""
    return camille


def test_owner_creates_and_lists_a_wedding(owner):
    wid = new_wedding(owner.principal, budget_total="18000.99", currency="USD")
    with transaction() as s:
        [w] = list_weddings(s, owner.principal)
        assert w.id == wid
        assert w.tenant_id == owner.tenant_id
        assert (w.budget_total_minor, w.currency, w.version) == (1_800_099, "USD", 1)


def test_invalid_create_writes_nothing(owner):
    with transaction() as s, pytest.raises(ValidationError):
        create_wedding(s, owner.principal, wedding_form(currency="XYZ"), tenant_id=None, viewer_lang="en", today=TODAY)
    with transaction() as s:
        assert list_weddings(s, owner.principal) == []


def _update(principal, wid, version, **overrides):
    with transaction() as s:
        return update_wedding(
            s, principal, wid, wedding_form(**overrides), expected_version=version, viewer_lang="en", today=TODAY
        )


def _load(principal, wid, permission=Permission.WEDDING_VIEW, **kw) -> Wedding:
    with transaction() as s:
        return load_wedding(s, principal, wid, permission, **kw)


def test_update_with_a_stale_version_is_a_conflict_and_keeps_the_first_edit(owner):
    wid = new_wedding(owner.principal)
    assert _update(owner.principal, wid, 1, venue_name="Manoir du Lac").version == 2
    with pytest.raises(Conflict):
        _update(owner.principal, wid, 1, venue_name="Stale edit")
    w = _load(owner.principal, wid)
    assert (w.venue_name, w.version) == ("Manoir du Lac", 2)


def test_simultaneous_saves_on_sqlite_never_overwrite_each_other(owner, alex):
    """Embedded mode: Alex saves from version 1 while Camille's save of version 1 is being committed."""
    wid = new_wedding(owner.principal)
    partner = invite_member(owner, wid, "partner", alex)
    first = Session(get_engine(), expire_on_commit=False)
    update_wedding(
        first,
        owner.principal,
        wid,
        wedding_form(venue_name="Camille's venue"),
        expected_version=1,
        viewer_lang="en",
        today=TODAY,
    )
    first.flush()  # written, not yet committed
    committer = threading.Timer(0.3, first.commit)
    committer.start()
    try:
        with pytest.raises(Conflict):
            _update(partner.principal, wid, 1, venue_name="Alex's venue")
    finally:
        committer.join()
        first.close()
    w = _load(owner.principal, wid)
    assert (w.venue_name, w.version) == ("Camille's venue", 2)


def test_a_wedding_already_past_can_still_be_edited_without_moving_its_date(owner):
    wid = new_wedding(owner.principal)
    yesterday = TODAY - timedelta(days=1)
    with transaction() as s:
        s.get(Wedding, wid).wedding_date = yesterday
    _update(owner.principal, wid, 1, wedding_date=yesterday.isoformat(), venue_name="Renamed")
    with pytest.raises(ValidationError) as exc:
        _update(owner.principal, wid, 2, wedding_date=(TODAY - timedelta(days=2)).isoformat())
    assert set(exc.value.field_errors) == {"wedding_date"}


def _delete(principal, wid, confirmation):
    with transaction() as s:
        return delete_wedding(s, principal, wid, confirmation)


def _restore(principal, wid):
    with transaction() as s:
        return restore_wedding(s, principal, wid)


def _listed(principal) -> dict:
    with transaction() as s:
        return {w.id: w for w in list_weddings(s, principal)}


@pytest.mark.parametrize("typed", ["Camille & Alex", "camille & alex", "  CAMILLE   &   Alex ", "camille&alex"])
def test_delete_accepts_the_names_whatever_case_and_spacing(typed, owner):
    wid = new_wedding(owner.principal)
    _delete(owner.principal, wid, typed)
    with pytest.raises(NotFound):
        _load(owner.principal, wid)


@pytest.mark.parametrize("typed", ["Camille", "", "Camille & Alexandre", "delete"])
def test_delete_refuses_anything_but_the_couple_names(typed, owner):
    wid = new_wedding(owner.principal)
    with pytest.raises(ValidationError) as exc:
        _delete(owner.principal, wid, typed)
    assert "Camille & Alex" in i18n.render("en", exc.value.field_errors["confirmation"])
    assert _load(owner.principal, wid).deleted_at is None


def test_soft_delete_hides_the_wedding_and_restore_brings_it_back(owner, sam):
    wid = new_wedding(owner.principal)
    planner = invite_member(owner, wid, "planner", sam)
    _delete(owner.principal, wid, "camille & alex")

    with pytest.raises(NotFound):
        _load(owner.principal, wid)
    with pytest.raises(NotFound):
        _update(owner.principal, wid, 2, venue_name="x")
    assert wid not in _listed(planner.principal)
    # The owner still sees it, marked deleted, so it can be restored.
    assert _listed(owner.principal)[wid].deleted_at is not None

    _restore(owner.principal, wid)
    assert _load(planner.principal, wid).deleted_at is None
    assert wid in _listed(planner.principal)


def _deleted_days_ago(wid, days: int) -> None:
    with transaction() as s:
        s.get(Wedding, wid).deleted_at = utcnow() - timedelta(days=days)


def test_restore_works_within_thirty_days(owner):
    wid = new_wedding(owner.principal)
    _delete(owner.principal, wid, "Camille & Alex")
    _deleted_days_ago(wid, 29)
    _restore(owner.principal, wid)
    assert _load(owner.principal, wid).deleted_at is None


def test_restore_is_refused_after_thirty_days_and_the_wedding_leaves_the_list(owner):
    wid = new_wedding(owner.principal)
    _delete(owner.principal, wid, "Camille & Alex")
    _deleted_days_ago(wid, 31)
    with pytest.raises(DomainError) as exc:
        _restore(owner.principal, wid)
    assert "more than 30 days ago" in i18n.render("en", exc.value.message)
    assert wid not in _listed(owner.principal)


def test_partner_can_edit_but_cannot_delete_or_restore(owner, alex):
    wid = new_wedding(owner.principal)
    partner = invite_member(owner, wid, "partner", alex)
    assert _update(partner.principal, wid, 1, venue_name="Partner's choice").venue_name == "Partner's choice"
    with pytest.raises(Forbidden):
        _delete(partner.principal, wid, "Camille & Alex")
    _delete(owner.principal, wid, "Camille & Alex")
    with pytest.raises(Forbidden):
        _restore(partner.principal, wid)


def test_viewer_can_view_but_not_edit_create_or_delete(owner, rose):
    wid = new_wedding(owner.principal)
    viewer = invite_member(owner, wid, "viewer", rose)
    assert _load(viewer.principal, wid).partner_a == "Camille"
    assert list(_listed(viewer.principal)) == [wid]
    with pytest.raises(Forbidden):
        _update(viewer.principal, wid, 1, venue_name="Nope")
    with pytest.raises(Forbidden):
        _delete(viewer.principal, wid, "Camille & Alex")
    with transaction() as s, pytest.raises(Forbidden):
        create_wedding(s, viewer.principal, wedding_form(), tenant_id=owner.tenant_id, viewer_lang="en", today=TODAY)
    assert _load(owner.principal, wid).venue_name == "Château de Lys"


def test_malformed_wedding_id_is_not_found(owner):
    with pytest.raises(NotFound):
        _load(owner.principal, "../../etc/passwd")
