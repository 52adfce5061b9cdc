"""Guests' RSVP: the public page behind a household's link, find-your-invitation, and the couple's
invitation tools on the guest page (links, QR codes, deadline, sending)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from services import guests, i18n, rsvp
from services.config import get_settings
from services.db import transaction
from services.errors import DomainError, TamperedInput, ValidationError
from services.guests import DIETARY_CODES, DIETARY_LABELS, hash_token
from state.base import authenticated, call, client_ip, current_principal, explain, public, route_param, run
from state.i18n import LangState, viewer_lang

SEND_BATCH = 25


def _view(token: str, lang: str | None, ip: str) -> dict[str, Any]:
    with transaction() as s:
        return rsvp.rsvp_view(s, token, lang=lang, ip=ip)


def _submit(token: str, data: dict, lang: str, ip: str) -> dict[str, Any]:
    with transaction() as s:
        return rsvp.submit_rsvp(s, token, data, lang=lang, ip=ip)


def _find(wedding_id: str, name: str, last_name: str, ip: str) -> dict[str, Any]:
    with transaction() as s:
        return rsvp.find_invitation(s, wedding_id, name, last_name, ip=ip)


def _claim(wedding_id: str, household_id: str, ip: str) -> str:
    with transaction() as s:
        return rsvp.claim_invitation(s, wedding_id, household_id, ip=ip)


def _find_info(wedding_id: str, lang: str) -> dict[str, str]:
    with transaction() as s:
        return rsvp.find_page_info(s, wedding_id, lang)


class RsvpState(rx.State):
    """The public RSVP page. The token comes from the route only; the service derives the household."""

    loaded: bool = False
    valid: bool = False
    problem: str = ""
    couple: str = ""
    date: str = ""
    venue: str = ""
    household: str = ""
    is_open: bool = True
    deadline: str = ""
    contact: str = ""
    members: list[dict[str, Any]] = []
    song: str = ""
    message: str = ""
    answered: bool = False
    done: bool = False
    lines: list[str] = []
    errors: dict[str, str] = {}
    general: str = ""
    saving: bool = False
    # The guest's language is applied once per link; afterwards the visitor's own choice wins.
    lang_applied: str = rx.Cookie("", name="attitudes_rsvp_lang", max_age=30 * 24 * 3600, same_site="lax")

    def _fill(self, view: dict[str, Any]) -> None:
        self.couple, self.date, self.venue = view["couple"], view["date"], view["venue"]
        self.household, self.is_open, self.deadline = view["household"], view["open"], view["deadline"]
        self.contact, self.song, self.message, self.answered = (
            view["contact"],
            view["song"],
            view["message"],
            view["answered"],
        )
        self.members = [
            {
                **m,
                "has_plus_one": m["plus_one"] != "none",
                "diet": [
                    {"code": c, "label": i18n.gettext(view["lang"], DIETARY_LABELS[c]), "checked": c in m["dietary"]}
                    for c in DIETARY_CODES
                ],
                "has_diet": bool(m["dietary"] or m["dietary_notes"]),
                "invitations": [
                    {
                        **i,
                        "yes": i["status"] == "attending",
                        "no": i["status"] == "declined",
                        "has_meals": bool(i["meals"]),
                    }
                    for i in m["invitations"]
                ],
            }
            for m in view["members"]
        ]

    @public(
        "Guest RSVP page: the unguessable, revocable household token in the URL is the credential; rate limited per IP."
    )
    async def load(self):
        token = route_param(self, "token")
        self.valid, self.problem, self.done, self.errors, self.general, self.lines = False, "", False, {}, "", []
        langs = await self.get_state(LangState)
        hint = hash_token(token)[:16] if token else ""
        first_visit = self.lang_applied != hint
        try:
            view = await run(_view, token, None if first_visit else langs.active_lang, client_ip(self))
        except DomainError as exc:
            self.problem, self.loaded = i18n.render(langs.active_lang, exc.message), True
            return
        self._fill(view)
        self.valid, self.loaded = True, True
        if first_visit:
            langs.lang, self.lang_applied = view["lang"], hint
            return rx.call_script(f"document.documentElement.lang = '{view['lang']}'")

    @public("Guest answers: only the route token's household can be changed; every id is checked against it.")
    async def submit(self, form_data: dict):
        token = route_param(self, "token")
        lang = await viewer_lang(self)
        self.errors, self.general, self.saving = {}, "", True
        yield
        try:
            out = await run(_submit, token, dict(form_data), lang, client_ip(self))
        except DomainError as exc:
            self.errors, self.general = explain(exc, lang, where="rsvp.submit")
            if isinstance(exc, ValidationError) and self.errors and not self.general:
                self.general = i18n.gettext(lang, "Please correct the highlighted answers.")
            self.saving = False
            return
        self.lines, self.done, self.saving, self.answered = out["lines"], True, False, True
        yield rx.call_script("window.scrollTo(0, 0)")

    @public("Shows the guest's own answers again for editing; no data leaves the page, nothing is saved.")
    async def edit_again(self):
        self.done = False
        token = route_param(self, "token")
        try:
            self._fill(await run(_view, token, await viewer_lang(self), client_ip(self)))
        except DomainError as exc:
            self.problem, self.valid = i18n.render(await viewer_lang(self), exc.message), False


class FindInvitationState(rx.State):
    """Find your invitation by name. The matched household's id stays on the server (_household)."""

    loaded: bool = False
    valid: bool = False
    couple: str = ""
    date: str = ""
    outcome: str = ""  # "" | none | ambiguous | several | match
    need_last_name: bool = False
    household: str = ""
    first_names: str = ""
    errors: dict[str, str] = {}
    general: str = ""
    _household: str = ""

    @public("Find-your-invitation landing: shows only the couple's names and date for a wedding id in the URL.")
    async def load(self):
        lang = await viewer_lang(self)
        self.outcome, self.need_last_name, self.errors, self.general, self._household = "", False, {}, "", ""
        try:
            info = await run(_find_info, route_param(self, "wedding_id"), lang)
        except DomainError:
            self.valid, self.loaded = False, True
            return
        self.couple, self.date, self.valid, self.loaded = info["couple"], info["date"], True, True

    @public("Name look-up: rate limited per IP, reveals only one matched household's name and first names.")
    async def search(self, form_data: dict):
        lang = await viewer_lang(self)
        self.errors, self.general, self.outcome, self._household = {}, "", "", ""
        name, last = str(form_data.get("name", "")), str(form_data.get("last_name", ""))
        try:
            found = await run(_find, route_param(self, "wedding_id"), name, last, client_ip(self))
        except DomainError as exc:
            self.errors, self.general = explain(exc, lang, where="rsvp.find")
            return
        self.outcome = found["kind"]
        if found["kind"] == "ambiguous":
            self.need_last_name = True
        elif found["kind"] == "match":
            self._household = found["household_id"]
            self.household, self.first_names = found["household"], ", ".join(found["first_names"])

    @public("Confirms the household this browser just matched (kept server side); returns that household's link.")
    async def confirm(self):
        if not self._household:
            return
        lang = await viewer_lang(self)
        try:
            token = await run(_claim, route_param(self, "wedding_id"), self._household, client_ip(self))
        except DomainError as exc:
            self.errors, self.general = explain(exc, lang, where="rsvp.claim")
            return
        self._household = ""
        return rx.redirect(f"/rsvp/{token}")

    @public("Forgets this browser's own match so the guest can search again; touches no data.")
    def not_us(self):
        self.outcome, self._household, self.household, self.first_names = "", "", "", ""


