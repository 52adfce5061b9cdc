"""The seating pages: the list of plans (one per event) and the canvas of one plan.

The canvas (components/seating_canvas.py) sends one event per drop; each handler calls one service of
services.seating.plans and stores the plan's new view. A background task per open canvas polls the plan's
version every POLL_SECONDS (re-checking the session each round, like state/live.py) and reloads the view
when someone else changed it; it also brings the other people's cursors and selections (presence).
The optimizer runs in a background task too (services.seating.jobs): progress comes from the run's row.

Speed (bench/seating_canvas.py, 500 guests, 60 tables): what changes often travels apart from what does not.
`plan` holds the floor (tables without their guests, elements, violations: ~20 KiB); `seating` holds each
table's guests and counts; `unassigned` and `households` the panel. A move resends `plan` only. A change
this tab made advances the version it shows when the service says nobody else changed the plan in between,
so the live poll does not rebuild the whole view after each of our own moves; the poll keeps what it
compares in this process (_TABS), so an idle round never takes the state's lock (a Redis read and write).
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from typing import Any

import reflex as rx
import structlog

from services import i18n
from services.auth import principal_from_token
from services.errors import N_, DomainError, ValidationError
from services.seating import jobs, plans
from state.base import authenticated, call, current_principal, explain, public, route_param, session_token
from state.i18n import viewer_lang
from state.live import _client_connected

log = structlog.get_logger("attitudes.seating")

POLL_SECONDS = 0.4
SETTLE_SECONDS = 0.5  # after this tab's own drops, the full view is rebuilt once they pause this long
RUN_POLL_SECONDS = 0.3
MAX_SECONDS = 6 * 3600
HEARTBEAT_ROUNDS = 8  # refresh this viewer's presence every ~3 s, others see it for 10 s
CONNECTION_CHECK_EVERY = 40
MAX_IDS = 500
MAX_IMPORT_BYTES = 2_000_000
TIME_LIMITS = (5, 10, 30, 60)
RUN_STATUS_LABELS = {
    "running": N_("Running"),
    "done": N_("Finished"),
    "stopped": N_("Stopped"),
    "failed": N_("Failed"),
    "infeasible": N_("No seating satisfies every rule"),
    "accepted": N_("Accepted"),
    "discarded": N_("Discarded"),
}
RULE_KIND_LABELS = {
    "together": N_("Must sit together"),
    "apart": N_("Must sit apart"),
    "prefer_together": N_("Prefer together"),
    "prefer_apart": N_("Prefer apart"),
}
UPLOAD_ID = "seating-file"


def _clean_id(value: Any) -> str:
    text = str(value or "").strip()
    return text[:64] if len(text) <= 64 else ""


def _clean_ids(values: Any) -> list[str]:
    if not isinstance(values, list | tuple):
        return []
    return [i for i in (_clean_id(v) for v in values[:MAX_IDS]) if i]


def _number(value: Any, default: float = 0.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _free_spot(view: dict, width: float, height: float) -> tuple[float, float]:
    """A point of the floor where a new table does not overlap the tables and elements already there."""
    grid = view.get("grid") or 50
    taken = [(t["x"], t["y"], t["width"], t["height"]) for t in view.get("tables", [])]
    taken += [(e["x"], e["y"], e["width"], e["height"]) for e in view.get("elements", [])]
    floor_w, floor_h = view.get("width") or 2400, view.get("height") or 1600
    margin = 80  # room for the seats around a table
    step = grid * max(1, math.ceil(50 / grid))  # on the grid, at least 50 units apart (a 1-unit grid stays quick)
    first_x = math.ceil((width / 2 + margin) / grid) * grid
    y = math.ceil((height / 2 + margin) / grid) * grid
    while y <= floor_h - height / 2:
        x = first_x
        while x <= floor_w - width / 2:
            if all(
                abs(x - tx) >= (width + tw) / 2 + margin or abs(y - ty) >= (height + th) / 2 + margin
                for tx, ty, tw, th in taken
            ):
                return x, y
            x += step
        y += step
    return floor_w / 2, floor_h / 2


def _add_layout(session, principal, wedding_id: str, plan_id: str, lang: str, guests: int) -> int:
    """Round tables of 10 for every guest of the plan, in rows around the middle of the floor (one transaction)."""
    view = plans.plan_view(session, principal, wedding_id, plan_id, lang)
    count = max(1, math.ceil(guests / 10))
    floor_w, floor_h = view.get("width") or 2400, view.get("height") or 1600
    per_row = max(1, int((floor_w - 200) // 330))
    for i in range(count):
        row, col = divmod(i, per_row)
        x = 250 + col * 330
        y = 250 + row * 330
        if y > floor_h - 150:
            x, y = _free_spot(view, 180, 180)
        plans.add_table(
            session,
            principal,
            wedding_id,
            plan_id,
            {
                "label": str(i + 1),
                "shape": "round",
                "capacity": 10,
                "x": x,
                "y": y,
                "rotation": 0,
                "width": 180,
                "height": 180,
            },
        )
    return count


def _raw(value: Any) -> Any:
    """The plain object behind a state var (Reflex wraps mutable vars in a change-tracking proxy)."""
    return getattr(value, "__wrapped__", value)


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split()[:2]).upper()


def _patched_seating(view: dict[str, Any], ids: list[str], table_id: str, seat: int | None) -> dict[str, Any]:
    """The view with these guests at that table, as assign() seats them (requested seat, else the lowest free).

    Shown at once while the full view is rebuilt; the rebuilt view (counts, meals, rules) replaces it.
    """
    tables = [{**t, "guests": list(t["guests"])} for t in view.get("tables", [])]
    target = next((t for t in tables if t["id"] == table_id), None)
    if target is None:
        return view
    unassigned = list(view.get("unassigned", []))
    waiting = {g["id"]: g for g in unassigned}
    taken = {g["seat"] for g in target["guests"]}
    free = [n for n in range(int(target["capacity"])) if n not in taken]
    from_list = 0
    for gid in ids:
        if any(g["id"] == gid for g in target["guests"]) or not free:
            continue
        entry = None
        if gid in waiting:
            g = waiting.pop(gid)
            entry = {**g, "initials": _initials(g["name"]), "locked": False}
            from_list += 1
        else:
            for t in tables:
                found = next((g for g in t["guests"] if g["id"] == gid), None)
                if found is not None:
                    t["guests"] = [g for g in t["guests"] if g["id"] != gid]
                    t["seated"], t["free"] = t["seated"] - 1, t["free"] + 1
                    entry = {**found, "locked": False}
                    break
        if entry is None:
            continue
        number = seat if seat is not None and len(ids) == 1 and seat in free else free[0]
        free.remove(number)
        target["guests"] = sorted([*target["guests"], {**entry, "seat": number}], key=lambda g: g["seat"])
        target["seated"], target["free"] = target["seated"] + 1, target["free"] - 1
    totals = dict(view.get("totals") or {})
    if from_list and totals:
        totals["seated"] = totals.get("seated", 0) + from_list
        totals["unassigned"] = totals.get("unassigned", 0) - from_list
    return {
        **view,
        "tables": tables,
        "unassigned": [g for g in unassigned if g["id"] in waiting],
        "totals": totals,
    }


def _patched_geometry(view: dict[str, Any], key: str, item_id: str, data: dict[str, float]) -> dict[str, Any]:
    """The view with one table or element moved (its version bumped as update_table/update_element does)."""
    items = []
    for item in view.get(key, []):
        if item["id"] == item_id:
            item = {**item, **{k: round(v) for k, v in data.items()}, "version": item["version"] + 1}
        items.append(item)
    return {**view, key: items}


CONTENT_KEYS = ("guests", "meals", "dietary")  # a table's part that lives in SeatingState.seating


def _split_view(view: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The floor (tables without their guests; no panel lists, no rules) and each table's guests and counts."""
    floor = {k: v for k, v in view.items() if k not in ("unassigned", "households", "rules", "tables")}
    floor["tables"] = [{k: v for k, v in t.items() if k not in CONTENT_KEYS} for t in view.get("tables", [])]
    seating = {t["id"]: {k: t.get(k, []) for k in CONTENT_KEYS} for t in view.get("tables", [])}
    return floor, seating


