"""The demo wedding's guest list details: invitations per event, answers, meals, diets, tags, children."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from sqlmodel import Session, select

from models.guests import EventMealOption, Guest, GuestEventInvitation, GuestTag
from models.weddings import Wedding, WeddingEvent

_CAPACITY = {"rehearsal": 60, "ceremony": 180, "reception": 160, "brunch": 90}
_MEALS = {
    "reception": ["Beef tenderloin", "Sea bass", "Mushroom risotto", "Kids' menu"],
    "rehearsal": ["Paella", "Vegetable paella"],
}
_STREETS = ("rue des Vignes", "cours de l'Intendance", "rue Sainte-Catherine", "quai des Chartrons", "avenue Thiers")
_CITIES = ("33000 Bordeaux", "75011 Paris", "69002 Lyon", "13006 Marseille", "44000 Nantes")


def seed_guest_list(
    session: Session,
    wedding: Wedding,
    events: list[WeddingEvent],
    household_rsvp: Mapping[uuid.UUID, str],
    now: datetime,
) -> None:
    """Everything a realistic guest page shows, for the guests and households the demo already created."""
    rng = random.Random(1206)  # noqa: S311 - demo data, not secrets
    session.flush()
    t, wid = wedding.tenant_id, wedding.id
    by_kind = {e.kind: e for e in events}
    meals: dict[str, list[EventMealOption]] = {}
    for e in events:
        e.capacity = _CAPACITY.get(e.kind)
        options = [
            EventMealOption(tenant_id=t, wedding_id=wid, event_id=e.id, name=n, position=i)
            for i, n in enumerate(_MEALS.get(e.kind, []))
        ]
        session.add_all(options)
        meals[e.kind] = options
    guests = session.exec(select(Guest).where(Guest.wedding_id == wid).order_by(Guest.created_at, Guest.id)).all()
    households: dict[uuid.UUID, list[Guest]] = defaultdict(list)
    for g in guests:
        households[g.household_id].append(g)
    for n, (hid, members) in enumerate(households.items()):
        status = household_rsvp.get(hid, "pending")
        tags = ["Family"] if n % 3 == 0 else [rng.choice(("College friends", "Work", "Neighbours", "Tennis club"))]
        if n % 11 == 0:
            tags.append("Wedding party")
        lead = members[0]
        lead.phone = f"+336{rng.randrange(10_000_000, 99_999_999)}"
        lead.address = f"{rng.randrange(1, 120)} {rng.choice(_STREETS)}\n{rng.choice(_CITIES)}"
        lead.language = rng.choice(("fr", "fr", "en", "es"))
        if len(members) == 1 and n % 5 == 0:
            lead.plus_one = "unnamed"
        elif len(members) == 1 and n % 7 == 0:
            lead.plus_one, lead.plus_one_name = "named", rng.choice(("Chris Evans", "Nora Petit", "Luis Ortega"))
        for i, g in enumerate(members):
            g.language = g.language or lead.language
            if i >= 2:
                g.age_group = "infant" if rng.random() < 0.25 else "child"
            roll = rng.random()
            if roll < 0.08:
                g.dietary = ["vegetarian"]
            elif roll < 0.11:
                g.dietary = ["vegan"]
            elif roll < 0.15:
                g.dietary = ["gluten_free"]
            elif roll < 0.18:
                g.dietary = ["nut_allergy"]
            elif roll < 0.19:
                g.dietary, g.dietary_notes = ["shellfish_allergy"], "Carries an EpiPen"
            if i == 0 and n % 17 == 0:
                g.accessibility = "Wheelchair user: step-free access and an aisle seat"
            if i == 1 and n % 13 == 0:
                g.dietary_notes = "No raw onions"
            for tag in tags:
                session.add(GuestTag(tenant_id=t, wedding_id=wid, guest_id=g.id, name=tag))
            invited = ["ceremony", "reception"]
            if "Family" in tags or "Wedding party" in tags:
                invited.append("rehearsal")
            if n % 5 < 3:
                invited.append("brunch")
            for kind in invited:
                event = by_kind.get(kind)
                if event is None:
                    continue
                answer = status
                if kind == "brunch":
                    answer = (
                        "pending"
                        if status == "pending" or rng.random() < 0.4
                        else rng.choice(("attending", "declined"))
                    )
                if g.age_group == "infant" and kind == "rehearsal":
                    continue
                meal = None
                if answer == "attending" and meals.get(kind) and rng.random() < 0.9:
                    options = meals[kind]
                    if g.age_group != "adult" and kind == "reception":
                        meal = options[3]
                    elif set(g.dietary) & {"vegetarian", "vegan"}:
                        meal = options[2] if kind == "reception" else options[1]
                    else:
                        meal = rng.choice(options[:2])
                plus = g.plus_one != "none" and answer == "attending" and kind in ("ceremony", "reception")
                session.add(
                    GuestEventInvitation(
                        tenant_id=t,
                        wedding_id=wid,
                        guest_id=g.id,
                        event_id=event.id,
                        rsvp_status=answer,
                        meal_option_id=meal.id if meal else None,
                        plus_one_attending=plus,
                        plus_one_meal_option_id=meals["reception"][1].id if plus and kind == "reception" else None,
                        responded_at=None if answer == "pending" else now,
                    )
                )
