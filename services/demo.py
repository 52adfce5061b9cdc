"""Demo data: a couple's wedding ~4 months out with 150 guests, a budget, tasks, vendors, a timeline."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from models.guests import Guest, Household
from models.planning import BudgetCategory, BudgetItem
from models.tenancy import Membership, Tenant, User
from models.vendors import WeddingVendor
from models.weddings import Wedding, WeddingEvent
from services.auth import _hasher
from services.authz import Role
from services.booking_demo import seed_booking_demo
from services.budget_demo import seed_budget_extras
from services.contract_demo import seed_contract_demo
from services.db import transaction
from services.guest_demo import seed_guest_list
from services.planning_demo import seed_planning
from services.rsvp_demo import seed_rsvp_demo
from services.seating.demo import seed_seating_demo
from services.vendor_demo import VENDOR_PASSWORD, seed_vendor_demo

DEMO_EMAIL = "demo@attitudes.vip"
DEMO_PASSWORD = "demo-wedding-2027"
ADMIN_EMAIL = "admin@attitudes.vip"
ADMIN_PASSWORD = "admin-attitudes-2027"

_FIRST = (
    "Alice Bruno Camille David Emma Felix Gabriel Hugo Ines Jules Lea Louis Manon Nathan Olivia Paul "
    "Rose Sacha Theo Zoe Ana Carlos Lucia Mateo Sofia Diego Elena Pablo Marta Javier Grace Henry Isla "
    "Jack Mia Noah Ruby Sam Tess Will"
).split()
_LAST = (
    "Martin Bernard Dubois Laurent Moreau Garcia Lopez Martinez Sanchez Perez Smith Brown Taylor Wilson "
    "Evans Roux Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Leroy Colin Navarro"
).split()
_BUDGET = [  # category, planned (EUR), items: (name, estimated, committed, paid)
    ("Venue", 9000, [("Château de Lys rental", 8500, 8500, 4250)]),
    ("Catering", 12000, [("Dinner, 150 guests", 10500, 10500, 3000), ("Wine and champagne", 1800, 0, 0)]),
    ("Photography", 3000, [("Photographer, full day", 2800, 2800, 800)]),
    ("Music", 2000, [("DJ and sound", 1400, 1400, 400), ("Ceremony string trio", 650, 0, 0)]),
    ("Flowers", 2500, [("Bouquets and centrepieces", 2200, 0, 0)]),
    ("Attire", 3500, [("Wedding dress", 2100, 2100, 2100), ("Suit", 900, 900, 900)]),
    ("Stationery", 600, [("Invitations and menus", 540, 540, 540)]),
    ("Rings", 1800, [("Wedding bands", 1650, 1650, 1650)]),
    ("Transport", 800, [("Guest shuttle", 700, 0, 0)]),
    ("Contingency", 2000, []),
]


def seed_demo(today: datetime | None = None) -> bool:
    """Create the demo account once; returns False if it already exists."""
    rng = random.Random(2027)
    today = today or datetime.now(UTC)
    with transaction() as s:
        if s.exec(select(User.id).where(User.email == DEMO_EMAIL)).first():
            return False
        tenant = Tenant(name="Camille & Alex", kind="couple")
        user = User(email=DEMO_EMAIL, password_hash=_hasher.hash(DEMO_PASSWORD), display_name="Camille Martin")
        s.add_all([tenant, user])
        s.flush()
        s.add(Membership(tenant_id=tenant.id, user_id=user.id, role=Role.OWNER))
        if not s.exec(select(User.id).where(User.email == ADMIN_EMAIL)).first():
            s.add(
                User(
                    email=ADMIN_EMAIL,
                    password_hash=_hasher.hash(ADMIN_PASSWORD),
                    display_name="Platform admin",
                    is_platform_admin=True,
                )
            )
        wedding_day = (today + timedelta(days=124)).date()
        tz = ZoneInfo("Europe/Paris")
        w = Wedding(
            tenant_id=tenant.id,
            partner_a="Camille",
            partner_b="Alex",
            wedding_date=wedding_day,
            venue_name="Château de Lys",
            venue_address="12 route des Vignes, 33000 Bordeaux, France",
            expected_guests=150,
            budget_total_minor=40_000_00,
            currency="EUR",
            locale="en",
            timezone="Europe/Paris",
            created_by=user.id,
        )
        s.add(w)
        s.flush()
        t, wid = tenant.id, w.id

        def at(day_offset: int, hh: int, mm: int = 0) -> datetime:
            return datetime.combine(wedding_day + timedelta(days=day_offset), time(hh, mm), tz).astimezone(UTC)

        events = [
            WeddingEvent(tenant_id=t, wedding_id=wid, name="Rehearsal dinner", kind="rehearsal", starts_at=at(-1, 19)),
            WeddingEvent(tenant_id=t, wedding_id=wid, name="Ceremony", kind="ceremony", starts_at=at(0, 15)),
            WeddingEvent(tenant_id=t, wedding_id=wid, name="Reception", kind="reception", starts_at=at(0, 18)),
            WeddingEvent(tenant_id=t, wedding_id=wid, name="Sunday brunch", kind="brunch", starts_at=at(1, 11)),
        ]
        s.add_all(events)
        guests = 0
        household_rsvp = {}  # the household's answer, spread over the events by seed_guest_list
        while guests < 150:
            last = rng.choice(_LAST)
            size = min(rng.choice((1, 2, 2, 2, 3, 4)), 150 - guests)
            hh = Household(tenant_id=t, wedding_id=wid, name=f"{last} household")
            s.add(hh)
            s.flush()
            status = rng.choices(("attending", "declined", "pending"), weights=(55, 10, 35))[0]
            household_rsvp[hh.id] = status
            side = rng.choice(("a", "b", "both"))
            for i in range(size):
                first = rng.choice(_FIRST)
                s.add(
                    Guest(
                        tenant_id=t,
                        wedding_id=wid,
                        household_id=hh.id,
                        first_name=first,
                        last_name=last,
                        email=f"{first}.{last}.{guests}@example.com".lower() if i == 0 else "",
                        side=side,
                        invited_at=today,
                    )
                )
                guests += 1
        seed_guest_list(s, w, events, household_rsvp, today)
        seed_rsvp_demo(s, w, today)  # RSVP deadline, invitations sent, songs and messages
        seed_seating_demo(s, w, events)  # the reception's seating plan: tables, room, rules
        for name, planned, items in _BUDGET:
            cat = BudgetCategory(tenant_id=t, wedding_id=wid, name=name, planned_minor=planned * 100)
            s.add(cat)
            s.flush()
            for item, est, committed, paid in items:
                s.add(
                    BudgetItem(
                        tenant_id=t,
                        wedding_id=wid,
                        category_id=cat.id,
                        name=item,
                        estimated_minor=est * 100,
                        committed_minor=committed * 100,
                        paid_minor=paid * 100,
                        due_date=wedding_day - timedelta(days=rng.choice((7, 14, 30, 60))),
                    )
                )
        s.flush()
        seed_budget_extras(s, w, user.id, today.date())
        # The classic checklist and a day-of timeline per event (with one overlap flagged).
        seed_planning(s, w, events, user.id, today.date())
        for name, category, status in (
            ("Château de Lys", "Venue", "booked"),
            ("Lumière Photo", "Photography", "booked"),
            ("Saveurs & Co", "Catering", "booked"),
            ("DJ Nova", "Music", "booked"),
            ("Atelier Pivoine", "Flowers", "considering"),
        ):
            s.add(
                WeddingVendor(
                    tenant_id=t,
                    wedding_id=wid,
                    name=name,
                    category=category,
                    status=status,
                    email=f"hello@{name.lower().replace(' ', '').replace('&', '')}.example",
                )
            )
        # The marketplace: 24 vendor organizations, the demo photographer's login, two on the couple's shortlist.
        seed_vendor_demo(s, today.date(), password_hash=_hasher.hash(VENDOR_PASSWORD), wedding=w)
        seed_booking_demo(s, w, user, today)  # the photographer booked, with a short thread of messages
        seed_contract_demo(s, w, user, today)  # contracts waiting in the admin review queue
    return True
