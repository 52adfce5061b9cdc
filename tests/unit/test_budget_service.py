"""The budget service, as the budget page uses it: categories, items, payments, splits, what if, exports."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from sqlmodel import select

from models.audit import AuditEvent
from models.budget import BudgetPayment, BudgetShare
from models.planning import BudgetCategory, BudgetItem
from models.weddings import Wedding
from services import budget
from services.budget import NeedsConfirmation
from services.db import get_engine, transaction
from services.errors import Forbidden, NotFound, TamperedInput, ValidationError
from tests.helpers import count, invite_member, new_wedding

TODAY = date.today()


def call(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


@pytest.fixture
def wedding(camille):
    """Camille's wedding: 25 000 EUR, 120 expected guests, the suggested categories and payers."""
    wid = new_wedding(camille.principal, budget_total="25000", expected_guests="120")
    call(budget.setup_defaults, camille.principal, wid, lang="en")
    return camille, wid


def view(principal, wid):
    return call(budget.budget_view, principal, wid)


def category(b, kind):
    return next(c for c in b.categories if c.kind == kind)


def add_item(principal, wid, cat_id, **fields):
    data = {"category_id": cat_id, "name": "Line", "vendor": "", "estimated": "", "actual": "", "due_date": ""}
    data.update(fields)
    return call(budget.save_item, principal, wid, data, lang="en", today=TODAY)


def test_suggested_categories_share_the_total_budget(wedding):
    owner, wid = wedding
    b = view(owner.principal, wid)
    kinds = [c.kind for c in b.categories]
    assert kinds[:3] == ["venue", "catering", "attire"] and "contingency" in kinds and len(kinds) == 14
    assert category(b, "catering").per_guest and category(b, "catering").planned_unit == 2_500_000 * 30 // 100 // 120
    assert sum(c.planned for c in b.categories if not c.per_guest) == 2_500_000 * 70 // 100
    assert [p.name for p in b.payers] == ["The couple", "Camille's family", "Alex's family"]
    # Running it again adds nothing.
    assert call(budget.setup_defaults, owner.principal, wid, lang="en") == 0
    assert len(view(owner.principal, wid).categories) == 14


def test_per_guest_lines_follow_the_guest_count(wedding):
    owner, wid = wedding
    b = view(owner.principal, wid)
    cat = category(b, "catering").id
    add_item(owner.principal, wid, cat, name="Dinner", per_guest="on", estimated="70", actual="")
    add_item(owner.principal, wid, category(b, "venue").id, name="Hall", estimated="8000", actual="8500")
    b = view(owner.principal, wid)
    dinner = next(i for i in b.items if i.name == "Dinner")
    assert (dinner.estimated, dinner.actual, dinner.forecast) == (70_00 * 120, 0, 70_00 * 120)
    assert b.committed == 8_500_00 and b.forecast == 8_500_00 + 70_00 * 120
    assert b.headcount == 120

    w = budget.what_if(b, 150, None)
    assert [(line.name, line.before, line.after) for line in w.lines] == [("Dinner", 840_000, 1_050_000)]
    assert w.after.forecast - w.before.forecast == 70_00 * 30
    # A new catering price per head moves the same line.
    w = budget.what_if(b, 100, 9_000)
    assert w.lines[0].after == 9_000 * 100 and w.after.catering_per_head == 9_000


def test_what_if_rescales_several_catering_lines_to_the_new_price(wedding):
    owner, wid = wedding
    cat = category(view(owner.principal, wid), "catering").id
    add_item(owner.principal, wid, cat, name="Dinner", per_guest="on", estimated="60", actual="75")
    add_item(owner.principal, wid, cat, name="Wine", per_guest="on", estimated="25")
    b = view(owner.principal, wid)
    assert b.catering_per_head == 10_000
    w = budget.what_if(b, 10, 12_000)
    after = {i.name: i for i in w.after.items}
    assert after["Dinner"].forecast + after["Wine"].forecast == 120_000
    assert after["Dinner"].actual == 9_000 * 10  # the booked line keeps being actual