def _whole_tables(floor: dict[str, Any], seating: dict[str, Any]) -> list[dict[str, Any]]:
    empty = {k: [] for k in CONTENT_KEYS}
    return [{**t, **seating.get(t["id"], empty)} for t in floor.get("tables", [])]


class _Tab:
    """What one browser tab's canvas shows, kept in this process beside its Reflex state.

    The live loop runs in the process that holds the tab's socket, where the tab's events run too; it reads
    this every round instead of taking the state's lock (a Redis read and write of the whole state), and
    takes the lock only when it has something to show or every CONNECTION_CHECK_EVERY rounds.
    """

    __slots__ = ("generation", "version", "floor", "settle_at", "selection", "cursor")

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.version = 0  # the plan version on screen
        self.floor = 0  # no view older than this may replace it (this tab's own change is in it)
        self.settle_at = 0.0  # monotonic time before which the poll does not rebuild for our own changes alone
        self.selection = ""
        self.cursor: tuple[float, float] | None = None


_TABS: dict[str, _Tab] = {}  # client token -> its canvas (this process only)


class SeatingListState(rx.State):
    """/w/<wedding>/seating: one row per event, with its plan's numbers."""

    loaded: bool = False
    not_found: bool = False
    rows: list[dict[str, Any]] = []

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.not_found = False
        try:
            rows = await call(plans.plan_list, current_principal(), route_param(self, "wedding_id"))
        except DomainError:
            self.not_found, self.rows, self.loaded = True, [], True
            return
        num = lambda n: i18n.format_number(n, lang)  # noqa: E731
        self.rows = [
            {
                "event_id": str(r["event_id"]),
                "event_name": r["event_name"],
                "has_plan": bool(r.get("plan_id")),
                "summary": i18n.gettext(
                    lang,
                    "{tables} tables · {seated} of {guests} guests seated",
                    tables=num(r.get("tables", 0)),
                    seated=num(r.get("seated", 0)),
                    guests=num(r.get("guests", 0)),
                ),
                "pct": round(100 * r.get("seated", 0) / r["guests"]) if r.get("guests") else 0,
            }
            for r in rows
        ]
        self.loaded = True


