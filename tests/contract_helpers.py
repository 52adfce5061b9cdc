"""Helpers for the contract tests (unit, integration, e2e): a vendor organization, a confirmed booking,
a platform admin, storage in a temporary folder, and PDFs to upload."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fpdf import FPDF

from models.bookings import QuoteRequest, VendorBooking
from models.tenancy import Membership, Tenant, User
from models.vendors import VendorProfile
from services import storage
from services.authz import Role
from services.db import transaction
from tests.helpers import Account, new_wedding, signup


@dataclass
class Booking:
    id: uuid.UUID
    wedding_id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_tenant_id: uuid.UUID


def use_storage(mp: pytest.MonkeyPatch, root: Path) -> None:
    """Local storage under `root` for this test (forgets the cached storage before and after)."""
    mp.setenv("ATTITUDES_STORAGE_URL", f"file://{root}")
    mp.delenv("ATTITUDES_S3_ENDPOINT_URL", raising=False)
    storage.get_storage.cache_clear()


def vendor_org(*team: Account, name: str = "Lumière Photo") -> tuple[uuid.UUID, uuid.UUID]:
    """A vendor tenant with `team` as members (first one owner) and its profile: (vendor_id, tenant_id)."""
    with transaction() as s:
        tenant = Tenant(name=name, kind="vendor")
        s.add(tenant)
        s.flush()
        for n, account in enumerate(team):
            s.add(Membership(tenant_id=tenant.id, user_id=account.user_id, role=Role.OWNER if n == 0 else Role.VENDOR))
        contact = "".join(c for c in name.lower() if c.isascii() and c.isalnum()) or "studio"
        profile = VendorProfile(
            tenant_id=tenant.id,
            name=name,
            types=["photographer"],
            published=True,
            contact_email=f"{contact}-{uuid.uuid4().hex[:6]}@example.com",
        )
        s.add(profile)
        s.flush()
        return profile.id, tenant.id


def booking_for(
    couple: Account, vendor: tuple[uuid.UUID, uuid.UUID], *, wedding_id=None, price: int = 240_000
) -> Booking:
    """A confirmed booking between the couple's wedding (new unless given) and the vendor."""
    wedding_id = wedding_id or new_wedding(couple.principal)
    vendor_id, vendor_tenant_id = vendor
    day = date.today() + timedelta(days=200)
    with transaction() as s:
        quote = QuoteRequest(
            tenant_id=couple.tenant_id,
            wedding_id=wedding_id,
            vendor_id=vendor_id,
            vendor_tenant_id=vendor_tenant_id,
            day=day,
            status="accepted",
            price=price,
            currency="EUR",
            deposit=price // 4,
        )
        s.add(quote)
        s.flush()
        booking = VendorBooking(
            tenant_id=couple.tenant_id,
            wedding_id=wedding_id,
            vendor_id=vendor_id,
            vendor_tenant_id=vendor_tenant_id,
            quote_id=quote.id,
            day=day,
            price=price,
            currency="EUR",
            deposit=price // 4,
        )
        s.add(booking)
        s.flush()
        return Booking(booking.id, wedding_id, vendor_id, vendor_tenant_id)


def make_admin(name: str = "Ada Admin") -> Account:
    account = signup(name)
    with transaction() as s:
        user = s.get(User, account.user_id)
        user.is_platform_admin = True
        s.add(user)
    return account


def sample_pdf(*lines: str) -> bytes:
    """A small real PDF with the given lines of text (one page)."""
    pdf = FPDF()
    pdf.set_creation_date(datetime(2026, 11, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in lines or ("Contract",):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
