"""Helpers for the bookings, messages and reviews tests (unit and integration): vendor organizations and
the quote -> proposal -> acceptance path through the real services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from models.tenancy import Membership, Tenant
from models.vendors import VendorPackage, VendorProfile
from services import bookings
from services.authz import Role
from services.db import transaction
from tests.helpers import Account

TODAY = date.today()


@dataclass
class Vendor:
    id: uuid.UUID
    tenant_id: uuid.UUID
    package_id: uuid.UUID


def make_vendor(
    *team: Account,
    name: str = "Lumière Photo",
    types: tuple[str, ...] = ("photographer",),
    multiple: bool = False,
    published: bool = True,
    currency: str = "EUR",
) -> Vendor:
    """A vendor organization (tenant of kind "vendor") with `team` as members, a published profile, one package."""
    with transaction() as s:
        tenant = Tenant(name=name, kind="vendor")
        s.add(tenant)
        s.flush()
        for n, account in enumerate(team):
            s.add(Membership(tenant_id=tenant.id, user_id=account.user_id, role=Role.OWNER if n == 0 else Role.VENDOR))
        profile = VendorProfile(
            tenant_id=tenant.id,
            name=name,
            types=list(types),
            description="Weddings in Bordeaux",
            base_city="Bordeaux",
            price_min=150_000,
            price_max=400_000,
            currency=currency,
            languages=["en", "fr"],
            allows_multiple_per_day=multiple,
            published=published,
            contact_email="hello@example.com",
        )
        s.add(profile)
        s.flush()
        package = VendorPackage(
            tenant_id=tenant.id, vendor_id=profile.id, name="Full day", price=250_000, included=["Album"], position=0
        )
        s.add(package)
        s.flush()
        return Vendor(profile.id, tenant.id, package.id)


def call(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def request(couple: Account, wedding_id, vendor: Vendor, day: date | None = None, message: str = "Hello!") -> uuid.UUID:
    data = {"day": day.isoformat() if day else "", "message": message}
    return call(bookings.request_quote, couple.principal, wedding_id, vendor.id, data, today=TODAY).id


def proposal(**overrides) -> dict[str, str]:
    data = {
        "package_id": "",
        "price": "2500",
        "deposit": "750",
        "deposit_due": (TODAY + timedelta(days=10)).isoformat(),
        "balance_due": (TODAY + timedelta(days=100)).isoformat(),
        "note": "Includes the album.",
    }
    data.update(overrides)
    return data


def propose(vendor_account: Account, quote_id, **overrides):
    return call(bookings.propose, vendor_account.principal, quote_id, proposal(**overrides), lang="en", today=TODAY)


def book(couple: Account, wedding_id, vendor: Vendor, vendor_account: Account, day: date | None = None):
    """Request, propose, accept: the booking."""
    quote_id = request(couple, wedding_id, vendor, day)
    propose(vendor_account, quote_id)
    return call(bookings.accept_proposal, couple.principal, quote_id)
