"""Inviting collaborators by email: links, roles, expiry, revocation, and who sees what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models.base import utcnow
from models.notifications import OutboxMessage
from models.tenancy import CollaboratorInvitation, Membership, User
from services import collaborators, i18n
from services.authz import Role
from services.db import transaction
from services.errors import DomainError, Forbidden, NotFound, TamperedInput, ValidationError
from services.sessions import hash_token
from services.weddings import list_weddings
from tests.helpers import count, invite_member, last_email, link_token, new_wedding, signup, unique_email


@pytest.fixture
def couple(camille):
    owner = camille
    return owner, new_wedding(owner.principal)


def invite(principal, wid, email, role="planner") -> str:
    """Send an invitation; returns the token from the link in the email, as the invitee sees it."""
    with transaction() as s:
        returned = collaborators.invite(s, principal, wid, email, role, lang="en")
    token = link_token(last_email(email).body_text, "invite")
    assert token == returned
    return token


def accept(principal, token):
    with transaction() as s:
        return collaborators.accept_invitation(s, principal, token)


def refusal(principal, token) -> str:
    with pytest.raises(DomainError) as exc:
        accept(principal, token)
    return i18n.render("en", exc.value.message)


def test_invitation_email_names_the_couple_and_the_role(couple):
    owner, wid = couple
    email = unique_email("planner")
    invite(owner.principal, wid, email.upper(), "planner")
    mail = last_email(email)
    assert mail.kind == "collaborator_invitation"
    assert mail.tenant_id == owner.tenant_id
    assert "Camille & Alex" in mail.subject and "Camille Martin" in mail.subject
    assert "as Planner" in mail.body_text
    with transaction() as s:
        inv = s.exec(select(CollaboratorInvitation).where(CollaboratorInvitation.email == email)).one()
    assert timedelta(days=6, hours=23) < inv.expires_at - utcnow() <= timedelta(days=7)


def test_invitee_with_the_matching_email_joins_with_the_invited_role(couple, sam):
    owner, wid = couple
    guest = sam
    token = invite(owner.principal, wid, guest.email, "planner")
    assert accept(guest.principal, token) == wid
    assert guest.principal.role_in(owner.tenant_id) == Role.PLANNER
    with transaction() as s:
        members, pending = collaborators.team(s, owner.principal, wid)
    assert {(m.email, m.role) for m in members} == {(owner.email, "owner"), (guest.email, "planner")}
    assert pending == []


def test_signup_from_the_link_joins_the_tenant_without_creating_one(couple):
    owner, wid = couple
    viewer = invite_member(owner, wid, "viewer")
    assert dict(viewer.principal.roles) == {owner.tenant_id: Role.VIEWER}


def test_signup_from_a_link_with_another_email_creates_nothing(couple):
    owner, wid = couple
    token = invite(owner.principal, wid, unique_email("intended"))
    users_before = count(User)
    with pytest.raises(DomainError):
        signup("Eve Intruder", email=unique_email("eve"), invite_token=token)
    assert count(User) == users_before
    assert count(Membership, Membership.tenant_id == owner.tenant_id) == 1


def test_invitation_works_only_once(couple, sam):
    owner, wid = couple
    guest = sam
    token = invite(owner.principal, wid, guest.email)
    accept(guest.principal, token)
    assert "already used" in refusal(guest.principal, token)
    assert count(Membership, Membership.tenant_id == owner.tenant_id) == 2  # the owner and the guest


def test_expired_invitation_is_refused(couple, sam):
    owner, wid = couple
    guest = sam
    token = invite(owner.principal, wid, guest.email)
    with transaction() as s:
        inv = s.exec(select(CollaboratorInvitation).where(CollaboratorInvitation.token_hash == hash_token(token))).one()
        inv.expires_at = utcnow() - timedelta(minutes=1)  # as if sent 7 days ago
    assert "expired" in refusal(guest.principal, token)
    assert guest.principal.role_in(owner.tenant_id) is None
    with transaction() as s:
        assert collaborators.team(s, owner.principal, wid)[1] == []  # no longer pending


def test_revoked_invitation_is_refused(couple, sam):
    owner, wid = couple
    guest = sam
    token = invite(owner.principal, wid, guest.email)
    with transaction() as s:
        [pending] = collaborators.team(s, owner.principal, wid)[1]
        assert pending.email == guest.email
        collaborators.revoke_invitation(s, owner.principal, wid, pending.id)
    assert "not valid" in refusal(guest.principal, token)
    assert guest.principal.role_in(owner.tenant_id) is None


def test_invitation_for_another_email_is_refused_and_stays_usable(couple, sam, ana):
    owner, wid = couple
    token = invite(owner.principal, wid, sam.email)
    intruder = ana
    assert sam.email in refusal(intruder.principal, token)
    assert intruder.principal.role_in(owner.tenant_id) is None
    # The right person can still use it.
    invitee = sam
    accept(invitee.principal, token)
    assert invitee.principal.role_in(owner.tenant_id) == Role.PLANNER


def test_unknown_token_is_refused(sam):
    guest = sam
    assert "not valid" in refusal(guest.principal, "no-such-token")


@pytest.mark.parametrize("role", ["owner", "admin", "vendor", "Planner", ""])
def test_roles_outside_the_invitable_list_are_tampering(couple, role):
    owner, wid = couple
    with transaction() as s, pytest.raises(TamperedInput):
        collaborators.invite(s, owner.principal, wid, unique_email("x"), role, lang="en")
    assert count(CollaboratorInvitation) == 0
    assert count(OutboxMessage) == 0


def test_inviting_a_bad_email_or_a_current_member_is_a_field_error(couple):
    owner, wid = couple
    for email in ("not-an-email", owner.email):
        with transaction() as s, pytest.raises(ValidationError) as exc:
            collaborators.invite(s, owner.principal, wid, email, "planner", lang="en")
        assert set(exc.value.field_errors) == {"email"}
    assert count(OutboxMessage) == 0


def test_viewer_cannot_invite_and_partner_can(couple, rose, alex):
    owner, wid = couple
    viewer = invite_member(owner, wid, "viewer", rose)
    with transaction() as s, pytest.raises(Forbidden):
        collaborators.invite(s, viewer.principal, wid, unique_email("x"), "viewer", lang="en")
    partner = invite_member(owner, wid, "partner", alex)
    invite(partner.principal, wid, unique_email("friend"), "viewer")


def test_only_the_owner_removes_members_and_the_owner_stays(couple, alex, rose):
    owner, wid = couple
    partner = invite_member(owner, wid, "partner", alex)
    viewer = invite_member(owner, wid, "viewer", rose)
    with transaction() as s, pytest.raises(Forbidden):
        collaborators.remove_member(s, partner.principal, wid, viewer.user_id)
    with transaction() as s, pytest.raises(DomainError):
        collaborators.remove_member(s, owner.principal, wid, owner.user_id)
    with transaction() as s:
        collaborators.remove_member(s, owner.principal, wid, viewer.user_id)
    assert viewer.principal.role_in(owner.tenant_id) is None
    with transaction() as s:
        assert list_weddings(s, viewer.principal) == []  # Rose's own tenant has no wedding
    with transaction() as s, pytest.raises(NotFound):
        collaborators.team(s, viewer.principal, wid)


def test_planner_of_two_couples_sees_both_weddings_and_nothing_else(camille, lea, ana):
    couple_one = camille
    wedding_one = new_wedding(couple_one.principal)
    couple_two = lea
    wedding_two = new_wedding(couple_two.principal, partner_a="Lea", partner_b="Hugo")
    stranger = ana
    new_wedding(stranger.principal, partner_a="Ana", partner_b="Mateo")

    # A professional planner signs up from the first couple's invitation (no tenant of her own).
    planner = invite_member(couple_one, wedding_one, "planner", name="Paula Planner")
    token = invite(couple_two.principal, wedding_two, planner.email, "planner")
    accept(planner.principal, token)

    with transaction() as s:
        visible = {w.id for w in list_weddings(s, planner.principal)}
    assert visible == {wedding_one, wedding_two}
    assert dict(planner.principal.roles) == {couple_one.tenant_id: Role.PLANNER, couple_two.tenant_id: Role.PLANNER}
