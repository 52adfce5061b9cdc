"""Roles and permissions as data, and the single authorization entry point.

Every State handler and API route resolves a Principal from the server-side session and
every service call checks it here. Not being a member of a tenant is reported as NotFound
(never Forbidden) so nobody learns that another tenant's object exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from services.errors import N_, Forbidden, NotFound


class Role(StrEnum):
    OWNER = "owner"
    PARTNER = "partner"
    PLANNER = "planner"
    VIEWER = "viewer"
    VENDOR = "vendor"


class Permission(StrEnum):
    WEDDING_VIEW = "wedding.view"
    WEDDING_CREATE = "wedding.create"
    WEDDING_EDIT = "wedding.edit"
    WEDDING_DELETE = "wedding.delete"  # delete and restore
    TEAM_VIEW = "team.view"
    TEAM_INVITE = "team.invite"
    TEAM_MANAGE = "team.manage"  # remove members, change roles
    GUESTS_VIEW = "guests.view"
    GUESTS_EDIT = "guests.edit"  # guests, households, events, invitations, check-in
    SEATING_VIEW = "seating.view"
    SEATING_EDIT = "seating.edit"  # seating plans, rules, optimizer runs
    PLANNING_VIEW = "planning.view"
    PLANNING_EDIT = "planning.edit"  # budget, checklist, timeline, calendar links
    ADMIN_OUTBOX = "admin.outbox"  # platform admins only
    ADMIN_REVIEWS = "admin.reviews"  # platform admins: moderate vendor reviews
    ADMIN_CONTRACTS = "admin.contracts"  # platform admins: review, approve and void vendor contracts
    VENDOR_PROFILE_EDIT = "vendor.profile.edit"  # a vendor organization's profile, packages, images, calendar
    VENDORS_BROWSE = "vendors.view"  # marketplace search, vendor pages, shortlist and comparison
    VENDORS_BOOK = "vendors.book"  # shortlist changes, quote requests, bookings


_VIEW = {Permission.WEDDING_VIEW, Permission.TEAM_VIEW, Permission.GUESTS_VIEW, Permission.PLANNING_VIEW}
_EDIT = _VIEW | {Permission.WEDDING_CREATE, Permission.WEDDING_EDIT, Permission.GUESTS_EDIT, Permission.PLANNING_EDIT}
_VIEW |= {Permission.SEATING_VIEW}  # seating follows the guest list: viewers see, editors edit
_EDIT |= {Permission.SEATING_VIEW, Permission.SEATING_EDIT}
_VIEW |= {Permission.VENDORS_BROWSE}  # the marketplace: viewers browse, editors shortlist and book
_EDIT |= {Permission.VENDORS_BROWSE, Permission.VENDORS_BOOK}

ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(
        _EDIT
        | {Permission.WEDDING_DELETE, Permission.TEAM_INVITE, Permission.TEAM_MANAGE, Permission.VENDOR_PROFILE_EDIT}
    ),
    Role.PARTNER: frozenset(_EDIT | {Permission.TEAM_INVITE}),
    Role.PLANNER: frozenset(_EDIT),
    Role.VIEWER: frozenset(_VIEW),
    Role.VENDOR: frozenset({Permission.VENDOR_PROFILE_EDIT, Permission.TEAM_VIEW}),  # vendor team members
}

PLATFORM_ADMIN_PERMISSIONS: frozenset[Permission] = frozenset(
    {Permission.ADMIN_OUTBOX, Permission.ADMIN_REVIEWS, Permission.ADMIN_CONTRACTS}
)

ROLE_LABELS: Mapping[str, str] = {  # message ids, translated where shown
    Role.OWNER: N_("Owner").id,
    Role.PARTNER: N_("Partner").id,
    Role.PLANNER: N_("Planner").id,
    Role.VIEWER: N_("Viewer").id,
    Role.VENDOR: N_("Vendor").id,
}

# Roles an owner or partner may hand out through a collaborator invitation.
INVITABLE_ROLES = (Role.PARTNER, Role.PLANNER, Role.VIEWER)


@dataclass(frozen=True)
class Principal:
    user_id: uuid.UUID
    email: str
    display_name: str
    locale: str
    is_platform_admin: bool
    roles: Mapping[uuid.UUID, Role] = field(default_factory=dict)  # tenant_id -> role
    session_id: str = ""

    @property
    def tenant_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(self.roles)

    def role_in(self, tenant_id: uuid.UUID) -> Role | None:
        return self.roles.get(tenant_id)


def can(principal: Principal, permission: Permission, tenant_id: uuid.UUID | None = None) -> bool:
    if permission in PLATFORM_ADMIN_PERMISSIONS:
        return principal.is_platform_admin
    role = principal.role_in(tenant_id) if tenant_id else None
    return role is not None and permission in ROLE_PERMISSIONS[role]


def authorize(principal: Principal, permission: Permission, tenant_id: uuid.UUID | None = None) -> None:
    """Raise unless the principal holds `permission` in `tenant_id` (or platform-wide)."""
    if permission in PLATFORM_ADMIN_PERMISSIONS:
        if not principal.is_platform_admin:
            raise NotFound()
        return
    if tenant_id is None or principal.role_in(tenant_id) is None:
        raise NotFound()
    if not can(principal, permission, tenant_id):
        raise Forbidden()