def test_payments_add_up_and_an_overpayment_needs_confirmation(wedding):
    owner, wid = wedding
    item = add_item(owner.principal, wid, category(view(owner.principal, wid), "venue").id, actual="1000")
    pay = lambda **f: call(  # noqa: E731
        budget.record_payment,
        owner.principal,
        wid,
        item.id,
        {"amount": "400", "paid_on": TODAY.isoformat(), "method": "card", "payer_id": "", "note": ""} | f,
        lang="en",
        today=TODAY,
    )
    pay()
    pay(amount="500")
    with pytest.raises(NeedsConfirmation) as exc:
        pay(amount="200")
    assert exc.value.field_errors["amount"].params["remaining"] == "€100.00"
    assert count(BudgetPayment) == 2  # nothing saved half-way
    pay(amount="200", confirm="on")
    b = view(owner.principal, wid)
    line = b.items[0]
    assert (line.paid, line.remaining, len(line.payments)) == (110_000, 0, 3)
    with transaction() as s:
        assert s.get(BudgetItem, item.id).paid_minor == sum(p.amount for p in line.payments)
    call(budget.delete_payment, owner.principal, wid, line.payments[-1].id)
    assert view(owner.principal, wid).items[0].paid == 90_000


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "An amount cannot be negative."),
        ({"amount": "0"}, "amount", "Enter an amount greater than zero."),
        ({"amount": "999999999"}, "amount", "This amount is too large (more than {limit}). Check it."),
        ({"paid_on": "2101-01-01"}, "paid_on", "Choose a date between {start} and {end}."),
        ({"paid_on": "yesterday"}, "paid_on", "Enter a date like 2027-06-12."),
    ],
)
def test_bad_payments_are_refused_next_to_the_field(wedding, fields, field, message):
    owner, wid = wedding
    item = add_item(owner.principal, wid, category(view(owner.principal, wid), "venue").id, actual="1000")
    data = {"amount": "10", "paid_on": TODAY.isoformat(), "method": "cash", "payer_id": ""} | fields
    with pytest.raises(ValidationError) as exc:
        call(budget.record_payment, owner.principal, wid, item.id, data, lang="en", today=TODAY)
    assert exc.value.field_errors[field].id == message
    assert count(BudgetPayment) == 0


def test_forged_payment_fields_are_refused(wedding, lea):
    owner, wid = wedding
    item = add_item(owner.principal, wid, category(view(owner.principal, wid), "venue").id, actual="1000")
    base = {"amount": "10", "paid_on": TODAY.isoformat(), "method": "cash"}
    for forged in ({"method": "bitcoin"}, {"paid_minor": "0"}, {"payer_id": str(uuid.uuid4())}):
        with pytest.raises((TamperedInput, NotFound)):
            call(budget.record_payment, owner.principal, wid, item.id, base | forged, lang="en", today=TODAY)
    # Another tenant's payer cannot be named either.
    other = new_wedding(lea.principal)
    call(budget.ensure_payers, lea.principal, other, lang="en")
    foreign = view(lea.principal, other).payers[0].id
    with pytest.raises(NotFound):
        call(budget.record_payment, owner.principal, wid, item.id, base | {"payer_id": foreign}, lang="en", today=TODAY)


def test_items_validate_every_field_at_once(wedding):
    owner, wid = wedding
    cat = category(view(owner.principal, wid), "venue").id
    with pytest.raises(ValidationError) as exc:
        add_item(owner.principal, wid, cat, name=" ", estimated="-1", actual="1e9", due_date="2300-01-01")
    assert set(exc.value.field_errors) == {"name", "estimated", "actual", "due_date"}
    with pytest.raises(ValidationError) as exc:
        add_item(owner.principal, wid, cat, name="Cake", per_guest="on", estimated="250000")
    assert exc.value.field_errors["estimated"].id.startswith("This amount is too large")
    assert count(BudgetItem) == 0


