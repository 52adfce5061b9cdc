"""Tenant A can neither read nor change anything of tenant B through any public service function.

Every public function of services.weddings, services.dashboard and services.collaborators that
takes a `principal` is listed in ATTACKS; test_every_principal_function_is_covered fails when a
new one appears without a case here.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlmodel import SQLModel, select

from models.base import utcnow
from models.tenancy import CollaboratorInvitation
from services import collaborators, dashboard, i18n, weddings
from services.authz import PLATFORM_ADMIN_PERMISSIONS, Permission, Principal
from services.db import transaction
from services.errors import DomainError, NotFound
from tests.helpers import (
    Account,
    configure_backend,
    invite_member,
    new_wedding,
    reset_caches,
    seed_planning,
    signup,
    table_rows,
    unique_email,
)
from tests.integration.booking_attacks import (
    BOOKING_ATTACKS,
    BOOKING_LISTINGS,
    BOOKING_MODULES,
    BOOKING_TABLES,
    seed_bookings,
)
from tests.integration.contract_attacks import (
    CONTRACT_ATTACKS,
    CONTRACT_LISTINGS,
    CONTRACT_MODULES,
    CONTRACT_TABLES,
    seed_contracts,
)
from tests.integration.guest_attacks import GUEST_ATTACKS, GUEST_MODULES, GUEST_TABLES
from tests.integration.rsvp_attacks import RSVP_ATTACKS, RSVP_MODULES
from tests.integration.seating_attacks import SEATING_ATTACKS, SEATING_MODULES, SEATING_TABLES, seed_seating
from tests.integration.vendor_attacks import (
    VENDOR_ATTACKS,
    VENDOR_LISTINGS,
    VENDOR_MODULES,
    VENDOR_TABLES,
    seed_vendors,
)

MODULES = (
    weddings,
    dashboard,
    collaborators,
    *GUEST_MODULES,
    *RSVP_MODULES,
    *SEATING_MODULES,
    *BOOKING_MODULES,
    *VENDOR_MODULES,
    *CONTRACT_MODULES,
)
TODAY = date.today()


@dataclass
class Tenant:
    owner: Account
    partner: Account
    wedding_id: uuid.UUID
    invitation_id: uuid.UUID
    invitation_token: str
    names: str


def build_tenant(name: str, partner_a: str, partner_b: str) -> Tenant:
    owner = signup(name)
    wid = new_wedding(owner.principal, partner_a=partner_a, partner_b=partner_b)
    seed_planning(wid, owner.tenant_id, today=TODAY, now=utcnow())
    partner = invite_member(owner, wid, "partner", name=f"{partner_b} Partner")
    with transaction() as s:
        token = collaborators.invite(s, owner.principal, wid, unique_email("pending"), "viewer", lang="en")
    with transaction() as s:
        inv = s.exec(
            select(CollaboratorInvitation).where(
                CollaboratorInvitation.tenant_id == owner.tenant_id, CollaboratorInvitation.accepted_at.is_(None)
            )
        ).one()
    return Tenant(owner, partner, wid, inv.id, token, f"{partner_a} & {partner_b}")


@pytest.fixture(scope="module")
def tenants(pg_url):
    """Two fully furnished tenants, built once on the session database."""
    with pytest.MonkeyPatch.context() as mp:
        configure_backend(mp, pg_url)
        a = build_tenant("Camille Martin", "Camille", "Alex")
        b = build_tenant("Beatriz Navarro", "Beatriz", "Bruno")
        seed_seating(a), seed_seating(b)  # a reception seating plan each (seating_attacks.py)
        seed_bookings(b)  # B's vendor, quotes, booking, thread, review (booking_attacks.py)
        seed_vendors(b)  # B's shortlist; vendor organizations' private side (vendor_attacks.py)
        seed_contracts(b)  # B's booking with an executed and a draft contract (contract_attacks.py)
        reset_caches()
    return a, b


def snapshot(t: Tenant) -> dict[str, list[tuple]]:
    """Every row that belongs to tenant B (or to its users)."""
    users = [t.owner.user_id, t.partner.user_id]
    rows = {}
    for table in SQLModel.metadata.sorted_tables:
        if "tenant_id" in table.c:
            rows[table.name] = table_rows(table, table.c.tenant_id == t.owner.tenant_id)
        elif table.name == "app_user":
            rows[table.name] = table_rows(table, table.c.id.in_(users))
        elif "user_id" in table.c:
            rows[table.name] = table_rows(table, table.c.user_id.in_(users))
    return rows


# Each attack runs as A's owner and A's partner against B's objects and must raise NotFound.
# Attacks that go through A's own wedding (B's object id smuggled in) run as A's owner only:
# A's partner lacks the permission even on A's own wedding and rightly gets Forbidden there.
MIXED = "via A's wedding"


def _s(fn):
    """Run fn(session, ...) in its own transaction, as a State handler or API route does."""

    def run(*args, **kwargs):
        with transaction() as s:
            return fn(s, *args, **kwargs)

    return run


TENANT_PERMISSIONS = [p for p in Permission if p not in PLATFORM_ADMIN_PERMISSIONS]

ATTACKS: dict[str, list[tuple[str, Callable[[Principal, Tenant, Tenant], object]]]] = {
    "services.weddings.load_wedding": [
        *[
            (f"load for {p.value}", lambda me, a, b, p=p: _s(weddings.load_wedding)(me, b.wedding_id, p))
            for p in TENANT_PERMISSIONS
        ],
        (
            "load including deleted",
            lambda me, a, b: _s(weddings.load_wedding)(me, b.wedding_id, Permission.WEDDING_VIEW, include_deleted=True),
        ),
        (
            "load by id as text",
            lambda me, a, b: _s(weddings.load_wedding)(me, str(b.wedding_id), Permission.WEDDING_VIEW),
        ),
    ],
    "services.weddings.create_wedding": [
        (
            "create in B's tenant",
            lambda me, a, b: _s(weddings.create_wedding)(
                me,
                {
                    "partner_a": "X",
                    "partner_b": "Y",
                    "wedding_date": (TODAY + timedelta(days=90)).isoformat(),
                    "currency": "EUR",
                    "locale": "en",
                    "timezone": "UTC",
                },
                tenant_id=b.owner.tenant_id,
                viewer_lang="en",
                today=TODAY,
            ),
        ),
    ],
    "services.weddings.update_wedding": [
        (
            "update",
            lambda me, a, b: _s(weddings.update_wedding)(
                me,
                b.wedding_id,
                {
                    "partner_a": "Hacked",
                    "partner_b": "Y",
                    "currency": "EUR",
                    "locale": "en",
                    "timezone": "UTC",
                    "wedding_date": (TODAY + timedelta(days=90)).isoformat(),
                },
                expected_version=1,
                viewer_lang="en",
                today=TODAY,
            ),
        ),
    ],
    "services.weddings.delete_wedding": [
        ("delete", lambda me, a, b: _s(weddings.delete_wedding)(me, b.wedding_id, b.names)),
    ],
    "services.weddings.restore_wedding": [
        ("restore", lambda me, a, b: _s(weddings.restore_wedding)(me, b.wedding_id)),
    ],
    "services.dashboard.wedding_dashboard": [
        ("dashboard", lambda me, a, b: _s(dashboard.wedding_dashboard)(me, b.wedding_id, today=TODAY, now=utcnow())),
    ],
    "services.collaborators.invite": [
        (
            "invite into B",
            lambda me, a, b: _s(collaborators.invite)(me, b.wedding_id, unique_email("spy"), "planner", lang="en"),
        ),
    ],
    "services.collaborators.team": [
        ("read B's team", lambda me, a, b: _s(collaborators.team)(me, b.wedding_id)),
    ],
    "services.collaborators.revoke_invitation": [
        (
            "revoke via B's wedding",
            lambda me, a, b: _s(collaborators.revoke_invitation)(me, b.wedding_id, b.invitation_id),
        ),
        (
            f"revoke B's invitation {MIXED}",
            lambda me, a, b: _s(collaborators.revoke_invitation)(me, a.wedding_id, b.invitation_id),
        ),
    ],
    "services.collaborators.remove_member": [
        (
            "remove via B's wedding",
            lambda me, a, b: _s(collaborators.remove_member)(me, b.wedding_id, b.partner.user_id),
        ),
        (
            f"remove B's partner {MIXED}",
            lambda me, a, b: _s(collaborators.remove_member)(me, a.wedding_id, b.partner.user_id),
        ),
    ],
}

ATTACKS.update(GUEST_ATTACKS)  # the guest list (Guests issue): tests/integration/guest_attacks.py
ATTACKS.update(RSVP_ATTACKS)  # invitations and RSVP (Guests issue): tests/integration/rsvp_attacks.py
ATTACKS.update(SEATING_ATTACKS)  # seating plans and optimizer runs: tests/integration/seating_attacks.py
ATTACKS.update(BOOKING_ATTACKS)  # quotes, bookings, messages, reviews (Vendors issue): booking_attacks.py
ATTACKS.update(VENDOR_ATTACKS)  # vendor profiles, marketplace, shortlist (Vendors issue): vendor_attacks.py
ATTACKS.update(CONTRACT_ATTACKS)  # contracts, review, signing (Vendors issue): contract_attacks.py

# accept_invitation takes no object id: its argument is the secret token of an invitation link.
# Given one of B's object ids instead of a token it must refuse with the generic "not valid" message.
TOKEN_FUNCTIONS = {"services.collaborators.accept_invitation"}
# list_weddings takes no id either: it must simply leave B's weddings out.
LISTING_FUNCTIONS = {"services.weddings.list_weddings"} | BOOKING_LISTINGS | VENDOR_LISTINGS | CONTRACT_LISTINGS


def principal_functions() -> set[str]:
    found = set()
    for module in MODULES:
        for name, fn in vars(module).items():
            if (
                not name.startswith("_")
                and inspect.isfunction(fn)
                and fn.__module__ == module.__name__
                and "principal" in inspect.signature(fn).parameters
            ):
                found.add(f"{module.__name__}.{name}")
    return found


def test_every_principal_function_is_covered():
    covered = set(ATTACKS) | TOKEN_FUNCTIONS | LISTING_FUNCTIONS
    missing = principal_functions() - covered
    assert not missing, f"add a tenant-isolation case for: {sorted(missing)}"
    assert not covered - principal_functions(), "a covered function no longer exists"


CASES = [
    pytest.param(fn, label, id=f"{fn_name.rsplit('.', 1)[1]}: {label}")
    for fn_name, attacks in ATTACKS.items()
    for label, fn in attacks
]


@pytest.mark.parametrize(("attack", "label"), CASES)
def test_a_cannot_touch_b(pg, tenants, attack, label):
    a, b = tenants
    before = snapshot(b)
    for actor in (a.owner,) if MIXED in label else (a.owner, a.partner):
        with pytest.raises(NotFound):
            attack(actor.principal, a, b)
    assert snapshot(b) == before


def test_b_snapshot_is_not_empty(pg, tenants):
    """Guards the tests above: B really has rows of every kind they compare."""
    _, b = tenants
    rows = snapshot(b)
    for table in (
        "wedding",
        "guest",
        "task",
        "budgetitem",
        "timelineitem",
        "weddingvendor",
        "membership",
        "collaboratorinvitation",
        "outboxmessage",
        *GUEST_TABLES,
        *SEATING_TABLES,
        *BOOKING_TABLES,
        *VENDOR_TABLES,
        *CONTRACT_TABLES,
        "auditevent",
        "app_user",
        "authsession",
    ):
        assert rows[table], f"tenant B has no {table} rows"


def test_b_can_do_what_a_cannot(pg, tenants):
    """The ids used above are live: B's own reads succeed."""
    _, b = tenants
    p = b.owner.principal
    assert _s(weddings.load_wedding)(p, b.wedding_id, Permission.WEDDING_VIEW).id == b.wedding_id
    assert _s(dashboard.wedding_dashboard)(p, b.wedding_id, today=TODAY, now=utcnow()).guests_invited == 9
    members, pending = _s(collaborators.team)(p, b.wedding_id)
    assert str(b.partner.user_id) in {m.user_id for m in members}
    assert str(b.invitation_id) in {i.id for i in pending}


