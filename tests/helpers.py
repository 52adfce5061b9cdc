"""Helpers shared by the unit and integration suites. They go through the real services."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, func, select

import models  # noqa: F401  (registers every table)
from models.guests import EventMealOption, Guest, GuestEventInvitation, GuestTag, Household
from models.notifications import OutboxMessage
from models.planning import BudgetCategory, BudgetItem, Task, TimelineItem
from models.vendors import WeddingVendor
from models.weddings import WeddingEvent
from services import auth, collaborators, ratelimit, sessions, weddings
from services.authz import Principal, Role
from services.config import get_settings
from services.db import dispose_engines, get_engine, transaction

PASSWORD = "correct horse battery staple"


def reset_caches() -> None:
    """Forget every cached setting, engine, session store and rate-limit counter."""
    dispose_engines()
    get_settings.cache_clear()
    sessions.store.cache_clear()
    ratelimit._counter.cache_clear()


# Variables a developer's shell may carry that would redirect the app away from the test backends.
_FOREIGN_ENV = (
    "ATTITUDES_DATABASE_URL",
    "REFLEX_DB_URL",
    "ATTITUDES_REDIS_URL",
    "REFLEX_REDIS_URL",
    "ATTITUDES_SMTP_HOST",
    "ATTITUDES_SESSION_IDLE_HOURS",
    "ATTITUDES_SESSION_MAX_DAYS",
    "REFLEX_API_URL",
)
BASE_URL = "http://attitudes.test"


def configure_backend(
    mp: pytest.MonkeyPatch,
    database_url: str,
    redis_url: str | None = None,
    *,
    login_rate_limit: int | None = 100_000,
    signup_rate_limit: int | None = 100_000,
) -> None:
    """Point the whole app at `database_url` (and Redis when given) and forget every cache.

    Rate limits are set high so tests can sign up many users from one IP; the rate-limit tests
    pass None to get the real defaults (or a small number of their own).
    """
    reset_caches()
    for name in _FOREIGN_ENV:
        mp.delenv(name, raising=False)
    mp.setenv("ATTITUDES_DATABASE_URL", database_url)
    mp.setenv("ATTITUDES_BASE_URL", BASE_URL)
    if redis_url:
        mp.setenv("ATTITUDES_REDIS_URL", redis_url)
    for name, value in (
        ("ATTITUDES_LOGIN_RATE_LIMIT", login_rate_limit),
        ("ATTITUDES_SIGNUP_RATE_LIMIT", signup_rate_limit),
    ):
        if value is None:
            mp.delenv(name, raising=False)
        else:
            mp.setenv(name, str(value))
    reset_caches()


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


@dataclass
class Account:
    email: str
    password: str
    name: str
    user_id: uuid.UUID
    tenant_id: uuid.UUID | None
    token: str

    @property
    def principal(self) -> Principal:
        """Freshly resolved from the session token, so new memberships show up."""
        p = auth.principal_from_token(self.token)
        assert p is not None, "the account's session should be alive"
        return p


def signup(
    name: str = "Camille Martin",
    *,
    email: str | None = None,
    password: str = PASSWORD,
    kind: str = "couple",
    invite_token: str = "",
    ip: str = "10.0.0.1",
    lang: str = "en",
) -> Account:
    email = email or unique_email(name.split()[0].lower())
    ticket = auth.signup(
        {"display_name": name, "email": email, "password": password, "tenant_kind": kind, "tenant_name": ""},
        ip=ip,
        lang=lang,
        invite_token=invite_token,
    )
    token = auth.exchange_login_ticket(ticket, ip=ip, user_agent="pytest")
    assert token
    p = auth.principal_from_token(token)
    owned = [t for t, r in p.roles.items() if r == Role.OWNER]
    tenant_id = owned[0] if owned else (p.tenant_ids[0] if p.tenant_ids else None)
    return Account(email.lower(), password, name, p.user_id, tenant_id, token)


def login(email: str, password: str = PASSWORD, ip: str = "10.0.0.2") -> str:
    """Log in through the real path; returns a session token."""
    ticket = auth.login({"email": email, "password": password}, ip=ip)
    token = auth.exchange_login_ticket(ticket, ip=ip, user_agent="pytest")
    assert token
    return token


def wedding_form(**overrides: Any) -> dict[str, Any]:
    form = {
        "partner_a": "Camille",
        "partner_b": "Alex",
        "wedding_date": (date.today() + timedelta(days=200)).isoformat(),
        "venue_name": "Château de Lys",
        "venue_address": "12 route des Vignes, Bordeaux",
        "expected_guests": "120",
        "budget_total": "25000",
        "currency": "EUR",
        "locale": "en",
        "timezone": "Europe/Paris",
    }
    form.update(overrides)
    return form


def new_wedding(
    principal: Principal, tenant_id: uuid.UUID | None = None, *, template: str | None = None, **overrides: Any
) -> uuid.UUID:
    """A wedding through the real service; `template` (classic, intimate, ...) pre-fills the planning."""
    with transaction() as s:
        w = weddings.create_wedding(
            s,
            principal,
            wedding_form(**overrides),
            tenant_id=tenant_id,
            viewer_lang="en",
            today=date.today(),
            template=template,
        )
        return w.id


def last_email(to: str) -> OutboxMessage:
    with transaction() as s:
        msg = s.exec(
            select(OutboxMessage).where(OutboxMessage.to_email == to.lower()).order_by(OutboxMessage.created_at.desc())
        ).first()
    assert msg is not None, f"no email was sent to {to}"
    return msg


def link_token(body: str, path: str) -> str:
    """The token of the first `{base_url}/{path}/<token>` link in an email body."""
    match = re.search(re.escape(f"{get_settings().base_url}/{path}/") + r"([A-Za-z0-9_\-]+)", body)
    assert match, f"no /{path}/ link in: {body!r}"
    return match.group(1)


def invite_member(
    owner: Account, wedding_id: uuid.UUID, role: str, member: Account | None = None, *, name: str = "Sam Planner"
) -> Account:
    """Invite someone by email; they accept from the link in that email.

    An existing `member` accepts while logged in; otherwise a new user signs up from the link.
    """
    email = member.email if member else unique_email(role)
    with transaction() as s:
        collaborators.invite(s, owner.principal, wedding_id, email, role, lang="en")
    token = link_token(last_email(email).body_text, "invite")
    if member is None:
        return signup(name, email=email, invite_token=token)
    with transaction() as s:
        collaborators.accept_invitation(s, member.principal, token)
    return member


def count(model: type[SQLModel], *where: Any) -> int:
    with transaction() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


def seed_planning(wedding_id: uuid.UUID, tenant_id: uuid.UUID, *, today: date, now: datetime) -> None:
    """Guests, budget, tasks, vendors and a timeline with known totals (see test_dashboard)."""
    with transaction() as s:
        hh = Household(tenant_id=tenant_id, wedding_id=wedding_id, name="Dubois household")
        s.add(hh)
        s.flush()
        # RSVPs are per event (Guests issue): answers to the Reception, which has one meal option.
        reception = WeddingEvent(tenant_id=tenant_id, wedding_id=wedding_id, name="Reception", kind="reception")
        s.add(reception)
        s.flush()
        meal = EventMealOption(tenant_id=tenant_id, wedding_id=wedding_id, event_id=reception.id, name="Fish")
        s.add(meal)
        for i, status in enumerate(["attending"] * 3 + ["declined"] * 2 + ["pending"] * 4):
            guest = Guest(tenant_id=tenant_id, wedding_id=wedding_id, household_id=hh.id, first_name=f"Guest{i}")
            s.add(guest)
            s.flush()
            s.add(GuestTag(tenant_id=tenant_id, wedding_id=wedding_id, guest_id=guest.id, name="Family"))
            s.add(
                GuestEventInvitation(
                    tenant_id=tenant_id,
                    wedding_id=wedding_id,
                    guest_id=guest.id,
                    event_id=reception.id,
                    rsvp_status=status,
                    meal_option_id=meal.id if status == "attending" else None,
                )
            )
        cat = BudgetCategory(tenant_id=tenant_id, wedding_id=wedding_id, name="Venue", planned_minor=900_000)
        s.add(cat)
        s.flush()
        for name, est, committed, paid in (
            ("Hall", 800_000, 750_000, 250_000),
            ("Chairs", 60_000, 40_000, 40_000),
            ("Flowers", 120_000, 0, 0),
        ):
            s.add(
                BudgetItem(
                    tenant_id=tenant_id,
                    wedding_id=wedding_id,
                    category_id=cat.id,
                    name=name,
                    estimated_minor=est,
                    committed_minor=committed,
                    paid_minor=paid,
                )
            )
        for title, offset, done in (
            ("Book the caterer", -3, False),
            ("Send invitations", 5, False),
            ("Choose flowers", 10, False),
            ("Write vows", 40, False),
            ("Set the budget", 2, True),
            ("Someday", None, False),
        ):
            s.add(
                Task(
                    tenant_id=tenant_id,
                    wedding_id=wedding_id,
                    title=title,
                    due_date=None if offset is None else today + timedelta(days=offset),
                    done_at=now if done else None,
                )
            )
        for name, status in (("Lumière Photo", "booked"), ("DJ Nova", "booked"), ("Atelier Pivoine", "considering")):
            s.add(WeddingVendor(tenant_id=tenant_id, wedding_id=wedding_id, name=name, category="x", status=status))
        for title, delta in (
            ("Yesterday's tasting", timedelta(hours=-1)),
            ("Ceremony", timedelta(days=1)),
            ("Fitting", timedelta(hours=2)),
        ):
            s.add(TimelineItem(tenant_id=tenant_id, wedding_id=wedding_id, title=title, starts_at=now + delta))


def table_rows(table: sa.Table, *where: Any) -> list[tuple]:
    with get_engine().connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(table).where(*where).order_by(*table.primary_key.columns))]