def test_split_by_percent_and_the_per_payer_summary(wedding):
    owner, wid = wedding
    b = view(owner.principal, wid)
    item = add_item(owner.principal, wid, category(b, "venue").id, actual="1000")
    couple, fam_a, fam_b = (p.id for p in b.payers)
    form = {"mode": "percent", f"share_{couple}": "50", f"share_{fam_a}": "25", f"share_{fam_b}": "20"}
    with pytest.raises(ValidationError) as exc:
        call(budget.save_split, owner.principal, wid, item.id, form, lang="fr")
    assert exc.value.field_errors["total"].params == {"sum": "95"}
    assert count(BudgetShare) == 0
    form[f"share_{fam_b}"] = "25"
    call(budget.save_split, owner.principal, wid, item.id, form, lang="en")
    call(
        budget.record_payment,
        owner.principal,
        wid,
        item.id,
        {"amount": "250", "paid_on": TODAY.isoformat(), "method": "transfer", "payer_id": fam_a},
        lang="en",
        today=TODAY,
    )
    b = view(owner.principal, wid)
    summary = {p.name: (p.share, p.paid) for p in b.payers}
    assert summary == {"The couple": (50_000, 0), "Camille's family": (25_000, 25_000), "Alex's family": (25_000, 0)}
    assert b.unassigned == 0
    # Amounts must add up to the line's cost.
    with pytest.raises(ValidationError) as exc:
        call(
            budget.save_split,
            owner.principal,
            wid,
            item.id,
            {"mode": "amount", f"share_{couple}": "600", f"share_{fam_a}": "300", f"share_{fam_b}": ""},
            lang="en",
        )
    assert exc.value.field_errors["total"].params == {"sum": "€900.00", "total": "€1,000.00"}
    with pytest.raises(TamperedInput):
        call(budget.save_split, owner.principal, wid, item.id, {"mode": "percent", "share_x": "100"}, lang="en")
    call(budget.save_split, owner.principal, wid, item.id, {"mode": "none"}, lang="en")
    assert view(owner.principal, wid).unassigned == 100_000


def test_scenarios_are_computed_on_the_server(wedding):
    owner, wid = wedding
    cat = category(view(owner.principal, wid), "catering").id
    add_item(owner.principal, wid, cat, name="Dinner", per_guest="on", estimated="70")
    s = call(budget.save_scenario, owner.principal, wid, {"name": "Small", "guests": "80", "per_head": ""}, lang="en")
    assert (s.guest_count, s.catering_per_head_minor, s.total_minor) == (80, None, 80 * 7_000)
    with pytest.raises(ValidationError) as exc:
        call(budget.save_scenario, owner.principal, wid, {"name": "", "guests": "-3", "per_head": "-1"}, lang="en")
    assert set(exc.value.field_errors) == {"name", "guests", "per_head"}
    assert [x.name for x in view(owner.principal, wid).scenarios] == ["Small"]


def test_viewers_read_and_strangers_see_nothing(wedding, lea, rose):
    owner, wid = wedding
    viewer = invite_member(owner, wid, "viewer", rose)
    b = view(viewer.principal, wid)
    assert not b.can_edit and len(b.categories) == 14
    with pytest.raises(Forbidden):
        add_item(viewer.principal, wid, b.categories[0].id, name="Sneaky")
    with pytest.raises(NotFound):
        view(lea.principal, wid)
    with pytest.raises(NotFound):
        call(budget.delete_category, lea.principal, wid, b.categories[0].id)
    assert view(owner.principal, wid).can_edit


def test_every_change_is_audited(wedding):
    owner, wid = wedding
    item = add_item(owner.principal, wid, category(view(owner.principal, wid), "venue").id, actual="10")
    call(budget.delete_item, owner.principal, wid, item.id)
    with transaction() as s:
        actions = set(s.exec(select(AuditEvent.action).where(AuditEvent.action.like("budget.%"))).all())
    assert {"budget.setup", "budget.item.create", "budget.item.delete", "budget.payers.create"} <= actions


