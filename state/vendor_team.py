"""The vendor organization's team: invite by email (role vendor), pending invitations, remove members."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from services import vendors
from services.authz import Permission, Principal
from services.errors import DomainError
from state.base import authenticated, call, current_principal, explain
from state.i18n import viewer_lang
from state.team import TeamMixin, team_rows


def _team(session, principal, lang: str) -> dict[str, Any]:
    team = vendors.vendor_team(session, principal)
    v = vendors.load_own_vendor(session, principal, Permission.TEAM_VIEW)
    return team_rows(principal, team.members, team.pending, v.tenant_id, lang)


class VendorTeamState(TeamMixin, rx.State):
    where: ClassVar[str] = "vendor.team"
    invite_fields: ClassVar[frozenset[str]] = frozenset({"email"})

    confirm_user_id: str = ""
    confirm_name: str = ""

    async def _view(self, principal: Principal, lang: str) -> dict[str, Any]:
        return await call(_team, principal, lang)

    async def _send_invitation(self, principal: Principal, form_data: dict, lang: str) -> str:
        return await call(vendors.invite_member, principal, str(form_data.get("email", "")), lang=lang)

    async def _revoke(self, principal: Principal, invitation_id: str) -> None:
        await call(vendors.revoke_member_invitation, principal, invitation_id)

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
