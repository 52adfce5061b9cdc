"""The vendor's availability calendar: block and unblock days; confirmed bookings show on their day."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

import reflex as rx

from services import i18n, vendors
from services.errors import DomainError
from state.base import authenticated, call, current_principal, explain, today_utc
from state.i18n import viewer_lang


class VendorCalendarState(rx.State):
    loaded: bool = False
    not_found: bool = False
    month: str = ""  # ISO first day of the shown month
    month_label: str = ""
    weekdays: list[str] = []
    days: list[dict[str, Any]] = []
    upcoming: list[dict[str, str]] = []
    selected: str = ""
    selected_label: str = ""
    selected_blocked: bool = False
    selected_bookings: int = 0
    reason: str = ""
    error: str = ""
    message: str = ""

    async def _refresh(self, lang: str) -> None:
        month = date.fromisoformat(self.month) if self.month else today_utc().replace(day=1)
        days, upcoming = await call(vendors.calendar_month, current_principal(), month, lang=lang, today=today_utc())
        self.month = month.isoformat()
        locale = i18n.locale_of(lang)
        self.month_label = i18n.format_day(month, lang, "MMMM y").capitalize()
        self.weekdays = [locale.days["format"]["abbreviated"][i] for i in range(7)]
        self.days = [{**asdict(d), "aria": self._aria(d, lang)} for d in days]
        self.upcoming = [{"day": d, "label": label, "reason": r} for d, label, r in upcoming]
        if self.selected:
            match = next((d for d in self.days if d["day"] == self.selected), None)
            self.selected_blocked = bool(match and match["blocked"])
            self.selected_bookings = int(match["bookings"]) if match else 0
        self.loaded = True

    @staticmethod
    def _aria(d, lang: str) -> str:
        """What a screen reader says for a day cell: the full date, then blocked / booked."""
        parts = [i18n.format_day(date.fromisoformat(d.day), lang, "full")]
        if d.blocked:
            parts.append(i18n.gettext(lang, "Blocked"))
        if d.bookings:
            parts.append(i18n.gettext(lang, "Booked"))
        return ", ".join(parts)

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.month, self.selected, self.error, self.message, self.not_found = "", "", "", "", False
        try:
            await self._refresh(lang)
        except DomainError:
            self.not_found, self.loaded = True, True

    @authenticated
    async def shift(self, months: int):
        lang = await viewer_lang(self)
        if months not in (-1, 1) or not self.month:
            return
        first = date.fromisoformat(self.month)
        target = (
            (first + timedelta(days=32)).replace(day=1) if months == 1 else (first - timedelta(days=1)).replace(day=1)
        )
        self.month = target.isoformat()
        await self._refresh(lang)

    @authenticated
    async def pick(self, day: str):
        lang = await viewer_lang(self)
        match = next((d for d in self.days if d["day"] == day), None)
        if match is None or match["past"]:
            return
        self.selected, self.reason, self.error, self.message = day, match["reason"], "", ""
        self.selected_label = i18n.format_day(date.fromisoformat(day), lang, "full")
        self.selected_blocked, self.selected_bookings = bool(match["blocked"]), int(match["bookings"])

    @authenticated
    def type_reason(self, value: str):
        self.reason = str(value)[:200]

    @authenticated
    async def toggle_block(self):
        principal, lang = current_principal(), await viewer_lang(self)
        if not self.selected:
            return
        self.error, self.message = "", ""
        try:
            if self.selected_blocked:
                await call(vendors.unblock_date, principal, self.selected)
                self.message = i18n.gettext(lang, "{day} is open again.", day=self.selected_label)
            else:
                await call(vendors.block_date, principal, self.selected, self.reason)
                self.message = i18n.gettext(lang, "{day} is blocked.", day=self.selected_label)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="vendor.calendar", principal=principal)
        await self._refresh(lang)

    @authenticated
    async def unblock(self, day: str):
        principal, lang = current_principal(), await viewer_lang(self)
        self.error, self.message = "", ""
        try:
            await call(vendors.unblock_date, principal, day)
            self.message = i18n.gettext(
                lang, "{day} is open again.", day=i18n.format_day(date.fromisoformat(day), lang)
            )
        except (DomainError, ValueError) as exc:
            if isinstance(exc, DomainError):
                _, self.error = explain(exc, lang, where="vendor.calendar", principal=principal)
        await self._refresh(lang)
