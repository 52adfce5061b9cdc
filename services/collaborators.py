"""Collaborators: invite by email with a role, accept once within 7 days, list, revoke, remove.

One invitation service serves both kinds of team: a wedding's (couple or agency tenant; the public functions
below) and a vendor organization's (services.vendors.vendor_team, invite_member, revoke_member_invitation,
remove_member call the private functions here with VENDOR_TEAM)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlmodel import Session, select

from models.base import utcnow
from models.tenancy import CollaboratorInvitation, Membership, Tenant, User
from models.weddings import Wedding
from services import audit, i18n
from services.auth import normalize_email
from services.authz import INVITABLE_ROLES, ROLE_LABELS, Permission, Principal, Role
from services.config import get_settings
from services.errors import N_, DomainError, NotFound, TamperedInput, ValidationError
from services.notifications import send_email
from services.sessions import hash_token
from services.tenancy import get_scoped, scoped
from services.weddings import couple_names, load_wedding

INVITATION_TTL = timedelta(days=7)


class TeamMember(NamedTuple):
    user_id: str
    name: str
    email: str
    role: str


class PendingInvitation(NamedTuple):
    id: str
    email: str
    role: str
    expires_at: datetime


WEDDING_TEAM = "wedding"  # a couple's or agency's tenant, reached through one of its weddings
VENDOR_TEAM = "vendor"  # a vendor organization's tenant (no wedding)


@dataclass(frozen=True)
class _Team:
    """Whose team a call manages, loaded by _load_team after the permission check."""

    kind: str
    tenant_id: uuid.UUID
    wedding: Wedding | None = None  # WEDDING_TEAM
    vendor_name: str = ""  # VENDOR_TEAM: the organization's name

    @property
    def audit_prefix(self) -> str:
        return "vendor.team" if self.kind == VENDOR_TEAM else "team"


def _load_team(session: Session, principal: Principal, kind: str, wedding_id: Any, permission: Permission) -> _Team:
    """The team's tenant if the principal holds `permission` in it; NotFound for anything outside their tenants."""
    if kind == VENDOR_TEAM:
        from services.vendors import load_own_vendor

        vendor = load_own_vendor(session, principal, permission)
        return _Team(kind, vendor.tenant_id, vendor_name=vendor.name)
    wedding = load_wedding(session, principal, wedding_id, permission)
    return _Team(WEDDING_TEAM, wedding.tenant_id, wedding=wedding)


def _send_invitation_email(
    session: Session, principal: Principal, team: _Team, email: str, role: str, link: str, lang: str
) -> None:
    if team.kind == VENDOR_TEAM:
        kind = "vendor_team_invitation"
        subject = i18n.gettext(
            lang,
            "{inviter} invited you to the team of {vendor}",
            inviter=principal.display_name,
            vendor=team.vendor_name,
        )
        body = i18n.gettext(
            lang,
            "Hello,\n\n{inviter} invited you to join {vendor} on Attitudes.vip.\n\nAccept within 7 days (the link works once):\n{link}",
            inviter=principal.display_name,
            vendor=team.vendor_name,
            link=link,
        )
    else:
        kind = "collaborator_invitation"
        subject = i18n.gettext(
            lang,
            "{inviter} invited you to plan the wedding of {names}",
            inviter=principal.display_name,
            names=couple_names(team.wedding),
        )
        body = i18n.gettext(
            lang,
            "Hello,\n\n{inviter} invited you to join the wedding of {names} on Attitudes.vip as {role}.\n\nAccept within 7 days (the link works once):\n{link}",
            inviter=principal.display_name,
            names=couple_names(team.wedding),
            role=i18n.gettext(lang, ROLE_LABELS[role]),
            link=link,
        )
    send_email(session, to=email, kind=kind, tenant_id=team.tenant_id, subject=subject, body=body)


def _invite(
    session: Session, principal: Principal, kind: str, wedding_id: Any, email: str, role: str, *, lang: str
) -> str:
    """Invite `email` into the team with `role`; the link works once within 7 days. Returns the token.
    A wedding team invites any of INVITABLE_ROLES, a vendor organization only team members (role vendor)."""
    team = _load_team(session, principal, kind, wedding_id, Permission.TEAM_INVITE)
    allowed = {Role.VENDOR.value} if team.kind == VENDOR_TEAM else {r.value for r in INVITABLE_ROLES}
    if role not in allowed:
        raise TamperedInput()
    email = normalize_email(email)
    if email in {m.email for m in _members(session, team.tenant_id)}:
        raise ValidationError({"email": N_("This person is already on the team.")})
    token = secrets.token_urlsafe(32)
    invitation = CollaboratorInvitation(
        tenant_id=team.tenant_id,
        wedding_id=team.wedding.id if team.wedding is not None else None,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=principal.user_id,
        expires_at=utcnow() + INVITATION_TTL,
    )
    session.add(invitation)
    _send_invitation_email(session, principal, team, email, role, f"{get_settings().base_url}/invite/{token}", lang)
    session.flush()
    after = {"email": email, "role": role} if team.kind == WEDDING_TEAM else {"email": email}
    audit.record(
        session, principal, f"{team.audit_prefix}.invite", tenant_id=team.tenant_id, obj=invitation, after=after
    )
    return token


def _members(session: Session, tenant_id: uuid.UUID) -> list[TeamMember]:
    rows = session.exec(
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.tenant_id == tenant_id)
        .order_by(User.display_name)
    ).all()
    return [TeamMember(str(u.id), u.display_name, u.email, m.role) for m, u in rows]


