"""Platform admin: the email outbox of the embedded mode."""

from __future__ import annotations

from typing import Any

import reflex as rx

from services import i18n
from services.errors import DomainError
from services.notifications import list_outbox
from state.base import authenticated, call, current_principal
from state.i18n import viewer_lang


class OutboxState(rx.State):
    messages: list[dict[str, Any]] = []
    not_found: bool = False
    open_id: str = ""

    @authenticated
    async def load(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            rows = await call(list_outbox, principal)
        except DomainError:
            self.not_found = True
            return
        self.not_found = False
        self.messages = [
            {
                "id": str(m.id),
                "when": i18n.format_moment(m.created_at, lang, "UTC", "short"),
                "kind": m.kind,
                "to": m.to_email,
                "subject": m.subject,
                "body": m.body_text,
                "status": m.status,
            }
            for m in rows
        ]

    @authenticated
    def toggle(self, message_id: str):
        self.open_id = "" if self.open_id == message_id else message_id
