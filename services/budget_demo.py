"""The demo wedding's budget, made lively: per-guest catering, vendors, payers, shares, payments, a scenario.

Called by services.demo.seed_demo right after it creates the budget categories and items; it
keeps their totals (so the dashboard's numbers stay the same) and records every paid amount as
real payments, so paid = sum(payments) holds for the demo as for any wedding.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlmodel import Session, select

from models.budget import BudgetPayer, BudgetPayment, BudgetScenario, BudgetShare
from models.planning import BudgetCategory, BudgetItem
from models.weddings import Wedding
from services.budget import DEFAULT_NAMES, allocate

# item name -> (vendor, per-guest unit (estimated, actual) in major units or None, days from today when due)
_DETAILS: dict[str, tuple[str, tuple[int, int] | None, int | None]] = {
    "Château de Lys rental": ("Château de Lys", None, 12),
    "Dinner, 150 guests": ("Saveurs & Co", (70, 70), 45),
    "Wine and champagne": ("Saveurs & Co", (12, 0), 60),
    "Photographer, full day": ("Lumière Photo", None, 20),
    "DJ and sound": ("DJ Nova", None, 75),
    "Ceremony string trio": ("Quatuor Garonne", None, None),
    "Bouquets and centrepieces": ("Atelier Pivoine", None, 26),
    "Wedding dress": ("Maison Blanche", None, None),
    "Suit": ("Tailleur & Fils", None, None),
    "Invitations and menus": ("Papier Doux", None, None),
    "Wedding bands": ("Bijouterie Lune", None, None),
    "Guest shuttle": ("Bordeaux Navettes", None, -3),
}
_RENAMED = {"Dinner, 150 guests": "Dinner (menu Saveurs)"}
# item name -> split between (couple, partner A's family, partner B's family), in percent
_SPLITS = {
    "Château de Lys rental": (50, 25, 25),
    "Dinner, 150 guests": (40, 30, 30),
    "Wine and champagne": (0, 50, 50),
    "Wedding dress": (0, 100, 0),
}
# who paid which item's payments: index into the payers (0 couple, 1 A's family, 2 B's family)
_PAID_BY = {"Château de Lys rental": 1, "Wedding dress": 1, "Suit": 2}


def seed_budget_extras(s: Session, wedding: Wedding, user_id: uuid.UUID, today: date) -> None:
    t, wid = wedding.tenant_id, wedding.id
    cats = s.exec(select(BudgetCategory).where(BudgetCategory.wedding_id == wid)).all()
    kinds = {name: kind for kind, name in DEFAULT_NAMES.items()}
    guests = wedding.expected_guests
    for position, cat in enumerate(cats):
        cat.kind, cat.position = kinds.get(cat.name, ""), position
        if cat.kind == "catering":
            cat.per_guest, cat.planned_minor = True, cat.planned_minor // max(guests, 1)
    payers = [
        BudgetPayer(tenant_id=t, wedding_id=wid, name=name, kind=kind, position=n)
        for n, (kind, name) in enumerate(
            (
                ("couple", "The couple"),
                ("family_a", f"{wedding.partner_a}'s family"),
                ("family_b", f"{wedding.partner_b}'s family"),
            )
        )
    ]
    s.add_all(payers)
    s.flush()
    items = s.exec(select(BudgetItem).where(BudgetItem.wedding_id == wid)).all()
    for item in items:
        vendor, unit, due_in = _DETAILS.get(item.name, ("", None, None))
        original = item.name
        item.vendor = vendor
        if unit:
            item.per_guest = True
            item.unit_estimated_minor, item.unit_actual_minor = unit[0] * 100, unit[1] * 100
            item.estimated_minor, item.committed_minor = unit[0] * 100 * guests, unit[1] * 100 * guests
        if due_in is not None:
            item.due_date = today + timedelta(days=due_in)
        item.name = _RENAMED.get(original, original)
        if original in _SPLITS:
            item.split_mode = "percent"
            for payer, pct in zip(payers, _SPLITS[original], strict=True):
                if pct:
                    s.add(
                        BudgetShare(
                            tenant_id=t, wedding_id=wid, item_id=item.id, payer_id=payer.id, percent_bp=pct * 100
                        )
                    )
        if item.paid_minor:
            # A deposit months ago, and the balance later when the item is paid in full.
            full = item.paid_minor == max(item.committed_minor, item.estimated_minor)
            parts = allocate(item.paid_minor, [30, 70]) if full and item.paid_minor > 50_000 else [item.paid_minor]
            payer = payers[_PAID_BY.get(original, 0)]
            for n, amount in enumerate(parts):
                s.add(
                    BudgetPayment(
                        tenant_id=t,
                        wedding_id=wid,
                        item_id=item.id,
                        amount_minor=amount,
                        paid_on=today - timedelta(days=(120 if n == 0 else 30) + len(item.name)),
                        method=("transfer", "card")[n % 2],
                        payer_id=payer.id,
                        note="Deposit" if n == 0 and len(parts) > 1 else "",
                        created_by=user_id,
                    )
                )
    s.add(
        BudgetScenario(
            tenant_id=t,
            wedding_id=wid,
            name="Smaller wedding, 120 guests",
            guest_count=120,
            catering_per_head_minor=None,
            total_minor=sum(
                (i.unit_actual_minor or i.unit_estimated_minor) * 120
                if i.per_guest
                else (i.committed_minor or i.estimated_minor)
                for i in items
            ),
            created_by=user_id,
        )
    )
