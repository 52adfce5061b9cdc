"""Demo data for the checklist and the day-of timeline (called by services.demo.seed_demo)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from models.planning import Task, TimelineItem
from models.weddings import Wedding, WeddingEvent
from services.templates import template_tasks

# Early tasks the demo couple has not done yet: they show as overdue on the dashboard and checklist.
_STILL_OPEN = {"Book a hotel room block for guests", "Register for gifts", "Book transportation"}
# (event kind, day offset, hh, mm, title, location, minutes, people, vendors, notes)
_TIMELINE = [
    ("rehearsal", -1, 18, 0, "Ceremony rehearsal", "Château de Lys, garden", 45, "Wedding party, officiant", "", ""),
    ("rehearsal", -1, 19, 0, "Rehearsal dinner", "La Table du Port", 150, "Both families", "", "Table booked for 24"),
    ("ceremony", 0, 10, 0, "Hair and makeup", "Bridal suite", 150, "Camille, bridesmaids", "Studio Éclat", ""),
    ("ceremony", 0, 13, 0, "Photographer arrives", "Château de Lys", 30, "", "Lumière Photo", ""),
    ("ceremony", 0, 13, 30, "Couple portraits", "Rose garden", 60, "Camille & Alex", "Lumière Photo", ""),
    ("ceremony", 0, 14, 30, "Guests arrive", "Château de Lys, garden", 30, "Ushers: Hugo and Léa", "", ""),
    ("ceremony", 0, 15, 0, "Ceremony", "Château de Lys, garden", 45, "Officiant: Marie", "String trio", ""),
    (
        "ceremony",
        0,
        15,
        45,
        "Group photos",
        "Front steps",
        45,
        "Léa gathers the families",
        "Lumière Photo",
        "Printed list of groups",
    ),
    ("reception", 0, 16, 30, "Cocktail hour", "Terrace", 90, "", "Saveurs & Co", "Lemonade for the children"),
    (
        "reception",
        0,
        17,
        0,
        "Golden hour portraits",
        "Vineyard",
        30,
        "Camille & Alex",
        "Lumière Photo",
        "During the cocktail: the couple slips away for half an hour",
    ),
    ("reception", 0, 18, 0, "Dinner is served", "Great hall", 150, "", "Saveurs & Co", ""),
    ("reception", 0, 20, 30, "Speeches and toasts", "Great hall", 30, "Best man, maid of honour", "", ""),
    ("reception", 0, 21, 0, "First dance", "Great hall", 15, "Camille & Alex", "DJ Nova", ""),
    ("reception", 0, 21, 15, "Dancing", "Great hall", 165, "", "DJ Nova", "Last song at 00:00"),
    ("brunch", 1, 11, 0, "Sunday brunch", "Orangery", 120, "", "Saveurs & Co", ""),
]


def seed_planning(
    session: Session, wedding: Wedding, events: list[WeddingEvent], user_id: uuid.UUID, today: date
) -> None:
    """The classic template's full checklist, done up to a couple of weeks ago (a few overdue), and a
    detailed day-of timeline per event with one deliberate overlap (golden-hour portraits during the cocktail)."""
    t, wid = wedding.tenant_id, wedding.id
    for order, task in enumerate(template_tasks("classic")):
        due = wedding.wedding_date - timedelta(days=task.days_before)
        done = due < today - timedelta(days=14) and task.title not in _STILL_OPEN
        session.add(
            Task(
                tenant_id=t,
                wedding_id=wid,
                title=task.title,
                category=task.category,
                due_date=due,
                done_at=datetime.combine(due, time(18), UTC) if done else None,
                assignee_user_id=user_id if order % 3 == 0 else None,
                sort_order=order,
            )
        )
    by_kind = {e.kind: e for e in events}
    tz = ZoneInfo(wedding.timezone)
    for kind, day, hh, mm, title, place, minutes, people, vendors, notes in _TIMELINE:
        session.add(
            TimelineItem(
                tenant_id=t,
                wedding_id=wid,
                event_id=by_kind[kind].id if kind in by_kind else None,
                title=title,
                starts_at=datetime.combine(wedding.wedding_date + timedelta(days=day), time(hh, mm), tz).astimezone(
                    UTC
                ),
                duration_minutes=minutes,
                location=place,
                people=people,
                vendors=vendors,
                notes=notes,
            )
        )
