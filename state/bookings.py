"""Bookings: the couple's quotes and bookings page, the vendor's requests and messages, the live thread,
the admin's review moderation. Handlers call one service each (state/base.call) and keep render-ready rows."""

from __future__ import annotations

import asyncio
import time
from typing import Any
from urllib.parse import quote as quote_path

import reflex as rx
import structlog

from services import bookings, i18n, messages, reviews
from services.auth import principal_from_token
from services.errors import DomainError, TamperedInput
from state.base import authenticated, call, current_principal, explain, route_param, session_token, today_utc
from state.i18n import viewer_lang

log = structlog.get_logger("attitudes.bookings")
POLL_SECONDS = 1.0
MAX_WATCH_SECONDS = 4 * 3600
EMPTY_PROPOSAL = {"package_id": "", "price": "", "deposit": "", "deposit_due": "", "balance_due": "", "note": ""}


def _principal_unread(session, principal, side: str) -> int:
    return messages.unread_total(session, principal, side=side)


class UnreadState(rx.State):
    """Unread message counts for the nav badges (refreshed by the bookings pages and the live thread)."""

    wedding: int = 0
    vendor: int = 0

    @authenticated
    async def refresh(self):
        principal = current_principal()
        wedding_id = route_param(self, "wedding_id")
        try:
            self.vendor = await call(_principal_unread, principal, "vendor")
            self.wedding = await call(messages.wedding_unread, principal, wedding_id) if wedding_id else 0
        except DomainError:
            self.wedding = 0


class ThreadState(rx.State):
    """One open message thread, kept live: a background loop polls for new messages about once a second."""

    open_id: str = ""
    title: str = ""
    day: str = ""
    status: str = ""
    side: str = ""
    items: list[dict[str, Any]] = []
    error: str = ""
    draft_key: int = 0
    sending: bool = False
    live: bool = False
    _draft: str = ""
    _generation: int = 0

    async def _load(self, thread_id: str) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        view = await call(messages.thread_view, principal, thread_id, lang=lang)
        self.open_id = view["id"]
        self.title, self.day, self.status, self.side = view["title"], view["day"], view["status"], view["side"]
        self.items = view["messages"]

    @authenticated
    async def open(self, thread_id: str):
        self.error, self._draft = "", ""
        self.draft_key += 1
        lang = await viewer_lang(self)
        try:
            await self._load(str(thread_id))
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="thread.open", principal=current_principal())
            self.open_id, self.items = "", []
            return
        scroll = "document.getElementById('thread-panel')?.scrollIntoView({block: 'nearest', behavior: 'smooth'})"
        return [ThreadState.watch, UnreadState.refresh, rx.call_script(scroll)]

    @authenticated
    def close(self):
        self.open_id, self.items, self.live = "", [], False
        self._generation += 1

    @authenticated
    def keep_draft(self, text: str):
        self._draft = str(text or "")[: messages.MAX_BODY + 1]

    @authenticated
    async def send(self, files: list[rx.UploadFile]):
        principal, lang = current_principal(), await viewer_lang(self)
        self.error = ""
        if not self.open_id:
            return
        uploads = []
        for f in files or []:
            data = f.file.read(messages.MAX_FILE_BYTES + 1)
            uploads.append(messages.Upload(str(f.filename or "file"), data))
        try:
            await call(messages.post_message, principal, self.open_id, self._draft, uploads)
        except DomainError as exc:
            fields, general = explain(exc, lang, where="thread.send", principal=principal)
            self.error = general if general else " ".join(fields.values())
            return
        self._draft = ""
        self.draft_key += 1
        await self._load(self.open_id)
        return rx.clear_selected_files("thread-files")

    @authenticated
    def stop(self):
        self._generation += 1
        self.live = False

    @rx.event(background=True)
    @authenticated
    async def watch(self):
        async with self:
            self._generation += 1
            generation = self._generation
            thread_id = self.open_id
            cookie_token = session_token(self)
            self.live = bool(thread_id)
        if not thread_id:
            return
        principal = current_principal()
        started, last = time.monotonic(), None
        while time.monotonic() - started < MAX_WATCH_SECONDS:
            try:
                marker = await call(messages.thread_marker, principal, thread_id)
            except DomainError:
                break
            if last is not None and marker != last:
                lang = "en"
                async with self:
                    if self._generation != generation:
                        return
                    lang = await viewer_lang(self)
                try:
                    view = await call(messages.thread_view, principal, thread_id, lang=lang)
                except DomainError:
                    break
                async with self:
                    if self._generation != generation:
                        return
                    self.items, self.status = view["messages"], view["status"]
            last = marker
            await asyncio.sleep(POLL_SECONDS)
            async with self:
                if self._generation != generation:
                    return
            principal = await asyncio.to_thread(principal_from_token, cookie_token)
            if principal is None:
                break
        async with self:
            if self._generation == generation:
                self.live = False