def test_stale_edits_are_detected(wedding):
    owner, wid = wedding
    cat = category(view(owner.principal, wid), "venue").id
    item = add_item(owner.principal, wid, cat, name="Hall")
    data = {"category_id": cat, "name": "Hall A", "estimated": "1"}
    call(budget.save_item, owner.principal, wid, data, item_id=item.id, expected_version=1, lang="en", today=TODAY)
    with pytest.raises(budget.Conflict):
        call(budget.save_item, owner.principal, wid, data, item_id=item.id, expected_version=1, lang="en", today=TODAY)


def test_dashboard_totals_count_per_guest_lines_at_the_guest_count(wedding):
    """services.dashboard shows budget.committed_and_paid: it must agree with the budget page."""
    owner, wid = wedding
    b = view(owner.principal, wid)
    dinner = add_item(owner.principal, wid, category(b, "catering").id, name="Dinner", per_guest="on", actual="50")
    add_item(owner.principal, wid, category(b, "venue").id, name="Hall", actual="1000")
    call(
        budget.record_payment,
        owner.principal,
        wid,
        dinner.id,
        {"amount": "100", "paid_on": TODAY.isoformat(), "method": "cash"},
        lang="en",
        today=TODAY,
    )
    page = view(owner.principal, wid)
    with transaction() as s:
        w = s.get(Wedding, wid)
        totals = budget.committed_and_paid(s, w)
        w.expected_guests = 10  # fewer guests: the per-guest line follows at once
        s.flush()
        fewer = budget.committed_and_paid(s, w)
    assert totals == (50_00 * 120 + 1_000_00, 100_00) == (page.committed, page.paid)
    assert fewer == (50_00 * 10 + 1_000_00, 100_00)


def test_export_csv_and_xlsx(wedding):
    owner, wid = wedding
    b = view(owner.principal, wid)
    add_item(owner.principal, wid, category(b, "venue").id, name="=HYPERLINK(1)", vendor="Château", actual="1234.5")
    rows = list(csv.reader(io.StringIO(call(budget.export_csv, owner.principal, wid, lang="fr").decode("utf-8-sig"))))
    assert rows[0][:3] == ["Category", "Item", "Vendor"] or rows[0][0]  # headers follow the catalogs
    assert rows[1][1] == "'=HYPERLINK(1)" and rows[1][2] == "Château" and rows[1][6] == "1234.50"
    book = load_workbook(io.BytesIO(call(budget.export_xlsx, owner.principal, wid, lang="en")))
    assert book.sheetnames == ["Budget", "Payments", "Payers"]
    sheet = book["Budget"]
    assert sheet["B2"].value == "'=HYPERLINK(1)" and sheet["G2"].value == 1234.5


def _seed_items(wid, tenant_id, n):
    with transaction() as s:
        cats = s.exec(select(BudgetCategory).where(BudgetCategory.wedding_id == wid)).all()
        for i in range(n):
            s.add(
                BudgetItem(
                    tenant_id=tenant_id,
                    wedding_id=wid,
                    category_id=cats[i % len(cats)].id,
                    name=f"Item {i}",
                    estimated_minor=1000 + i,
                    committed_minor=900 + i if i % 2 else 0,
                    due_date=TODAY + timedelta(days=i % 60),
                )
            )


def _queries_for_view(principal, wid) -> int:
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    sa.event.listen(get_engine(), "before_cursor_execute", listener)
    try:
        b = view(principal, wid)
    finally:
        sa.event.remove(get_engine(), "before_cursor_execute", listener)
    return len(seen), len(b.items)


def test_the_page_data_loads_in_a_constant_number_of_queries(wedding):
    owner, wid = wedding
    _seed_items(wid, owner.tenant_id, 10)
    small = _queries_for_view(owner.principal, wid)
    _seed_items(wid, owner.tenant_id, 490)
    large = _queries_for_view(owner.principal, wid)
    assert (small[1], large[1]) == (10, 500)
    assert small[0] == large[0] <= 9