def test_list_weddings_leaves_b_out(pg, tenants):
    a, b = tenants
    for actor in (a.owner, a.partner):
        listed = {w.id for w in _s(weddings.list_weddings)(actor.principal)}
        assert a.wedding_id in listed
        assert b.wedding_id not in listed
        assert all(w.tenant_id == a.owner.tenant_id for w in _s(weddings.list_weddings)(actor.principal))


def test_accept_invitation_with_b_ids_is_refused_without_detail(pg, tenants):
    a, b = tenants
    before = snapshot(b)
    for bogus in (str(b.invitation_id), str(b.wedding_id), str(b.owner.tenant_id)):
        with pytest.raises(DomainError) as exc:
            _s(collaborators.accept_invitation)(a.owner.principal, bogus)
        assert i18n.render("en", exc.value.message) == "This invitation link is not valid. Ask for a new one."
    assert a.owner.principal.role_in(b.owner.tenant_id) is None
    assert snapshot(b) == before


def test_b_invitation_token_does_not_let_a_in(pg, tenants):
    """Even holding the secret link, someone with another email is refused and gains nothing."""
    a, b = tenants
    before = snapshot(b)
    with pytest.raises(DomainError):
        _s(collaborators.accept_invitation)(a.owner.principal, b.invitation_token)
    assert a.owner.principal.role_in(b.owner.tenant_id) is None
    assert snapshot(b) == before
