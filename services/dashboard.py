"""The wedding dashboard's numbers, from real data, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, func, select

from models.planning import Task, TimelineItem
from models.vendors import WeddingVendor
from services.authz import Permission, Principal
from services.budget import committed_and_paid
from services.guests import rsvp_totals
from services.weddings import load_wedding

TASK_HORIZON = timedelta(days=30)


@dataclass
class Dashboard:
    wedding_id: str
    partner_a: str
    partner_b: str
    wedding_date: date
    venue_name: str
    currency: str
    timezone: str
    locale: str
    expected_guests: int
    days_to_go: int
    guests_invited: int
    guests_attending: int
    guests_declined: int
    guests_pending: int
    budget_total_minor: int
    budget_committed_minor: int
    budget_paid_minor: int
    vendors_booked: int
    vendors_total: int
    tasks_open: int
    tasks_done: int
    tasks_due: list[dict[str, Any]] = field(default_factory=list)  # overdue first, then next 30 days
    timeline_next: list[dict[str, Any]] = field(default_factory=list)


def wedding_dashboard(
    session: Session, principal: Principal, wedding_id: Any, *, today: date, now: datetime
) -> Dashboard:
    w = load_wedding(session, principal, wedding_id, Permission.WEDDING_VIEW)
    # Answers to the main event (reception, else the first event): services.guests owns that rule.
    rsvp = rsvp_totals(session, w)
    # Per-guest budget lines at the current guest count (services.budget owns that rule).
    budget = committed_and_paid(session, w)
    vendors = session.exec(
        select(func.count(), func.coalesce(func.sum(sa.case((WeddingVendor.status == "booked", 1), else_=0)), 0)).where(
            WeddingVendor.wedding_id == w.id
        )
    ).one()
    tasks = session.exec(
        select(func.count(), func.coalesce(func.sum(sa.case((Task.done_at.is_not(None), 1), else_=0)), 0)).where(
            Task.wedding_id == w.id
        )
    ).one()
    due = session.exec(
        select(Task)
        .where(
            Task.wedding_id == w.id,
            Task.done_at.is_(None),
            Task.due_date.is_not(None),
            Task.due_date <= today + TASK_HORIZON,
        )
        .order_by(Task.due_date)
        .limit(6)
    ).all()
    upcoming = session.exec(
        select(TimelineItem)
        .where(TimelineItem.wedding_id == w.id, TimelineItem.starts_at >= now)
        .order_by(TimelineItem.starts_at)
        .limit(5)
    ).all()
    total_tasks, done_tasks = int(tasks[0]), int(tasks[1])
    return Dashboard(
        wedding_id=str(w.id),
        partner_a=w.partner_a,
        partner_b=w.partner_b,
        wedding_date=w.wedding_date,
        venue_name=w.venue_name,
        currency=w.currency,
        timezone=w.timezone,
        locale=w.locale,
        expected_guests=w.expected_guests,
        days_to_go=(w.wedding_date - today).days,
        guests_invited=rsvp["invited"],
        guests_attending=rsvp["attending"],
        guests_declined=rsvp["declined"],
        guests_pending=rsvp["pending"],
        budget_total_minor=w.budget_total_minor,
        budget_committed_minor=int(budget[0]),
        budget_paid_minor=int(budget[1]),
        vendors_total=int(vendors[0]),
        vendors_booked=int(vendors[1]),
        tasks_open=total_tasks - done_tasks,
        tasks_done=done_tasks,
        tasks_due=[{"title": t.title, "due_date": t.due_date, "overdue": t.due_date < today} for t in due],
        timeline_next=[{"title": i.title, "starts_at": i.starts_at, "location": i.location} for i in upcoming],
    )
