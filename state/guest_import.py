"""Import a guest list: upload, map columns, preview problems and duplicates, confirm.

The parsed file stays on the server in a backend var (`_table`); the browser only sees the
mapping, the counts and the rows worth showing. Confirming re-validates that same table.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from services import guest_import, i18n
from services.errors import DomainError, Msg
from services.guest_import import ImportPreview, ImportResult, RawTable
from state.base import authenticated, call, current_principal, explain, route_param, run
from state.i18n import viewer_lang

DECISIONS = ("skip", "merge", "add")


def _problem_text(lang: str, row: int, msg: Msg) -> str:
    return i18n.gettext(lang, "Row {row}: {problem}", row=row, problem=i18n.render(lang, msg))


class GuestImportState(rx.State):
    stage: str = "upload"  # upload | preview | done
    filename: str = ""
    columns: list[dict[str, Any]] = []
    choices: list[dict[str, str]] = []
    events: list[dict[str, Any]] = []
    counts: dict[str, str] = {}
    importable: int = 0
    rows: list[dict[str, Any]] = []
    error: str = ""
    mapping_error: str = ""
    result: str = ""
    busy: bool = False

    _table: RawTable | None = None
    _mapping: list[str] = []
    _default_events: list[str] = []
    _decisions: dict[int, str] = {}

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    def _reset(self) -> None:
        self.stage, self.filename, self.columns, self.rows, self.counts = "upload", "", [], [], {}
        self.error, self.mapping_error, self.result, self.busy, self.importable = "", "", "", False, 0
        self._table, self._mapping, self._default_events, self._decisions = None, [], [], {}

    def _show(self, p: ImportPreview, lang: str) -> None:
        tr = lambda msgid: i18n.gettext(lang, msgid)  # noqa: E731
        self._mapping, self._default_events, self._decisions = (
            list(p.mapping),
            list(p.default_events),
            dict(p.decisions),
        )
        self.filename = p.filename
        self.choices = [{"key": "", "label": tr("Do not import")}] + [
            {"key": k, "label": i18n.gettext(lang, msgid, event=event) if event else tr(msgid)}
            for k, msgid, event in p.choices
        ]
        self.columns = [
            {"index": i, "header": h or f"#{i + 1}", "sample": p.samples[i], "field": p.mapping[i]}
            for i, h in enumerate(p.headers)
        ]
        chosen = set(p.default_events)
        self.events = [{"id": eid, "name": name, "checked": eid in chosen} for eid, name in p.events]
        num = lambda n: i18n.format_number(n, lang)  # noqa: E731
        merges = sum(1 for d in p.decisions.values() if d in ("merge",))
        adds = sum(1 for d in p.decisions.values() if d == "add")
        self.importable = p.valid - p.duplicates + adds
        self.counts = {
            "total": num(p.total),
            "valid": num(p.valid),
            "invalid": num(p.invalid),
            "duplicates": num(p.duplicates),
            "new": num(self.importable),
            "merges": num(merges),
            "confirm": i18n.ngettext(lang, "Import {n} guest", "Import {n} guests", self.importable),
        }
        self.rows = [
            {
                "number": r.number,
                "name": r.name or "—",
                "contact": " · ".join(x for x in (r.email, r.phone) if x),
                "household": r.household,
                "events": r.events,
                "problems": [_problem_text(lang, r.number, m) for m in r.errors],
                "has_problems": bool(r.errors),
                "duplicate": i18n.render(lang, r.duplicate) if r.duplicate else "",
                "can_merge": r.duplicate_kind == "existing",
                "decision": p.decisions.get(r.number, ""),
            }
            for r in p.rows
        ]
        self.mapping_error = ""
        self.stage = "preview"

    async def _preview(self, lang: str) -> None:
        principal = current_principal()
        try:
            p = await call(
                guest_import.preview_import,
                principal,
                self._wedding_id(),
                self._table,
                self._mapping or None,
                default_events=self._default_events,
                decisions=self._decisions,
            )
        except DomainError as exc:
            fields, general = explain(exc, lang, where="guests.import.preview", principal=principal)
            self.mapping_error = fields.get("mapping", "") or general
            self.columns = [{**c, "field": self._mapping[c["index"]]} for c in self.columns]
            return
        self._show(p, lang)

    @authenticated
    def load(self):
        self._reset()

    @authenticated
    async def handle_upload(self, files: list[rx.UploadFile]):
        principal, lang = current_principal(), await viewer_lang(self)
        self._reset()
        if len(files) != 1:
            self.error = i18n.gettext(lang, "Choose one CSV or Excel file.")
            return
        upload = files[0]
        data = upload.file.read(guest_import.MAX_FILE_BYTES + 1)
        self.busy = True
        yield
        try:
            table = await run(guest_import.parse_file, str(upload.filename or "guests.csv"), data)
            p = await call(guest_import.preview_import, principal, self._wedding_id(), table)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="guests.import.upload", principal=principal)
            self.busy = False
            return
        self._table = table
        self._show(p, lang)
        self.busy = False

    @authenticated
    async def map_column(self, index: int, key: str):
        if self._table is None or not isinstance(index, int) or not 0 <= index < len(self._mapping):
            return
        self._mapping = [*self._mapping[:index], str(key), *self._mapping[index + 1 :]]
        await self._preview(await viewer_lang(self))

    @authenticated
    async def toggle_event(self, event_id: str, checked: bool):
        if self._table is None:
            return
        chosen = [e for e in self._default_events if e != event_id]
        if checked:
            chosen.append(str(event_id))
        self._default_events = chosen
        await self._preview(await viewer_lang(self))

    @authenticated
    async def decide(self, row_number: int, decision: str):
        if self._table is None or decision not in DECISIONS or row_number not in self._decisions:
            return
        self._decisions = {**self._decisions, row_number: decision}
        await self._preview(await viewer_lang(self))

    @authenticated
    async def confirm(self):
        principal, lang = current_principal(), await viewer_lang(self)
        if self._table is None:
            return
        self.busy, self.error = True, ""
        yield
        try:
            result: ImportResult = await call(
                guest_import.commit_import,
                principal,
                self._wedding_id(),
                self._table,
                self._mapping,
                default_events=self._default_events,
                decisions=self._decisions,
            )
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="guests.import.commit", principal=principal)
            self.busy = False
            return
        num = lambda n: i18n.format_number(n, lang)  # noqa: E731
        self.result = i18n.gettext(
            lang,
            "{created} guests added, {merged} merged into existing guests, {skipped} skipped, {invalid} rows with problems left out.",
            created=num(result.created),
            merged=num(result.merged),
            skipped=num(result.skipped),
            invalid=num(result.invalid),
        )
        self._table, self.rows, self.busy, self.stage = None, [], False, "done"

    @authenticated
    def start_over(self):
        self._reset()
