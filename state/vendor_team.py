"""The vendor organization's team: invite by email (role vendor), pending invitations, remove members."""

from __future__ import annotations

from typing import Any

import reflex as rx

from services import i18n, vendors
from services.authz import ROLE_LABELS, Permission, can
from services.config import get_settings
from services.errors import DomainError, TamperedInput
from state.base import authenticated, call, current_principal, explain
from state.i18n import viewer_lang


def _team(session, principal, lang: str) -> dict[str, Any]:
    team = vendors.vendor_team(session, principal)
    v = vendors.load_own_vendor(session, principal, Permission.TEAM_VIEW)
    return {
        "members": [
            {
                "user_id": uid,
                "name": name,
                "email": email,
                "role": role,
                "role_label": i18n.gettext(lang, ROLE_LABELS[role]),
                "is_me": uid == str(principal.user_id),
            }
            for uid, name, email, role in team.members
        ],
        "pending": [{"id": iid, "email": email} for iid, email in team.pending],
        "can_invite": can(principal, Permission.TEAM_INVITE, v.tenant_id),
        "can_manage": can(principal, Permission.TEAM_MANAGE, v.tenant_id),
    }


class VendorTeamState(rx.State):
    loaded: bool = False
    not_found: bool = False
    members: list[dict[str, Any]] = []
    pending: list[dict[str, str]] = []
    can_invite: bool = False
    can_manage: bool = False
    errors: dict[str, str] = {}
    form_error: str = ""
    sent_message: str = ""
    last_link: str = ""
    form_key: int = 0
    confirm_user_id: str = ""
    confirm_name: str = ""

    async def _refresh(self, lang: str) -> None:
        view = await call(_team, current_principal(), lang)
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
            if set(form_data) - {"email"}:
                raise TamperedInput()
            email = str(form_data.get("email", ""))
            token = await call(vendors.invite_member, principal, email, lang=lang)
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="vendor.team.invite", principal=principal)
            return
        self.last_link = f"{get_settings().base_url}/invite/{token}"
        self.sent_message = i18n.gettext(lang, "Invitation sent to {email}.", email=email)
        self.form_key += 1
        await self._refresh(lang)

    @authenticated
    async def revoke(self, invitation_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(vendors.revoke_member_invitation, principal, invitation_id)
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="vendor.team.revoke", principal=principal)
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
        principal, lang = current_principal(), await viewer_lang(self)
        user_id, self.confirm_user_id = self.confirm_user_id, ""
        if not user_id:
            return
        try:
            await call(vendors.remove_member, principal, user_id)
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="vendor.team.remove", principal=principal)
        await self._refresh(lang)
