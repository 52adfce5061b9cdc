"""Delete after a confirmation dialog, shared by the checklist and the timeline states (a Reflex state mixin).

The page's Delete button calls ask_delete(id), which keeps the listed row's id and title (the dialog is open while
the id is set); closing the dialog calls cancel_delete; its confirm button calls confirm_delete, which deletes
through the state's _delete_object, says what happened in `message` and calls the state's _refresh.
"""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from services import i18n
from services.authz import Principal
from services.errors import DomainError, Msg, TamperedInput
from state.base import authenticated, current_principal, explain
from state.i18n import viewer_lang


class DeleteConfirmMixin(rx.State, mixin=True):
    delete_id: str = ""
    delete_title: str = ""

    # Set by the state that uses the mixin.
    delete_row_kind: ClassVar[str]  # the kind of the rows (in `rows`) that can be deleted
    delete_done: ClassVar[Msg]  # the message after a delete
    delete_where: ClassVar[str]  # where refused deletes are logged

    async def _delete_object(self, principal: Principal, object_id: str) -> None:
        raise NotImplementedError

    @authenticated
    def ask_delete(self, row_id: str):
        rows: list[dict[str, Any]] = self.rows
        row = next((r for r in rows if r["kind"] == self.delete_row_kind and r["id"] == row_id), None)
        if row is not None:
            self.delete_id, self.delete_title = row_id, row["title"]

    @authenticated
    def cancel_delete(self, is_open: bool = False):
        if not is_open:
            self.delete_id = ""

    @authenticated
    async def confirm_delete(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            if not self.delete_id:
                raise TamperedInput()
            await self._delete_object(principal, self.delete_id)
            self.message = i18n.render(lang, self.delete_done)
        except DomainError as exc:
            _, self.message = explain(exc, lang, where=self.delete_where, principal=principal)
        self.delete_id = ""
        await self._refresh()
