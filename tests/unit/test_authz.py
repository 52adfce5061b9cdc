"""Roles and permissions: what each role may do, and what outsiders learn (nothing)."""

from __future__ import annotations

import uuid

import pytest

from services import notifications
from services.authz import (
    INVITABLE_ROLES,
    PLATFORM_ADMIN_PERMISSIONS,
    ROLE_PERMISSIONS,
    Permission,
    Principal,
    Role,
    authorize,
    can,
)
from services.db import transaction
from services.errors import Forbidden, NotFound

TENANT = uuid.uuid4()
OTHER_TENANT = uuid.uuid4()
TENANT_PERMISSIONS = [p for p in Permission if p not in PLATFORM_ADMIN_PERMISSIONS]


def principal(role: Role | None = None, *, admin: bool = False) -> Principal:
    roles = {TENANT: role} if role else {}
    return Principal(uuid.uuid4(), "someone@example.com", "Someone", "en", admin, roles)


def test_every_role_has_a_permission_entry():
    assert set(ROLE_PERMISSIONS) == set(Role)
    for role in Role:
        assert not (ROLE_PERMISSIONS[role] & PLATFORM_ADMIN_PERMISSIONS), f"{role} holds a platform-admin permission"


def test_owner_holds_every_tenant_permission_and_viewer_only_reads():
    assert ROLE_PERMISSIONS[Role.OWNER] == frozenset(TENANT_PERMISSIONS)
    assert ROLE_PERMISSIONS[Role.VIEWER] == {p for p in TENANT_PERMISSIONS if p.value.endswith(".view")}


def test_invitations_never_hand_out_ownership():
    assert Role.OWNER not in INVITABLE_ROLES


def test_viewer_can_view_but_editing_is_forbidden():
    viewer = principal(Role.VIEWER)
    authorize(viewer, Permission.WEDDING_VIEW, TENANT)
    for permission in (
        Permission.WEDDING_EDIT,
        Permission.WEDDING_CREATE,
        Permission.WEDDING_DELETE,
        Permission.TEAM_INVITE,
        Permission.TEAM_MANAGE,
    ):
        with pytest.raises(Forbidden):
            authorize(viewer, permission, TENANT)


def test_partner_may_edit_and_invite_but_not_delete():
    partner = principal(Role.PARTNER)
    authorize(partner, Permission.WEDDING_EDIT, TENANT)
    authorize(partner, Permission.TEAM_INVITE, TENANT)
    with pytest.raises(Forbidden):
        authorize(partner, Permission.WEDDING_DELETE, TENANT)


@pytest.mark.parametrize("permission", TENANT_PERMISSIONS)
def test_non_member_gets_not_found_never_forbidden(permission):
    owner_elsewhere = principal(Role.OWNER)
    with pytest.raises(NotFound):
        authorize(owner_elsewhere, permission, OTHER_TENANT)
    with pytest.raises(NotFound):
        authorize(owner_elsewhere, permission, None)
    assert not can(owner_elsewhere, permission, OTHER_TENANT)


def test_vendor_role_gets_forbidden_inside_its_tenant():
    with pytest.raises(Forbidden):
        authorize(principal(Role.VENDOR), Permission.WEDDING_VIEW, TENANT)


@pytest.mark.parametrize("role", list(Role))
def test_platform_admin_permission_refused_to_tenant_roles_as_not_found(role):
    for permission in PLATFORM_ADMIN_PERMISSIONS:
        with pytest.raises(NotFound):
            authorize(principal(role), permission, TENANT)
        assert not can(principal(role), permission, TENANT)


def test_platform_admin_reads_the_outbox_and_an_owner_cannot():
    with transaction() as s:
        notifications.send_email(s, to="guest@example.com", subject="Hello", body="Hi", kind="test")
    with transaction() as s:
        with pytest.raises(NotFound):
            notifications.list_outbox(s, principal(Role.OWNER))
        messages = notifications.list_outbox(s, principal(admin=True))
    assert [m.to_email for m in messages] == ["guest@example.com"]