class BookingsState(rx.State):
    """/w/<wedding>/bookings: quotes and bookings with their status, answers, thread and review."""

    loaded: bool = False
    not_found: bool = False
    can_book: bool = False
    rows: list[dict[str, Any]] = []
    message: str = ""
    # request a quote (opened by ?quote=<vendor id> from a vendor's profile)
    request_open: bool = False
    request_vendor_id: str = ""
    request_vendor: str = ""
    request_day: str = ""
    request_busy: bool = False
    errors: dict[str, str] = {}
    form_error: str = ""
    form_key: int = 0
    # accept / decline confirmation
    confirm_id: str = ""
    confirm_kind: str = ""  # accept | decline | withdraw
    confirm_vendor: str = ""
    confirm_price: str = ""
    # review
    review_booking: str = ""
    review_vendor: str = ""

    def _wid(self) -> str:
        return route_param(self, "wedding_id")

    async def _refresh(self) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        data = await call(bookings.couple_overview, principal, self._wid(), lang=lang, today=today_utc())
        self.rows, self.can_book = data["rows"], data["can_book"]

    @authenticated
    async def load(self):
        self.not_found, self.message, self.confirm_id, self.review_booking = False, "", "", ""
        self.request_open = False
        try:
            await self._refresh()
        except DomainError:
            self.not_found = True
            self.loaded = True
            return
        self.loaded = True
        vendor_id = route_param(self, "quote")
        if vendor_id and self.can_book:
            principal, lang = current_principal(), await viewer_lang(self)
            try:
                info = await call(bookings.vendor_for_request, principal, self._wid(), vendor_id)
            except DomainError as exc:
                _, self.message = explain(exc, lang, where="bookings.request.open", principal=principal)
                return UnreadState.refresh
            self.request_vendor_id, self.request_vendor, self.request_day = info["id"], info["name"], info["day_iso"]
            self.errors, self.form_error = {}, ""
            if not info["available"]:
                self.errors = {
                    "day": i18n.gettext(lang, "This vendor is not available on this day. Choose another day.")
                }
            self.form_key += 1
            self.request_open = True
        return UnreadState.refresh

    @authenticated
    def close_request(self, is_open: bool = False):
        self.request_open = bool(is_open)

    @authenticated
    async def send_request(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error = {}, ""
        self.request_busy = True
        yield
        try:
            await call(
                bookings.request_quote,
                principal,
                self._wid(),
                self.request_vendor_id,
                {"day": form_data.get("day", ""), "message": form_data.get("message", "")},
                today=today_utc(),
            )
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="bookings.request", principal=principal)
            self.request_day = str(form_data.get("day", ""))[:10]
            self.request_busy = False
            return
        self.request_busy, self.request_open = False, False
        self.message = i18n.gettext(lang, "Your request was sent to {vendor}.", vendor=self.request_vendor)
        await self._refresh()
        yield rx.redirect(f"/w/{self._wid()}/bookings", replace=True)

    @authenticated
    def ask(self, quote_id: str, kind: str):
        row = next((r for r in self.rows if r["id"] == quote_id), None)
        if row is None or kind not in ("accept", "decline", "withdraw"):
            return
        self.confirm_id, self.confirm_kind = quote_id, kind
        self.confirm_vendor, self.confirm_price = row["vendor"], row["price"]

    @authenticated
    def cancel_confirm(self, is_open: bool = False):
        if not is_open:
            self.confirm_id = ""

    @authenticated
    async def confirm(self):
        principal, lang = current_principal(), await viewer_lang(self)
        quote_id, kind = self.confirm_id, self.confirm_kind
        self.confirm_id = ""
        try:
            if not quote_id:
                raise TamperedInput()
            if kind == "accept":
                await call(bookings.accept_proposal, principal, quote_id, lang=lang)
                self.message = i18n.gettext(lang, "Booked! The date is reserved and the budget is updated.")
            else:
                await call(bookings.decline_proposal, principal, quote_id)
                declined = i18n.gettext(lang, "Proposal declined.")
                self.message = declined if kind == "decline" else i18n.gettext(lang, "Request withdrawn.")
        except DomainError as exc:
            _, self.message = explain(exc, lang, where=f"bookings.{kind}", principal=principal)
        await self._refresh()

    @authenticated
    def start_review(self, booking_id: str):
        row = next((r for r in self.rows if r["booking_id"] == booking_id and r["can_review"]), None)
        if row is None:
            return
        self.review_booking, self.review_vendor = booking_id, row["vendor"]
        self.errors, self.form_error = {}, ""
        self.form_key += 1

    @authenticated
    def close_review(self, is_open: bool = False):
        if not is_open:
            self.review_booking = ""

    @authenticated
    async def send_review(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error = {}, ""
        try:
            await call(reviews.submit_review, principal, self.review_booking, form_data, today=today_utc())
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="bookings.review", principal=principal)
            return
        self.review_booking = ""
        self.message = i18n.gettext(lang, "Thank you! Your review is published.")
        await self._refresh()


