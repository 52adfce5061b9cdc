"""The wedding's team (collaborators) and the public invitation page."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from services import collaborators, i18n
from services.authz import ROLE_LABELS, Permission, Principal, can
from services.config import get_settings
from services.db import transaction
from services.errors import DomainError, TamperedInput
from services.weddings import load_wedding
from state.base import authenticated, call, current_principal, explain, public, route_param, run
from state.i18n import viewer_lang


def team_rows(principal, members, pending, tenant_id, lang: str) -> dict[str, Any]:
    """Render-ready rows of a team (a wedding's or a vendor organization's) and what the viewer may do in it."""
    return {
        "members": [
            {
                "user_id": m.user_id,
                "name": m.name,
                "email": m.email,
                "role": m.role,
                "role_label": i18n.gettext(lang, ROLE_LABELS[m.role]),
                "is_me": m.user_id == str(principal.user_id),
            }
            for m in members
        ],
        "pending": [
            {
                "id": p.id,
                "email": p.email,
                "role_label": i18n.gettext(lang, ROLE_LABELS[p.role]),
                "expires": i18n.format_day(p.expires_at.date(), lang, "medium"),
            }
            for p in pending
        ],
        "can_invite": can(principal, Permission.TEAM_INVITE, tenant_id),
        "can_manage": can(principal, Permission.TEAM_MANAGE, tenant_id),
    }


def _team_view(session, principal, wedding_id, lang):
    members, pending = collaborators.team(session, principal, wedding_id)
    wedding = load_wedding(session, principal, wedding_id, Permission.TEAM_VIEW)
    return team_rows(principal, members, pending, wedding.tenant_id, lang)


class TeamMixin(rx.State, mixin=True):
    """What both team pages (a wedding's, a vendor organization's) show and do: members, pending invitations,
    invite by email, revoke. The state using it says where its team is (_view, _send_invitation, _revoke)."""

    loaded: bool = False
    not_found: bool = False
    members: list[dict[str, Any]] = []
    pending: list[dict[str, Any]] = []
    can_invite: bool = False
    can_manage: bool = False
    errors: dict[str, str] = {}
    form_error: str = ""
    sent_message: str = ""
    last_link: str = ""
    form_key: int = 0
    confirm_user_id: str = ""  # the member waiting for the "Remove this member?" confirmation
    confirm_name: str = ""

    where: ClassVar[str]  # how refused requests are logged ("team", "vendor.team")
    invite_fields: ClassVar[frozenset[str]]  # the fields of the invitation form

    async def _view(self, principal: Principal, lang: str) -> dict[str, Any]:
        raise NotImplementedError  # team_rows(...) of the team

    async def _send_invitation(self, principal: Principal, form_data: dict, lang: str) -> str:
        raise NotImplementedError  # the invitation's token

    async def _revoke(self, principal: Principal, invitation_id: str) -> None:
        raise NotImplementedError

    async def _remove(self, principal: Principal, user_id: str) -> None:
        raise NotImplementedError

    async def _refresh(self, lang: str) -> None:
        view = await self._view(current_principal(), lang)
        self.members, self.pending = view["members"], view["pending"]
        self.can_invite, self.can_manage = view["can_invite"], view["can_manage"]
        self.loaded = True

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.errors, self.form_error, self.sent_message, self.last_link, self.not_found = {}, "", "", "", False
        try:
            await self._refresh(lang)
        except DomainError:
            self.not_found, self.loaded = True, True

    @authenticated
    async def invite(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error, self.sent_message, self.last_link = {}, "", "", ""
        try:
            if set(form_data) - self.invite_fields:
                raise TamperedInput()
            token = await self._send_invitation(principal, form_data, lang)
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where=f"{self.where}.invite", principal=principal)
            return
        self.last_link = f"{get_settings().base_url}/invite/{token}"
        self.sent_message = i18n.gettext(lang, "Invitation sent to {email}.", email=str(form_data.get("email", "")))
        self.form_key += 1
        await self._refresh(lang)

    @authenticated
    async def revoke(self, invitation_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await self._revoke(principal, invitation_id)
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where=f"{self.where}.revoke", principal=principal)
        await self._refresh(lang)

    @authenticated
    def ask_remove(self, user_id: str):
        match = next((m for m in self.members if m["user_id"] == user_id), None)
        if match:
            self.confirm_user_id, self.confirm_name = match["user_id"], match["name"]

    @authenticated
    def cancel_remove(self, is_open: bool = False):
        if not is_open:
            self.confirm_user_id = ""

    @authenticated
    async def remove(self):
        """The confirmed removal (the service checks who may remove whom)."""
        principal, lang = current_principal(), await viewer_lang(self)
        user_id, self.confirm_user_id = self.confirm_user_id, ""
        if not user_id:
            return
        try:
            await self._remove(principal, user_id)
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where=f"{self.where}.remove", principal=principal)
        await self._refresh(lang)


class TeamState(TeamMixin, rx.State):
    where: ClassVar[str] = "team"
    invite_fields: ClassVar[frozenset[str]] = frozenset({"email", "role"})

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    async def _view(self, principal: Principal, lang: str) -> dict[str, Any]:
        return await call(_team_view, principal, self._wedding_id(), lang)

    async def _send_invitation(self, principal: Principal, form_data: dict, lang: str) -> str:
        email, role = str(form_data.get("email", "")), str(form_data.get("role", ""))
        return await call(collaborators.invite, principal, self._wedding_id(), email, role, lang=lang)

    async def _revoke(self, principal: Principal, invitation_id: str) -> None:
        await call(collaborators.revoke_invitation, principal, self._wedding_id(), invitation_id)

    async def _remove(self, principal: Principal, user_id: str) -> None:
        await call(collaborators.remove_member, principal, self._wedding_id(), user_id)


def _preview(token: str):
    with transaction() as s:
        return collaborators.preview_invitation(s, token)


class InviteState(rx.State):
    valid: bool = False
    problem: str = ""
    email: str = ""
    role_label: str = ""
    couple: str = ""
    tenant_name: str = ""
    invite_token: str = ""  # already in the page URL; kept for the log-in and sign-up links
    loaded: bool = False

    def _token(self) -> str:
        return route_param(self, "token")

    @public("Shows only this invitation's own email, role and couple; the unguessable token is the credential.")
    async def load(self):
        lang = await viewer_lang(self)
        self.valid, self.problem, self.invite_token = False, "", self._token()
        try:
            preview = await run(_preview, self._token())
        except DomainError as exc:
            self.problem, self.loaded = i18n.render(lang, exc.message), True
            return
        self.valid, self.email, self.couple, self.tenant_name = True, preview.email, preview.couple, preview.tenant_name
        self.role_label = i18n.gettext(lang, ROLE_LABELS[preview.role])
        self.loaded = True

    @authenticated
    async def accept(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            wedding_id = await call(collaborators.accept_invitation, principal, self._token())
        except DomainError as exc:
            self.problem = i18n.render(lang, exc.message)
            self.valid = False
            return
        yield rx.redirect(f"/w/{wedding_id}" if wedding_id else "/weddings")