class InvitationsState(rx.State):
    """The couple's invitation tools on the guest page."""

    loaded: bool = False
    can_edit: bool = False
    rows: list[dict[str, Any]] = []
    deadline: str = ""
    contact: str = ""
    fallback_contact: str = ""
    errors: dict[str, str] = {}
    notice: str = ""
    problem: str = ""
    find_url: str = ""
    # link dialog
    link_open: bool = False
    link_household: str = ""
    link_url: str = ""
    link_qr: str = ""
    confirm_kind: str = ""  # "" | regenerate | revoke
    confirm_household_id: str = ""
    confirm_household: str = ""
    rename_household_id: str = ""  # the household whose name is being edited
    rename_value: str = ""
    rename_errors: dict[str, str] = {}
    rename_key: int = 0
    # send dialog
    send_open: bool = False
    send_kind: str = "invitation"
    send_audience: str = "all"
    send_count: int = -1
    send_total: int = 0
    send_done: int = 0
    sending: bool = False
    send_result: str = ""
    send_label: str = ""
    send_progress: str = ""

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    async def _refresh(self) -> None:
        principal, wid, lang = current_principal(), self._wedding_id(), await viewer_lang(self)
        settings = await call(rsvp.rsvp_settings, principal, wid)
        self.deadline, self.contact, self.fallback_contact, self.can_edit = (
            settings["deadline"],
            settings["contact"],
            settings["fallback_contact"],
            settings["can_edit"],
        )
        self.rows = await call(rsvp.household_rows, principal, wid, lang)
        self.find_url = f"{get_settings().base_url}/rsvp/find/{wid}"
        self.loaded = True

    @authenticated
    async def load(self):
        self.notice, self.problem, self.errors = "", "", {}
        self.link_open, self.send_open, self.confirm_kind = False, False, ""
        try:
            await self._refresh()
        except DomainError:
            self.loaded, self.rows = True, []

    async def _fail(self, exc: DomainError, where: str) -> None:
        self.errors, self.problem = explain(exc, await viewer_lang(self), where=where, principal=current_principal())

    @authenticated
    async def save_settings(self, form_data: dict):
        lang = await viewer_lang(self)
        self.errors, self.notice, self.problem = {}, "", ""
        try:
            await call(rsvp.save_rsvp_settings, current_principal(), self._wedding_id(), form_data)
        except DomainError as exc:
            await self._fail(exc, "rsvp.settings")
            return
        await self._refresh()
        self.notice = i18n.gettext(lang, "RSVP settings saved.")

    @authenticated
    async def show_link(self, household_id: str):
        self.problem, self.notice = "", ""
        try:
            url = await call(rsvp.household_link, current_principal(), self._wedding_id(), household_id)
        except DomainError as exc:
            await self._fail(exc, "rsvp.link")
            return
        row = next((r for r in self.rows if r["id"] == household_id), None)
        self.link_household = row["name"] if row else ""
        self.link_url, self.link_qr, self.link_open = url, rsvp.qr_svg_data_uri(url), True
        await self._refresh()

    @authenticated
    async def copy_link(self):
        if self.link_url:
            self.notice = i18n.gettext(await viewer_lang(self), "Link copied.")
            return rx.set_clipboard(self.link_url)

    @authenticated
    def close_link(self, is_open: bool = False):
        self.link_open, self.link_url, self.link_qr = False, "", ""

    @authenticated
    def ask(self, kind: str, household_id: str):
        if kind not in ("regenerate", "revoke"):
            return
        row = next((r for r in self.rows if r["id"] == household_id), None)
        if row is None:
            return
        self.confirm_kind, self.confirm_household_id, self.confirm_household = kind, household_id, row["name"]

    @authenticated
    def cancel_confirm(self, is_open: bool = False):
        self.confirm_kind, self.confirm_household_id = "", ""

    @authenticated
    def ask_rename(self, household_id: str):
        row = next((r for r in self.rows if r["id"] == household_id), None)
        if row is not None:
            self.rename_household_id, self.rename_value, self.rename_errors = household_id, row["name"], {}
            self.rename_key += 1

    @authenticated
    def cancel_rename(self, is_open: bool = False):
        if not is_open:
            self.rename_household_id, self.rename_errors = "", {}

    @authenticated
    async def rename(self, form_data: dict):
        """Rename the household being edited (the name guests see on their invitation)."""
        lang = await viewer_lang(self)
        hid, name = self.rename_household_id, str(form_data.get("household_name", ""))
        if not hid:
            return
        try:
            await call(guests.rename_household, current_principal(), self._wedding_id(), hid, name)
        except DomainError as exc:
            fields, general = explain(exc, lang, where="guests.rename_household", principal=current_principal())
            self.rename_errors = {"household_name": fields.get("household_name", "") or general}
            return
        self.rename_household_id, self.rename_errors = "", {}
        self.notice = i18n.gettext(lang, "Household renamed.")
        await self._refresh()

    @authenticated
    async def confirm_action(self):
        lang = await viewer_lang(self)
        kind, hid, name = self.confirm_kind, self.confirm_household_id, self.confirm_household
        self.confirm_kind = ""
        try:
            if kind == "revoke":
                await call(rsvp.revoke_household_link, current_principal(), self._wedding_id(), hid)
                self.notice = i18n.gettext(lang, "The link of {household} no longer works.", household=name)
            elif kind == "regenerate":
                url = await call(rsvp.household_link, current_principal(), self._wedding_id(), hid, regenerate=True)
                self.link_household, self.link_url, self.link_qr, self.link_open = (
                    name,
                    url,
                    rsvp.qr_svg_data_uri(url),
                    True,
                )
                self.notice = i18n.gettext(
                    lang, "{household} has a new link; the old one no longer works.", household=name
                )
        except DomainError as exc:
            await self._fail(exc, "rsvp.link")
            return
        await self._refresh()

    # ---- sending ----

    async def _count(self) -> None:
        ids = await call(rsvp.send_targets, current_principal(), self._wedding_id(), self.send_audience)
        self.send_count = len(ids)
        self.send_label = i18n.ngettext(
            await viewer_lang(self),
            "{n} household will receive an email.",
            "{n} households will receive an email.",
            len(ids),
        )

    @authenticated
    async def open_send(self):
        self.send_open, self.send_result, self.send_done, self.send_total = True, "", 0, 0
        self.send_kind, self.send_audience = "invitation", "all"
        try:
            await self._count()
        except DomainError as exc:
            self.send_open = False
            await self._fail(exc, "rsvp.send")

    @authenticated
    async def choose_send(self, field: str, value: str):
        if field == "kind" and value in ("invitation", "reminder"):
            self.send_kind = value
            self.send_audience = "pending" if value == "reminder" else self.send_audience
        elif field == "audience" and value in rsvp.AUDIENCES:
            self.send_audience = value
        else:
            raise TamperedInput()
        await self._count()

    @authenticated
    def close_send(self, is_open: bool = False):
        if not self.sending:
            self.send_open = False

    @rx.event(background=True)
    @authenticated
    async def send(self):
        """Send in batches, in the background: the page stays usable, progress shows, and no
        single transaction (or state lock) is held for the whole list."""
        principal = current_principal()
        async with self:
            if self.sending:
                return
            lang, wid = await viewer_lang(self), self._wedding_id()
            audience, kind = self.send_audience, self.send_kind
            self.sending, self.send_done, self.send_total, self.send_result = True, 0, 0, ""
        emails = 0
        try:
            ids = await call(rsvp.send_targets, principal, wid, audience)
            async with self:
                self.send_total = len(ids)
            for start in range(0, len(ids), SEND_BATCH):
                batch = ids[start : start + SEND_BATCH]
                emails += await call(rsvp.send_invitations, principal, wid, kind, batch)
                async with self:
                    self.send_done = min(len(ids), start + len(batch))
                    self.send_progress = i18n.gettext(
                        lang, "{done} of {total} households", done=self.send_done, total=self.send_total
                    )
        except DomainError as exc:
            async with self:
                self.sending = False
                await self._fail(exc, "rsvp.send")
            return
        async with self:
            self.sending = False
            self.send_result = i18n.ngettext(lang, "{n} email sent.", "{n} emails sent.", emails)
            await self._refresh()