class VendorRequestsState(rx.State):
    """/vendor/requests: requests, proposals and bookings of the vendor organization, and its reviews."""

    loaded: bool = False
    not_found: bool = False
    rows: list[dict[str, Any]] = []
    packages: list[dict[str, str]] = []
    flt: str = "open"
    message: str = ""
    # proposal form
    propose_id: str = ""
    propose_couple: str = ""
    values: dict[str, str] = EMPTY_PROPOSAL
    errors: dict[str, str] = {}
    form_error: str = ""
    form_key: int = 0
    # decline
    decline_id: str = ""
    decline_couple: str = ""
    # reviews and replies
    my_reviews: list[dict[str, Any]] = []
    reply_id: str = ""

    async def _refresh(self) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        data = await call(bookings.vendor_overview, principal, lang=lang, today=today_utc())
        self.rows, self.packages = data["rows"], data["packages"]
        self.my_reviews = await call(reviews.own_reviews, principal, lang=lang)

    @authenticated
    async def load(self):
        self.message, self.propose_id, self.decline_id, self.reply_id = "", "", "", ""
        try:
            await self._refresh()
            self.not_found = False
        except DomainError:
            self.not_found = True
        if not any(r["status"] in ("requested", "proposed") for r in self.rows):
            self.flt = "all"  # nothing to answer: show everything rather than an empty list
        self.loaded = True
        return UnreadState.refresh

    @authenticated
    def choose(self, flt: str):
        if flt in ("open", "booked", "closed", "all"):
            self.flt = flt

    @rx.var
    def shown(self) -> list[dict[str, Any]]:
        groups = {"open": ("requested", "proposed"), "booked": ("accepted",), "closed": ("declined", "withdrawn")}
        if self.flt == "all":
            return self.rows
        return [r for r in self.rows if r["status"] in groups.get(self.flt, ())]

    @rx.var
    def open_count(self) -> int:
        return sum(1 for r in self.rows if r["status"] == "requested")

    @authenticated
    def start_proposal(self, quote_id: str):
        row = next((r for r in self.rows if r["id"] == quote_id and r["can_answer"]), None)
        if row is None:
            return
        self.propose_id, self.propose_couple = quote_id, row["couple"]
        self.values = dict(EMPTY_PROPOSAL)
        self.errors, self.form_error = {}, ""
        self.form_key += 1

    @authenticated
    def close_proposal(self, is_open: bool = False):
        if not is_open:
            self.propose_id = ""

    @authenticated
    async def send_proposal(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error = {}, ""
        data = {k: str(form_data.get(k, "")) for k in EMPTY_PROPOSAL}
        try:
            await call(bookings.propose, principal, self.propose_id, data, lang=lang, today=today_utc())
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="vendor.propose", principal=principal)
            self.values = data
            return
        self.message = i18n.gettext(lang, "Proposal sent to {couple}.", couple=self.propose_couple)
        self.propose_id = ""
        await self._refresh()

    @authenticated
    def ask_decline(self, quote_id: str):
        row = next((r for r in self.rows if r["id"] == quote_id and r["can_answer"]), None)
        if row is not None:
            self.decline_id, self.decline_couple = quote_id, row["couple"]

    @authenticated
    def cancel_decline(self, is_open: bool = False):
        if not is_open:
            self.decline_id = ""

    @authenticated
    async def confirm_decline(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        quote_id, self.decline_id = self.decline_id, ""
        try:
            await call(bookings.vendor_decline, principal, quote_id, str(form_data.get("reason", "")))
            self.message = i18n.gettext(lang, "Request declined.")
        except DomainError as exc:
            _, self.message = explain(exc, lang, where="vendor.decline", principal=principal)
        await self._refresh()

    @authenticated
    def start_reply(self, review_id: str):
        self.reply_id = review_id
        self.errors, self.form_error = {}, ""
        self.form_key += 1

    @authenticated
    def cancel_reply(self, is_open: bool = False):
        if not is_open:
            self.reply_id = ""

    @authenticated
    async def send_reply(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error = {}, ""
        try:
            await call(reviews.reply, principal, self.reply_id, str(form_data.get("reply", "")))
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="vendor.reply", principal=principal)
            return
        self.reply_id = ""
        self.message = i18n.gettext(lang, "Reply published.")
        await self._refresh()


class VendorMessagesState(rx.State):
    """/vendor/messages: every thread of the vendor organization, most recent first."""

    loaded: bool = False
    not_found: bool = False
    threads: list[dict[str, Any]] = []

    @authenticated
    async def load(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            if not await call(bookings.vendor_profiles_of, principal):
                raise DomainError()
            self.threads = await call(messages.list_threads, principal, lang=lang)
            self.not_found = False
        except DomainError:
            self.not_found = True
        self.loaded = True
        return UnreadState.refresh

    @authenticated
    async def open_thread(self, thread_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        self.threads = await call(messages.list_threads, principal, lang=lang)
        return [ThreadState.open(thread_id), VendorMessagesState.after_open]

    @authenticated
    async def after_open(self):
        principal, lang = current_principal(), await viewer_lang(self)
        self.threads = await call(messages.list_threads, principal, lang=lang)


class AdminReviewsState(rx.State):
    """/admin/reviews: platform admins hide reviews (with a reason) or show them again."""

    loaded: bool = False
    not_found: bool = False
    rows: list[dict[str, Any]] = []
    flt: str = "all"
    message: str = ""
    hide_id: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0

    async def _refresh(self) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        self.rows = await call(reviews.admin_reviews, principal, lang=lang, flt=self.flt)

    @authenticated
    async def load(self):
        self.message, self.hide_id = "", ""
        try:
            await self._refresh()
            self.not_found = False
        except DomainError:
            self.not_found = True
        self.loaded = True

    @authenticated
    async def choose(self, flt: str):
        if flt in ("all", "visible", "hidden"):
            self.flt = flt
            await self._refresh()

    @authenticated
    def ask_hide(self, review_id: str):
        self.hide_id, self.errors = review_id, {}
        self.form_key += 1

    @authenticated
    def cancel_hide(self, is_open: bool = False):
        if not is_open:
            self.hide_id = ""

    @authenticated
    async def hide(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(reviews.moderate, principal, self.hide_id, hide=True, reason=str(form_data.get("reason", "")))
        except DomainError as exc:
            self.errors, general = explain(exc, lang, where="admin.reviews.hide", principal=principal)
            if general:
                self.message = general
            return
        self.hide_id = ""
        self.message = i18n.gettext(lang, "Review hidden. The vendor's rating no longer counts it.")
        await self._refresh()

    @authenticated
    async def unhide(self, review_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(reviews.moderate, principal, review_id, hide=False)
            self.message = i18n.gettext(lang, "Review visible again.")
        except DomainError as exc:
            _, self.message = explain(exc, lang, where="admin.reviews.unhide", principal=principal)
        await self._refresh()


def _vendor_from_path(path: str) -> str:
    parts = [p for p in (path or "").split("/") if p]
    for n, part in enumerate(parts[:-1]):
        if part == "vendors":
            return parts[n + 1]
    return ""


class VendorReviewsState(rx.State):
    """The reviews section of a vendor's profile page (components.bookings.reviews_section)."""

    rating: str = ""
    count: int = 0
    reviews: list[dict[str, Any]] = []

    @authenticated
    async def load(self):
        principal, lang = current_principal(), await viewer_lang(self)
        vendor_id = route_param(self, "vendor") or _vendor_from_path(self.router.url.path)
        try:
            data = await call(reviews.vendor_reviews, principal, vendor_id, lang=lang)
        except DomainError:
            self.rating, self.count, self.reviews = "", 0, []
            return
        self.rating, self.count, self.reviews = data["rating"], data["count"], data["reviews"]

    @authenticated
    def request_quote(self):
        """From a vendor's profile (/w/<wedding>/vendors/<vendor>) to the quote request form on the bookings page."""
        wedding_id, vendor_id = route_param(self, "wedding_id"), _vendor_from_path(self.router.url.path)
        if wedding_id and vendor_id:
            return rx.redirect(f"/w/{quote_path(wedding_id)}/bookings?quote={quote_path(vendor_id)}")