def _team(
    session: Session, principal: Principal, kind: str, wedding_id: Any
) -> tuple[list[TeamMember], list[PendingInvitation]]:
    team = _load_team(session, principal, kind, wedding_id, Permission.TEAM_VIEW)
    pending = session.exec(
        scoped(
            principal,
            CollaboratorInvitation,
            CollaboratorInvitation.tenant_id == team.tenant_id,
            CollaboratorInvitation.accepted_at.is_(None),
            CollaboratorInvitation.revoked_at.is_(None),
            CollaboratorInvitation.expires_at > utcnow(),
        ).order_by(CollaboratorInvitation.created_at)
    ).all()
    return _members(session, team.tenant_id), [
        PendingInvitation(str(i.id), i.email, i.role, i.expires_at) for i in pending
    ]


def _revoke_invitation(session: Session, principal: Principal, kind: str, wedding_id: Any, invitation_id: Any) -> None:
    team = _load_team(session, principal, kind, wedding_id, Permission.TEAM_INVITE)
    invitation = get_scoped(
        session, principal, CollaboratorInvitation, invitation_id, CollaboratorInvitation.tenant_id == team.tenant_id
    )
    invitation.revoked_at = utcnow()
    audit.record(session, principal, f"{team.audit_prefix}.revoke_invitation", tenant_id=team.tenant_id, obj=invitation)


def _remove_member(session: Session, principal: Principal, kind: str, wedding_id: Any, user_id: Any) -> None:
    team = _load_team(session, principal, kind, wedding_id, Permission.TEAM_MANAGE)
    try:
        uid = uuid.UUID(str(user_id))
    except ValueError:
        raise NotFound() from None
    membership = session.exec(
        scoped(principal, Membership, Membership.tenant_id == team.tenant_id, Membership.user_id == uid)
    ).first()
    if membership is None:
        raise NotFound()
    if membership.role == Role.OWNER:
        raise DomainError(N_("The owner cannot be removed."))
    audit.record(
        session,
        principal,
        f"{team.audit_prefix}.remove_member",
        tenant_id=team.tenant_id,
        obj=membership,
        before={"user_id": str(uid), "role": membership.role},
    )
    session.delete(membership)


def invite(session: Session, principal: Principal, wedding_id: Any, email: str, role: str, *, lang: str) -> str:
    return _invite(session, principal, WEDDING_TEAM, wedding_id, email, role, lang=lang)


def team(session: Session, principal: Principal, wedding_id: Any) -> tuple[list[TeamMember], list[PendingInvitation]]:
    return _team(session, principal, WEDDING_TEAM, wedding_id)


def revoke_invitation(session: Session, principal: Principal, wedding_id: Any, invitation_id: Any) -> None:
    _revoke_invitation(session, principal, WEDDING_TEAM, wedding_id, invitation_id)


def remove_member(session: Session, principal: Principal, wedding_id: Any, user_id: Any) -> None:
    _remove_member(session, principal, WEDDING_TEAM, wedding_id, user_id)


@dataclass(frozen=True)
class InvitationPreview:
    email: str
    role: str
    tenant_name: str
    couple: str


def _open_invitation(session: Session, token: str) -> CollaboratorInvitation:
    invitation = session.exec(
        select(CollaboratorInvitation).where(CollaboratorInvitation.token_hash == hash_token(token or ""))
    ).first()
    if invitation is None or invitation.revoked_at is not None:
        raise DomainError(N_("This invitation link is not valid. Ask for a new one."))
    if invitation.accepted_at is not None:
        raise DomainError(N_("This invitation was already used. Log in to continue."))
    if invitation.expires_at < utcnow():
        raise DomainError(N_("This invitation expired. Ask for a new one."))
    return invitation


def preview_invitation(session: Session, token: str) -> InvitationPreview:
    """What the invitation page shows before anyone logs in (only this invitation's own data)."""
    invitation = _open_invitation(session, token)
    tenant = session.get(Tenant, invitation.tenant_id)
    wedding = session.get(Wedding, invitation.wedding_id) if invitation.wedding_id else None
    return InvitationPreview(invitation.email, invitation.role, tenant.name, couple_names(wedding) if wedding else "")


def accept_invitation_in(session: Session, user: User, token: str) -> uuid.UUID:
    """Add `user` to the invitation's tenant with its role; returns the wedding id (if any)."""
    invitation = _open_invitation(session, token)
    if invitation.email != user.email:
        raise DomainError(
            N_("This invitation was sent to {email}. Log in with that address to accept it.", email=invitation.email)
        )
    existing = session.exec(
        select(Membership).where(Membership.tenant_id == invitation.tenant_id, Membership.user_id == user.id)
    ).first()
    if existing is None:
        session.add(Membership(tenant_id=invitation.tenant_id, user_id=user.id, role=invitation.role))
    invitation.accepted_at = utcnow()
    invitation.accepted_by = user.id
    audit.record(
        session,
        None,
        "team.accept_invitation",
        tenant_id=invitation.tenant_id,
        obj=invitation,
        after={"user_id": str(user.id), "role": invitation.role},
    )
    return invitation.wedding_id


def accept_invitation(session: Session, principal: Principal, token: str) -> uuid.UUID | None:
    user = session.get(User, principal.user_id)
    return accept_invitation_in(session, user, token)
