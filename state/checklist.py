"""The checklist page: tasks by phase, filters, add/edit in a dialog, tick off, delete with confirmation."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from services import checklist, i18n
from services.errors import N_, DomainError, Msg
from state.base import authenticated, call, current_principal, explain, route_param
from state.confirm import DeleteConfirmMixin
from state.i18n import viewer_lang

EMPTY_FORM = {"title": "", "category": "", "due_date": "", "assignee": "", "notes": ""}


class ChecklistState(DeleteConfirmMixin, rx.State):
    delete_row_kind: ClassVar[str] = "task"
    delete_done: ClassVar[Msg] = N_("Task deleted.")
    delete_where: ClassVar[str] = "checklist.delete"

    loaded: bool = False
    not_found: bool = False
    can_edit: bool = False
    rows: list[dict[str, Any]] = []  # phase headers and tasks, in display order
    total: int = 0
    done: int = 0
    overdue: int = 0
    shown: int = 0
    percent: int = 0
    progress_label: str = ""
    categories: list[str] = []
    members: list[dict[str, str]] = []
    flt: str = "all"
    category: str = ""
    message: str = ""
    # the add / edit dialog
    form_open: bool = False
    editing_id: str = ""
    editing_version: int = 0
    values: dict[str, str] = EMPTY_FORM
    errors: dict[str, str] = {}
    form_error: str = ""
    form_key: int = 0

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    async def _delete_object(self, principal, object_id: str) -> None:
        await call(checklist.delete_task, principal, self._wedding_id(), object_id)

    async def _refresh(self) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        data = await call(
            checklist.checklist_page,
            principal,
            self._wedding_id(),
            lang=lang,
            flt=self.flt,
            category=self.category,
        )
        rows: list[dict[str, Any]] = []
        for group in data["groups"]:
            rows.append(
                {"kind": "phase", "id": "phase-" + group["key"], "label": group["label"], "count": group["count"]}
            )
            rows.extend({"kind": "task", **task} for task in group["tasks"])
        self.rows = rows
        self.can_edit = data["can_edit"]
        self.total, self.done, self.overdue, self.shown = data["total"], data["done"], data["overdue"], data["shown"]
        self.percent, self.progress_label = data["percent"], data["progress_label"]
        self.categories, self.members = data["categories"], data["members"]
        if self.category and self.category not in self.categories:
            self.category = ""

    @authenticated
    async def load(self):
        self.not_found, self.message = False, ""
        self.form_open, self.delete_id = False, ""
        try:
            await self._refresh()
        except DomainError:
            self.not_found = True
        self.loaded = True

    @authenticated
    async def choose_filter(self, flt: str):
        if flt not in checklist.FILTERS:
            return
        self.flt = flt
        await self._refresh()

    @authenticated
    async def choose_category(self, category: str):
        self.category = str(category)[:60]
        await self._refresh()

    @authenticated
    async def toggle_done(self, task_id: str, done: bool):
        principal, lang = current_principal(), await viewer_lang(self)
        self.message = ""
        try:
            await call(checklist.set_done, principal, self._wedding_id(), task_id, bool(done))
        except DomainError as exc:
            _, self.message = explain(exc, lang, where="checklist.toggle", principal=principal)
        await self._refresh()

    @authenticated
    def new_task(self):
        self.editing_id, self.editing_version = "", 0
        self.values = dict(EMPTY_FORM)
        self.errors, self.form_error = {}, ""
        self.form_key += 1
        self.form_open = True

    @authenticated
    def edit_task(self, task_id: str):
        task = next((r for r in self.rows if r["kind"] == "task" and r["id"] == task_id), None)
        if task is None:
            return
        self.editing_id, self.editing_version = task_id, int(task["version"])
        self.values = {
            "title": task["title"],
            "category": task["category"],
            "due_date": task["due_iso"],
            "assignee": task["assignee_id"],
            "notes": task["notes"],
        }
        self.errors, self.form_error = {}, ""
        self.form_key += 1
        self.form_open = True

    @authenticated
    def close_form(self, is_open: bool = False):
        self.form_open = bool(is_open)

    @authenticated
    async def save_task(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error = {}, ""
        try:
            if self.editing_id:
                await call(
                    checklist.update_task,
                    principal,
                    self._wedding_id(),
                    self.editing_id,
                    form_data,
                    expected_version=self.editing_version,
                )
                self.message = i18n.gettext(lang, "Task saved.")
            else:
                await call(checklist.add_task, principal, self._wedding_id(), form_data)
                self.message = i18n.gettext(lang, "Task added.")
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="checklist.save", principal=principal)
            self.values = {k: str(form_data.get(k, "")) for k in EMPTY_FORM}
            return
        self.form_open = False
        await self._refresh()
