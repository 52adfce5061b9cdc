"""The list of weddings, onboarding a new one, and editing or deleting one."""

from __future__ import annotations

from typing import Any

import reflex as rx

from services import bookings, i18n, vendors, weddings
from services.authz import ROLE_LABELS, Permission, can
from services.errors import DomainError
from state.base import authenticated, call, current_principal, explain, route_param, run, today_utc
from state.i18n import viewer_lang


def _wedding_card(w, principal, lang: str) -> dict[str, Any]:
    return {
        "id": str(w.id),
        "couple": weddings.couple_names(w),
        "date": i18n.format_day(w.wedding_date, lang),
        "venue": w.venue_name,
        "deleted": w.deleted_at is not None,
        "deleted_on": i18n.format_day(w.deleted_at.date(), lang) if w.deleted_at else "",
        "days": (w.wedding_date - today_utc()).days,
        "role": i18n.gettext(lang, ROLE_LABELS[principal.role_in(w.tenant_id)]),
    }


class WeddingsState(rx.State):
    cards: list[dict[str, Any]] = []
    loaded: bool = False
    message: str = ""

    @authenticated
    async def load(self):
        principal, lang = current_principal(), await viewer_lang(self)
        if await call(vendors.is_vendor_only, principal):  # a vendor business lands on its own area
            return rx.redirect("/vendor")
        rows = await call(weddings.list_weddings, principal)
        self.cards = [_wedding_card(w, principal, lang) for w in rows]
        self.loaded = True

    @authenticated
    async def restore(self, wedding_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await call(weddings.restore_wedding, principal, wedding_id)
            self.message = i18n.gettext(lang, "The wedding is restored.")
        except DomainError as exc:
            _, self.message = explain(exc, lang, where="weddings.restore", principal=principal)
        rows = await call(weddings.list_weddings, principal)
        self.cards = [_wedding_card(w, principal, lang) for w in rows]


class OnboardingState(rx.State):
    errors: dict[str, str] = {}
    form_error: str = ""
    busy: bool = False

    @authenticated
    async def submit(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.busy, self.errors, self.form_error = True, {}, ""
        yield
        form_data = dict(form_data)
        template = str(form_data.pop("template", "") or "")  # events, budget, checklist, timeline
        try:
            wedding = await call(
                weddings.create_wedding,
                principal,
                form_data,
                tenant_id=None,
                viewer_lang=lang,
                today=today_utc(),
                template=template or None,
            )
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="onboarding", principal=principal)
            self.busy = False
            return
        self.busy = False
        yield rx.redirect(f"/w/{wedding.id}")


def _form_values(w, lang: str) -> dict[str, str]:
    return {
        "partner_a": w.partner_a,
        "partner_b": w.partner_b,
        "wedding_date": w.wedding_date.isoformat(),
        "venue_name": w.venue_name,
        "venue_address": w.venue_address,
        "expected_guests": str(w.expected_guests),
        "budget_total": str(i18n.minor_to_decimal(w.budget_total_minor, w.currency)),
        "currency": w.currency,
        "locale": w.locale,
        "timezone": w.timezone,
    }


class WeddingSettingsState(rx.State):
    values: dict[str, str] = {}
    version: int = 0
    couple: str = ""
    can_edit: bool = False
    can_delete: bool = False
    not_found: bool = False
    errors: dict[str, str] = {}
    form_error: str = ""
    saved_message: str = ""
    delete_error: str = ""
    delete_open: bool = False

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    async def _show(self, w, principal, lang: str) -> None:
        # The city field shows the chosen place, or the one found in the venue address (saving then keeps it).
        self.values = {**_form_values(w, lang), "city": await run(vendors.wedding_city_label, w)}
        self.version = w.version
        self.couple = weddings.couple_names(w)
        self.can_edit = can(principal, Permission.WEDDING_EDIT, w.tenant_id)
        self.can_delete = can(principal, Permission.WEDDING_DELETE, w.tenant_id)

    @authenticated
    async def load(self):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error, self.saved_message, self.not_found = {}, "", "", False
        try:
            w = await call(weddings.load_wedding, principal, self._wedding_id(), Permission.WEDDING_VIEW)
        except DomainError:
            self.not_found = True
            return
        await self._show(w, principal, lang)

    @authenticated
    async def save(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error, self.saved_message = {}, "", ""
        try:
            w = await call(
                weddings.update_wedding,
                principal,
                self._wedding_id(),
                form_data,
                expected_version=self.version,
                viewer_lang=lang,
                today=today_utc(),
            )
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="wedding.save", principal=principal)
            return
        await self._show(w, principal, lang)
        self.saved_message = i18n.gettext(lang, "Saved.")
        off = await call(bookings.bookings_off_the_date, principal, self._wedding_id())
        if off:
            self.saved_message += " " + i18n.gettext(
                lang,
                "Bookings keep their day: {bookings}. Ask these vendors to move it.",
                bookings=", ".join(f"{name} ({i18n.format_day(day, lang, 'long')})" for name, day in off),
            )

    @authenticated
    def toggle_delete(self, value: bool):
        self.delete_open = bool(value)
        self.delete_error = ""

    @authenticated
    async def delete(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.delete_error = ""
        try:
            await call(weddings.delete_wedding, principal, self._wedding_id(), str(form_data.get("confirmation", "")))
        except DomainError as exc:
            fields, general = explain(exc, lang, where="wedding.delete", principal=principal)
            self.delete_error = fields.get("confirmation", general)
            return
        self.delete_open = False
        yield rx.redirect("/weddings")
