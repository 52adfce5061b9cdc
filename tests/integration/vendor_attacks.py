"""Tenant-isolation cases for vendor organizations, the marketplace and shortlists (merged into
test_tenant_isolation.ATTACKS).

`seed_vendors(b)` gives tenant B's wedding a shortlist (two published vendors) and creates a published and a draft
vendor organization with packages, pictures, blocked days and a pending team invitation. As tenant A's owner (and
partner), who belong to no vendor organization: B's shortlist, B's marketplace view, and every vendor's private
side (profile editing, packages, pictures of a draft, calendar, team) are NotFound, and nothing changes.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from PIL import Image

from services import vendor_search, vendors
from services.db import transaction
from tests.vendor_helpers import Org, vendor_org

MIXED = "via A's wedding"
TODAY = date.today()
VENDOR_MODULES = (vendors, vendor_search)
VENDOR_TABLES = ("shortlistentry",)
# Functions without an object id: they only look at the caller's own memberships.
VENDOR_LISTINGS = {"services.vendors.vendor_tenant_ids", "services.vendors.is_vendor_only"}


def _s(fn):
    def run(*args, **kwargs):
        with transaction() as s:
            return fn(s, *args, **kwargs)

    return run


@dataclass
class VendorIds:
    live: Org
    draft: Org
    live_package: uuid.UUID
    draft_package: uuid.UUID
    draft_image: uuid.UUID
    blocked_day: date
    invitation: uuid.UUID


SEEDED: dict[uuid.UUID, VendorIds] = {}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def seed_vendors(t) -> VendorIds:
    live = vendor_org("Bruno Films", types=("videographer",))
    draft = vendor_org("Bruno Draft Photo", publish=False)
    other = vendor_org("Bruno Flowers", types=("florist",))
    day = TODAY + timedelta(days=45)
    with transaction() as s:
        draft_image = vendors.add_image(s, draft.principal, _png()).id
        vendors.block_date(s, draft.principal, day, "private")
        vendors.invite_member(s, draft.principal, "assistant@vendors.example.com", lang="en")
    with transaction() as s:
        invitation = vendors.vendor_team(s, draft.principal).pending[0][0]
        live_package = vendors.list_packages(s, live.id)[0].id
        draft_package = vendors.list_packages(s, draft.id)[0].id
    for org, note in ((live, "Our favourite"), (other, "")):
        with transaction() as s:
            vendors.shortlist_add(s, t.owner.principal, t.wedding_id, org.id, note)
    ids = VendorIds(live, draft, live_package, draft_package, draft_image, day, uuid.UUID(invitation))
    SEEDED[t.wedding_id] = ids
    return ids


def _v(t) -> VendorIds:
    return SEEDED[t.wedding_id]


def _package_form() -> dict[str, str]:
    return {"name": "Hacked", "description": "", "price": "1", "included": ""}


VENDOR_ATTACKS = {
    "services.vendors.load_own_vendor": [
        ("open a vendor's own profile", lambda me, a, b: _s(vendors.load_own_vendor)(me)),
    ],
    "services.vendors.update_profile": [
        ("edit a vendor profile", lambda me, a, b: _s(vendors.update_profile)(me, {"name": "Hacked"}, lang="en")),
    ],
    "services.vendors.set_published": [
        ("unpublish a vendor", lambda me, a, b: _s(vendors.set_published)(me, False)),
    ],
    "services.vendors.add_package": [
        ("add a package to a vendor", lambda me, a, b: _s(vendors.add_package)(me, _package_form(), lang="en")),
    ],
    "services.vendors.update_package": [
        (
            "edit a published vendor's package",
            lambda me, a, b: _s(vendors.update_package)(me, _v(b).live_package, _package_form(), lang="en"),
        ),
        (
            "edit a draft vendor's package",
            lambda me, a, b: _s(vendors.update_package)(me, _v(b).draft_package, _package_form(), lang="en"),
        ),
    ],
    "services.vendors.delete_package": [
        ("delete a vendor's package", lambda me, a, b: _s(vendors.delete_package)(me, _v(b).live_package)),
    ],
    "services.vendors.add_image": [
        ("add a picture to a vendor", lambda me, a, b: _s(vendors.add_image)(me, _png())),
    ],
    "services.vendors.delete_image": [
        ("delete a vendor's picture", lambda me, a, b: _s(vendors.delete_image)(me, _v(b).draft_image)),
    ],
    "services.vendors.image_content": [
        ("a draft vendor's picture", lambda me, a, b: _s(vendors.image_content)(me, _v(b).draft_image, "full")),
        ("a draft vendor's thumbnail", lambda me, a, b: _s(vendors.image_content)(me, str(_v(b).draft_image), "thumb")),
    ],
    "services.vendors.block_date": [
        ("block a vendor's day", lambda me, a, b: _s(vendors.block_date)(me, TODAY + timedelta(days=9))),
    ],
    "services.vendors.unblock_date": [
        ("open a vendor's blocked day", lambda me, a, b: _s(vendors.unblock_date)(me, _v(b).blocked_day)),
    ],
    "services.vendors.calendar_month": [
        (
            "a vendor's calendar",
            lambda me, a, b: _s(vendors.calendar_month)(me, _v(b).blocked_day, lang="en", today=TODAY),
        ),
    ],
    "services.vendors.vendor_team": [
        ("a vendor's team", lambda me, a, b: _s(vendors.vendor_team)(me)),
    ],
    "services.vendors.invite_member": [
        ("invite into a vendor", lambda me, a, b: _s(vendors.invite_member)(me, "spy@example.com", lang="en")),
    ],
    "services.vendors.revoke_member_invitation": [
        (
            "revoke a vendor's invitation",
            lambda me, a, b: _s(vendors.revoke_member_invitation)(me, _v(b).invitation),
        ),
    ],
    "services.vendors.remove_member": [
        ("remove a vendor's owner", lambda me, a, b: _s(vendors.remove_member)(me, _v(b).draft.user_id)),
    ],
    "services.vendors.vendor_for_wedding": [
        (
            "a vendor's page for B's wedding",
            lambda me, a, b: _s(vendors.vendor_for_wedding)(me, b.wedding_id, _v(b).live.id),
        ),
        (
            f"a draft vendor's page {MIXED}",
            lambda me, a, b: _s(vendors.vendor_for_wedding)(me, a.wedding_id, _v(b).draft.id),
        ),
    ],
    "services.vendors.shortlist_add": [
        ("add to B's shortlist", lambda me, a, b: _s(vendors.shortlist_add)(me, b.wedding_id, _v(b).live.id, "x")),
        (
            f"shortlist a draft vendor {MIXED}",
            lambda me, a, b: _s(vendors.shortlist_add)(me, a.wedding_id, _v(b).draft.id),
        ),
    ],
    "services.vendors.shortlist_remove": [
        ("remove from B's shortlist", lambda me, a, b: _s(vendors.shortlist_remove)(me, b.wedding_id, _v(b).live.id)),
    ],
    "services.vendors.shortlist": [
        ("read B's shortlist", lambda me, a, b: _s(vendors.shortlist)(me, b.wedding_id)),
    ],
    "services.vendors.compare": [
        (
            "compare B's shortlist",
            lambda me, a, b: _s(vendors.compare)(me, b.wedding_id, [_v(b).live.id, _v(b).draft.id]),
        ),
        (
            f"compare B's shortlisted vendors {MIXED}",
            lambda me, a, b: _s(vendors.compare)(me, a.wedding_id, [_v(b).live.id, _v(b).draft.id]),
        ),
    ],
    "services.vendor_search.search_vendors": [
        (
            "search the marketplace for B's wedding",
            lambda me, a, b: _s(vendor_search.search_vendors)(
                me, b.wedding_id, vendor_search.SearchQuery(text="bruno")
            ),
        ),
    ],
}
