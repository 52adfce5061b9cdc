"""The vendor organization's team: invite by email (role vendor), pending invitations, remove members."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from services import vendors
from services.authz import Permission, Principal
from state.base import call
from state.team import TeamMixin, team_rows


def _team(session, principal, lang: str) -> dict[str, Any]:
    team = vendors.vendor_team(session, principal)
    v = vendors.load_own_vendor(session, principal, Permission.TEAM_VIEW)
    return team_rows(principal, team.members, team.pending, v.tenant_id, lang)


class VendorTeamState(TeamMixin, rx.State):
    where: ClassVar[str] = "vendor.team"
    invite_fields: ClassVar[frozenset[str]] = frozenset({"email"})

    async def _view(self, principal: Principal, lang: str) -> dict[str, Any]:
        return await call(_team, principal, lang)

    async def _send_invitation(self, principal: Principal, form_data: dict, lang: str) -> str:
        return await call(vendors.invite_member, principal, str(form_data.get("email", "")), lang=lang)

    async def _revoke(self, principal: Principal, invitation_id: str) -> None:
        await call(vendors.revoke_member_invitation, principal, invitation_id)

    async def _remove(self, principal: Principal, user_id: str) -> None:
        await call(vendors.remove_member, principal, user_id)