class SeatingState(rx.State):
    """The canvas of one plan: /w/<wedding>/seating/<event>."""

    loaded: bool = False
    not_found: bool = False
    no_plan: bool = False  # a viewer opened an event nobody has started a plan for
    plan: dict[str, Any] = {}  # plan_view's floor: tables without guests, elements, violations (see _split_view)
    seating: dict[str, dict[str, Any]] = {}  # table id -> its guests, meals, dietary (a move leaves it alone)
    unassigned: list[dict[str, Any]] = []
    households: list[dict[str, Any]] = []
    can_edit: bool = False
    event_name: str = ""
    plan_key: str = ""  # the plan's id (export/print links)
    keep_together: bool = True
    totals: dict[str, str] = {}
    rules: list[dict[str, Any]] = []
    violations: list[dict[str, Any]] = []
    presence: list[dict[str, Any]] = []
    live: bool = False
    message: str = ""
    error: str = ""
    selected_kind: str = ""
    selected_table: dict[str, Any] = {}
    selected_element: dict[str, Any] = {}
    table_options: list[dict[str, str]] = []
    party_options: list[dict[str, str]] = []
    table_error: str = ""
    rule_error: str = ""
    rule_field_errors: dict[str, str] = {}
    delete_target: str = ""  # table id waiting for confirmation
    run: dict[str, Any] = {}
    import_message: str = ""
    _plan_id: str = ""
    _version: int = 0
    _lang: str = "en"
    _generation: int = 0
    _run_id: str = ""
    _execute: str = ""  # the run this tab started and has not executed yet
    _selection: str = ""
    _cursor: tuple[float, float] | None = None

    @rx.var
    def has_run(self) -> bool:
        return bool(self.run)

    # ---- helpers ----
    def _wid(self) -> str:
        return route_param(self, "wedding_id")

    def _event_id(self) -> str:
        return _clean_id(self.router.page.params.get("plan_event", ""))

    def _apply_view(self, view: dict[str, Any]) -> None:
        lang = self._lang
        rules = []
        for rule in view.get("rules", []):
            label = RULE_KIND_LABELS.get(rule.get("kind"))
            kind_label = i18n.render(lang, label) if label else str(rule.get("kind", ""))
            if str(rule.get("kind", "")).startswith("prefer_") and rule.get("weight"):
                kind_label = i18n.gettext(lang, "{rule}, weight {weight}", rule=kind_label, weight=rule["weight"])
            rules.append({**rule, "kind_label": kind_label})
        view = {**view, "rules": rules}
        self._shows_version(int(view.get("version") or 0))
        self._show(view)

    def _tab(self) -> _Tab | None:
        return _TABS.get(self.router.session.client_token)

    def _shows_version(self, version: int) -> None:
        """The view on screen is now the plan at `version` (the live poll compares it)."""
        self._version = version
        tab = self._tab()
        if tab is not None:
            tab.version, tab.floor = version, max(tab.floor, version)

    def _own_change(self, version: Any, *, complete: bool) -> None:
        """This tab's change made the plan `version`. When the view on screen was the version just before and
        already shows the whole change (`complete`), the screen is up to date: the live poll need not rebuild.
        Otherwise the poll rebuilds it once this tab's changes pause (SETTLE_SECONDS), at once if someone else
        changed the plan too, and never from a view older than this change."""
        version = int(version or 0)
        if not version:
            return
        if complete and version == self._version + 1:
            self._shows_version(version)
            return
        tab = self._tab()
        if tab is not None:
            tab.floor = max(tab.floor, version)
            tab.settle_at = time.monotonic() + SETTLE_SECONDS

    def _show(self, view: dict[str, Any]) -> None:
        """Everything the page draws from a view (the version the live poll compares is set by _apply_view).

        Only what changed is assigned: Reflex sends every assigned var to the browser, and a table move
        should not resend the 500 guests of the unassigned list or of the rule form.
        """
        lang = self._lang
        floor, seating = _split_view(view)
        self.plan = floor
        self._put("seating", seating)
        self._put("unassigned", list(view.get("unassigned", [])))
        self._put("households", list(view.get("households", [])))
        self._put("can_edit", bool(view.get("can_edit")))
        self._put("event_name", str(view.get("event_name", "")))
        self._put("plan_key", str(view.get("id", "")))
        self._put("keep_together", bool(view.get("keep_households_together")))
        self._put("totals", {k: i18n.format_number(v, lang) for k, v in (view.get("totals") or {}).items()})
        self._put("rules", list(view.get("rules", [])))
        self._put("violations", list(view.get("violations", [])))
        self._put(
            "table_options",
            [{"id": t["id"], "label": t["label"], "free": str(t["free"])} for t in view.get("tables", [])],
        )
        parties = [{"value": f"household:{h['id']}", "label": h["name"]} for h in view.get("households", [])]
        people = [{"value": f"guest:{g['id']}", "label": g["name"]} for g in view.get("unassigned", [])]
        people += [
            {"value": f"guest:{g['id']}", "label": g["name"]}
            for t in view.get("tables", [])
            for g in t["guests"]
            if not g.get("companion")  # a plus-one is no party of a rule: their guest is
        ]
        self._put(
            "party_options",
            sorted(parties, key=lambda o: o["label"].lower()) + sorted(people, key=lambda o: o["label"].lower()),
        )
        self._refresh_selection()

    def _view(self) -> dict[str, Any]:
        """The view on screen, whole again (plain objects, not the state's change-tracking proxies)."""
        floor = _raw(self.plan)
        return {
            **floor,
            "tables": _whole_tables(floor, _raw(self.seating)),
            "unassigned": _raw(self.unassigned),
            "households": _raw(self.households),
            "rules": _raw(self.rules),
        }

    def _put(self, name: str, value: Any) -> None:
        if _raw(getattr(self, name)) != value:
            setattr(self, name, value)

    def _refresh_selection(self) -> None:
        sel, floor, seating = self._selection, _raw(self.plan), _raw(self.seating)
        empty = {k: [] for k in CONTENT_KEYS}
        table = next((t for t in floor.get("tables", []) if t["id"] == sel), {})
        if not table and self.selected_kind == "guest":
            table = next(
                (
                    t
                    for t in floor.get("tables", [])
                    if any(g["id"] == sel for g in seating.get(t["id"], empty)["guests"])
                ),
                {},
            )
        self._put("selected_table", {**table, **seating.get(table["id"], empty)} if table else {})
        self._put("selected_element", next((e for e in floor.get("elements", []) if e["id"] == sel), {}))

    async def _reload(self) -> None:
        view = await call(plans.plan_view, current_principal(), self._wid(), self._plan_id, self._lang)
        self._apply_view(view)

    async def _fail(self, exc: DomainError, where: str) -> None:
        fields, general = explain(exc, self._lang, where=where, principal=current_principal())
        self.error = general or next(iter(fields.values()), "")
        self.message = ""

    async def _change(self, where: str, service, *args: Any, done: str = "") -> Any:
        """Run one change, then show the plan as it now is (also after a refusal: someone may have moved first)."""
        self.error, self.message = "", ""
        result = None
        try:
            result = await call(service, current_principal(), self._wid(), self._plan_id, *args)
            self.message = done
        except DomainError as exc:
            await self._fail(exc, where)
        try:
            await self._reload()
        except DomainError as exc:
            await self._fail(exc, where)
        return result

    # ---- loading and the live poll ----
    @authenticated
    async def load(self):
        self._lang = await viewer_lang(self)
        self.loaded, self.not_found, self.no_plan = False, False, False
        self.error, self.message, self.import_message, self.run, self._run_id = "", "", "", {}, ""
        self._selection, self.selected_kind, self.selected_table, self.selected_element = "", "", {}, {}
        self.presence = []
        try:
            self._plan_id = await call(plans.open_plan, current_principal(), self._wid(), self._event_id())
            if not self._plan_id:
                self.no_plan, self.plan, self.seating, self.loaded = True, {}, {}, True
                return
            await self._reload()
            await call(plans.set_presence, current_principal(), self._wid(), self._plan_id, "", None, None)
        except DomainError:
            self.not_found, self.plan, self.seating, self.loaded = True, {}, {}, True
            return
        self.loaded = True
        events = [SeatingState.watch]
        if self.can_edit:
            try:
                run_id = await call(jobs.latest_run, current_principal(), self._wid(), self._plan_id)
                if run_id:
                    status = await call(jobs.run_status, current_principal(), self._wid(), run_id, self._lang)
                    self._run_id, self.run = str(run_id), self._run_view(status)
                    if self.run["running"]:
                        events.append(SeatingState.drive_run)  # started elsewhere: only watch it
            except DomainError:
                self._run_id, self.run = "", {}
        return events

    @public("Runs when the canvas unmounts, also right after log-out; only stops this tab's own loop.")
    async def stop(self):
        self._generation += 1
        self.live = False
        _TABS.pop(self.router.session.client_token, None)

    @rx.event(background=True)
    @authenticated
    async def watch(self):
        async with self:
            self._generation += 1
            generation = self._generation
            wedding_id, plan_id, lang = self._wid(), self._plan_id, self._lang
            token = self.router.session.client_token
            cookie_token = session_token(self)
            self.live = bool(plan_id)
            tab = _TABS[token] = _Tab(generation)
            tab.version, tab.selection, tab.cursor = self._version, self._selection, self._cursor
            shown_people = list(_raw(self.presence))
        if not plan_id:
            return
        principal = current_principal()
        started, rounds = time.monotonic(), 0
        try:
            while time.monotonic() - started < MAX_SECONDS:
                if _TABS.get(token) is not tab:
                    return  # stopped, or a newer loop took over in this process
                try:
                    version, people = await call(plans.live_poll, principal, wedding_id, plan_id)
                    # Rebuild when the plan moved past the view on screen; when only this tab's own drops moved it,
                    # once they pause (a household dragged seat by seat, a burst of drops: one rebuild, not one each).
                    stale = version != tab.version and (version > tab.floor or time.monotonic() >= tab.settle_at)
                    view = await call(plans.plan_view, principal, wedding_id, plan_id, lang) if stale else None
                    if rounds % HEARTBEAT_ROUNDS == 0:
                        x, y = tab.cursor if tab.cursor else (None, None)
                        await call(plans.set_presence, principal, wedding_id, plan_id, tab.selection, x, y)
                except DomainError:
                    break  # no longer a member, or the plan is gone
                if view is not None or people != shown_people or rounds % CONNECTION_CHECK_EVERY == 0:
                    async with self:
                        if self._generation != generation:
                            return  # a newer loop (maybe in another process) took over
                        if view is not None and int(view.get("version") or 0) >= max(self._version, tab.floor):
                            self._apply_view(view)
                        if people != self.presence:
                            self.presence = people
                        shown_people = people
                await asyncio.sleep(POLL_SECONDS)
                rounds += 1
                principal = await asyncio.to_thread(principal_from_token, cookie_token)
                if principal is None:
                    break  # logged out or expired
                if rounds % CONNECTION_CHECK_EVERY == 0 and not await _client_connected(token):
                    return
            async with self:
                if self._generation == generation:
                    self.live = False
        finally:
            if _TABS.get(token) is tab:
                del _TABS[token]

    # ---- the canvas's events ----
    @authenticated
    async def drop_guests(self, guest_ids: list, table_id: str, seat: int):
        """A drop on a table or a seat: saved, shown at once, then the full view (counts, meals, rules)."""
        ids, table = _clean_ids(guest_ids), _clean_id(table_id)
        if not ids or not table:
            return
        number = int(_number(seat, -1))
        async for update in self._seat(ids, table, number if number >= 0 else None):
            yield update

    async def _seat(self, ids: list[str], table: str, seat: int | None):
        self.error, self.message = "", ""
        try:
            result = await call(plans.assign, current_principal(), self._wid(), self._plan_id, ids, table, seat)
        except DomainError as exc:
            await self._fail(exc, "seating.assign")
            await self._reload()
            return
        self.message = str(result.get("message") or "")
        if result.get("moved"):
            # Shown at once from the change itself; counts, meals and rules come with the live poll's rebuild a
            # moment later (outside this handler: the state's lock is not held while the view is rebuilt).
            self._show(_patched_seating(self._view(), ids, table, seat))
            self._own_change(result.get("version"), complete=False)
            if self._tab() is not None:
                return
            yield
        await self._reload()

    @authenticated
    async def unassign(self, guest_ids: list):
        ids = _clean_ids(guest_ids)
        if ids:
            await self._change(
                "seating.unassign",
                plans.unassign,
                ids,
                done=i18n.ngettext(self._lang, "{n} guest unseated.", "{n} guests unseated.", len(ids)),
            )

    @authenticated
    async def unseat(self, guest_id: str):
        gid = _clean_id(guest_id)
        if gid:
            await self._change(
                "seating.unassign", plans.unassign, [gid], done=i18n.gettext(self._lang, "Guest unseated.")
            )

    @authenticated
    async def move_guest(self, guest_id: str, table_id: str):
        """The keyboard path between tables: the details panel's "Move to" select."""
        gid, table = _clean_id(guest_id), _clean_id(table_id)
        if not gid or not table:
            return
        async for update in self._seat([gid], table, None):
            yield update

    @authenticated
    async def move_table(
        self, table_id: str, x: float, y: float, rotation: float, width: float, height: float, version: int
    ):
        await self._move("tables", table_id, (x, y, rotation, width, height), version)

    @authenticated
    async def move_element(
        self, element_id: str, x: float, y: float, rotation: float, width: float, height: float, version: int
    ):
        await self._move("elements", element_id, (x, y, rotation, width, height), version)

    async def _move(self, key: str, item_id: Any, geometry: tuple, version: Any) -> None:
        """A drag or a keyboard move: saved, then shown from the change itself (no full rebuild on this path:
        the live poll brings the full view a moment later, since the plan's version moved)."""
        item = _clean_id(item_id)
        if not item:
            return
        x, y, rotation, width, height = geometry
        data = {
            "x": _number(x),
            "y": _number(y),
            "rotation": _number(rotation),
            "width": _number(width, 10),
            "height": _number(height, 10),
        }
        service = plans.update_table if key == "tables" else plans.update_element
        self.error, self.message = "", ""
        try:
            new_version = await call(
                service, current_principal(), self._wid(), self._plan_id, item, data, int(_number(version)) or None
            )
        except DomainError as exc:
            await self._fail(exc, f"seating.move_{key}")
            await self._reload()
            return
        # Only the floor changes (the guests, the panel and the rules stay as they are): only `plan` is sent.
        self.plan = _patched_geometry(_raw(self.plan), key, item, data)
        self._refresh_selection()
        self._own_change(new_version, complete=True)

    @authenticated
    async def select(self, kind: str, item_id: str):
        self.selected_kind = kind if kind in ("table", "guest", "element") else ""
        self._selection = _clean_id(item_id) if self.selected_kind else ""
        self.table_error = ""
        self._refresh_selection()
        tab = self._tab()
        if tab is not None:
            tab.selection = self._selection
        x, y = self._cursor if self._cursor else (None, None)
        try:
            await call(plans.set_presence, current_principal(), self._wid(), self._plan_id, self._selection, x, y)
        except DomainError as exc:
            await self._fail(exc, "seating.presence")

    @authenticated
    async def cursor(self, x: float, y: float):
        self._cursor = (_number(x), _number(y))
        tab = self._tab()
        if tab is not None:
            tab.cursor = self._cursor
        try:
            await call(
                plans.set_presence, current_principal(), self._wid(), self._plan_id, self._selection, *self._cursor
            )
        except DomainError:
            pass  # presence is best effort: the next heartbeat tries again

    @authenticated
    async def undo(self):
        label = await self._change("seating.undo", plans.undo)
        if label and not self.error:
            self.message = i18n.gettext(self._lang, "Undone: {what}", what=str(label))

    @authenticated
    async def redo(self):
        label = await self._change("seating.redo", plans.redo)
        if label and not self.error:
            self.message = i18n.gettext(self._lang, "Redone: {what}", what=str(label))

    @authenticated
    async def keep_households(self, checked: bool):
        await self._change("seating.update_plan", plans.update_plan, {"keep_households_together": bool(checked)})

    @authenticated
    def dismiss(self):
        self.message, self.error = "", ""

    # ---- tables, elements, layouts ----
    @authenticated
    async def add_table(self, form_data: dict):
        if not isinstance(form_data, dict):
            return
        shape = str(form_data.get("shape") or "round")
        width, height = {"round": (180, 180), "rect": (240, 120), "banquet": (400, 100)}.get(shape, (180, 180))
        x, y = _free_spot(_raw(self.plan), width, height)
        data = {
            "label": str(form_data.get("label") or "")[:60],
            "shape": shape,
            "capacity": str(form_data.get("capacity") or "10")[:4],
            "x": x,
            "y": y,
            "rotation": 0,
            "width": width,
            "height": height,
        }
        self.table_error = ""
        try:
            table_id = await call(plans.add_table, current_principal(), self._wid(), self._plan_id, data)
        except DomainError as exc:
            fields, general = explain(exc, self._lang, where="seating.add_table", principal=current_principal())
            self.table_error = general or "; ".join(fields.values())
            return
        self._selection, self.selected_kind = str(table_id), "table"
        self.message = i18n.gettext(self._lang, "Table added.")
        await self._reload()

    @authenticated
    async def add_layout(self):
        guests = int((self.plan.get("totals") or {}).get("guests") or 0)
        self.error = ""
        try:
            count = await call(_add_layout, current_principal(), self._wid(), self._plan_id, self._lang, guests)
        except DomainError as exc:
            await self._fail(exc, "seating.layout")
            return
        self.message = i18n.ngettext(self._lang, "{n} table added.", "{n} tables added.", count)
        await self._reload()

    @authenticated
    async def add_element(self, kind: str):
        kind = str(kind or "")
        sizes = {
            "dance_floor": (500, 500),
            "stage": (600, 250),
            "bar": (400, 120),
            "exit": (150, 50),
            "pillar": (60, 60),
        }
        if kind not in sizes:
            return
        width, height = sizes[kind]
        x, y = _free_spot(_raw(self.plan), width, height)
        data = {"kind": kind, "label": "", "x": x, "y": y, "width": width, "height": height, "rotation": 0}
        await self._change("seating.add_element", plans.add_element, data)

    @authenticated
    async def save_table(self, form_data: dict):
        """The details panel's form: label, capacity, shape, rotation of the selected table."""
        table = self.selected_table
        if not isinstance(form_data, dict) or not table:
            return
        data = {
            k: str(form_data.get(k) or "")[:60] for k in ("label", "capacity", "shape", "rotation") if k in form_data
        }
        self.table_error, self.error = "", ""
        try:
            await call(
                plans.update_table, current_principal(), self._wid(), self._plan_id, table["id"], data, table["version"]
            )
            self.message = i18n.gettext(self._lang, "Table saved.")
        except DomainError as exc:
            fields, general = explain(exc, self._lang, where="seating.save_table", principal=current_principal())
            self.table_error = general or "; ".join(fields.values())
        await self._reload()

    @authenticated
    async def toggle_table_lock(self):
        table = self.selected_table
        if table:
            await self._change(
                "seating.lock_table", plans.update_table, table["id"], {"locked": not table["locked"]}, table["version"]
            )

    @authenticated
    def ask_delete_table(self):
        self.delete_target = str(self.selected_table.get("id", ""))

    @authenticated
    def cancel_delete(self, value: bool = False):
        if not value:
            self.delete_target = ""

    @authenticated
    async def confirm_delete_table(self):
        target, self.delete_target = self.delete_target, ""
        if target:
            self._selection, self.selected_kind = "", ""
            await self._change(
                "seating.delete_table", plans.delete_table, target, done=i18n.gettext(self._lang, "Table deleted.")
            )

    @authenticated
    async def delete_element(self):
        element = self.selected_element
        if element:
            self._selection, self.selected_kind = "", ""
            await self._change("seating.delete_element", plans.delete_element, element["id"])

    @authenticated
    async def toggle_lock(self, guest_id: str, locked: bool):
        gid = _clean_id(guest_id)
        if gid:
            await self._change("seating.lock", plans.set_locked, gid, bool(locked))

    # ---- rules ----
    @authenticated
    async def add_rule(self, form_data: dict):
        if not isinstance(form_data, dict):
            return
        data = {k: str(form_data.get(k) or "")[:80] for k in ("kind", "a", "b", "weight")}
        self.rule_error, self.rule_field_errors = "", {}
        try:
            await call(plans.add_rule, current_principal(), self._wid(), self._plan_id, data)
        except DomainError as exc:
            fields, general = explain(exc, self._lang, where="seating.add_rule", principal=current_principal())
            self.rule_field_errors, self.rule_error = fields, general
            return
        self.message = i18n.gettext(self._lang, "Rule added.")
        await self._reload()

    @authenticated
    async def delete_rule(self, rule_id: str):
        rid = _clean_id(rule_id)
        if rid:
            await self._change(
                "seating.delete_rule", plans.delete_rule, rid, done=i18n.gettext(self._lang, "Rule removed.")
            )

    # ---- import ----
    @authenticated
    async def import_file(self, files: list[rx.UploadFile]):
        self.import_message, self.error = "", ""
        if not files:
            self.error = i18n.gettext(self._lang, "Choose a JSON file first.")
            return
        raw = files[0].file.read(MAX_IMPORT_BYTES + 1)
        try:
            if len(raw) > MAX_IMPORT_BYTES:
                raise ValidationError({"": N_("The file is larger than 2 MB.")})
            try:
                data = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise ValidationError({"": N_("This file is not JSON.")}) from None
            if not isinstance(data, dict):
                raise ValidationError({"": N_("This file is not a seating plan.")})
            result = await call(plans.import_assignment, current_principal(), self._wid(), self._plan_id, data)
        except DomainError as exc:
            await self._fail(exc, "seating.import")
            return
        self.import_message = i18n.gettext(
            self._lang,
            "Imported: {seated} seated, {unassigned} without a seat.",
            seated=i18n.format_number(result.get("seated", 0), self._lang),
            unassigned=i18n.format_number(result.get("unassigned", 0), self._lang),
        )
        await self._reload()

    # ---- the optimizer ----
    def _run_view(self, status: dict[str, Any]) -> dict[str, Any]:
        lang = self._lang
        limit = float(status.get("time_limit_s") or 0) or 1.0
        elapsed = float(status.get("elapsed_s") or 0)
        state = str(status.get("status") or "")
        fmt = lambda v: "—" if v is None else i18n.format_number(v, lang)  # noqa: E731
        moves = [
            {
                "guest": str(m.get("guest", "")),
                "household": str(m.get("household") or ""),
                "from_table": str(m.get("from_table") or i18n.gettext(lang, "no seat")),
                "to_table": str(m.get("to_table") or i18n.gettext(lang, "no seat")),
            }
            for m in status.get("moves") or []
        ]
        return {
            "id": str(status.get("id", "")),
            "mode": str(status.get("mode", "")),
            "status": state,
            "status_label": i18n.render(lang, RUN_STATUS_LABELS[state]) if state in RUN_STATUS_LABELS else state,
            "running": state == "running",
            "reviewable": state in ("done", "stopped") and bool(moves),
            "best": fmt(status.get("best")),
            "bound": fmt(status.get("bound")),
            "current": fmt(status.get("current_objective")),
            "elapsed": i18n.gettext(lang, "{s} s", s=i18n.format_number(round(elapsed, 1), lang)),
            "pct": min(100, round(100 * elapsed / limit)) if state == "running" else 100,
            "moves": moves,
            "moved": i18n.ngettext(lang, "{n} guest gets a new seat.", "{n} guests get a new seat.", len(moves)),
            "reseated": i18n.ngettext(
                lang,
                "{n} guest already seated changes tables.",
                "{n} guests already seated change tables.",
                int(status.get("moved_guests") or 0),
            ),
            "no_change": state in ("done", "stopped") and not moves,
            "conflicts": [str(c) for c in status.get("conflicts") or []],
            "stale": bool(status.get("stale")),
        }

    @authenticated
    async def optimize(self, form_data: dict):
        form_data = form_data if isinstance(form_data, dict) else {}
        mode = str(form_data.get("mode") or "optimize")
        limit = int(_number(form_data.get("time_limit"), 10))
        if mode not in ("optimize", "repair") or limit not in TIME_LIMITS:
            return
        if self.run.get("running"):
            return
        self.error, self.message = "", ""
        try:
            run_id = await call(jobs.start_run, current_principal(), self._wid(), self._plan_id, mode, float(limit))
            status = await call(jobs.run_status, current_principal(), self._wid(), run_id, self._lang)
        except DomainError as exc:
            await self._fail(exc, "seating.optimize")
            return
        self._run_id = self._execute = str(run_id)
        self.run = self._run_view(status)
        return SeatingState.drive_run

    @rx.event(background=True)
    @authenticated
    async def drive_run(self):
        """Run the solver off the event loop (or only watch a run another tab started) and show its progress.

        Only the tab that started the run executes it, once: optimize() leaves the run's id in a backend var
        that this task consumes; any other call (a reopened page, a replayed event) only watches.
        """
        async with self:
            run_id, wedding_id, lang = self._run_id, self._wid(), self._lang
            execute = bool(run_id) and self._execute == run_id
            self._execute = ""
        if not run_id:
            return
        principal = current_principal()
        task = asyncio.ensure_future(asyncio.to_thread(jobs.execute_run, run_id, principal)) if execute else None
        while True:
            finished = task is None or task.done()
            try:
                status = await call(jobs.run_status, principal, wedding_id, run_id, lang)
            except DomainError:
                break
            async with self:
                if self._run_id != run_id:
                    break  # dismissed, or a newer run took over
                self.run = self._run_view(status)
            if finished or status.get("status") != "running":
                break
            await asyncio.sleep(RUN_POLL_SECONDS)
        if task is not None:
            try:
                await task  # the solver stops by itself at its time limit, or when asked through the run's row
            except Exception:  # noqa: BLE001 - the run's row says "failed"; keep the trace
                log.exception("seating.run_failed", run_id=run_id)
        try:
            status = await call(jobs.run_status, principal, wedding_id, run_id, lang)
        except DomainError:
            return
        async with self:
            if self._run_id == run_id:
                self.run = self._run_view(status)

    @authenticated
    async def stop_run(self):
        if self._run_id:
            try:
                await call(jobs.stop_run, current_principal(), self._wid(), self._run_id)
            except DomainError as exc:
                await self._fail(exc, "seating.stop_run")

    @authenticated
    async def accept_run(self):
        if not self._run_id:
            return
        self.error, self.message = "", ""
        try:
            result = await call(jobs.accept_run, current_principal(), self._wid(), self._run_id)
        except DomainError as exc:
            await self._fail(exc, "seating.accept_run")
            return
        moved = int((result or {}).get("moved", 0))
        self.message = i18n.ngettext(
            self._lang, "Proposal accepted: {n} guest moved.", "Proposal accepted: {n} guests moved.", moved
        )
        self._run_id, self.run = "", {}
        await self._reload()

    @authenticated
    async def discard_run(self):
        run_id, self._run_id, self.run = self._run_id, "", {}
        if run_id:
            try:
                await call(jobs.discard_run, current_principal(), self._wid(), run_id)
            except DomainError as exc:
                await self._fail(exc, "seating.discard_run")
                return
            self.message = i18n.gettext(self._lang, "Proposal discarded: nothing changed.")
