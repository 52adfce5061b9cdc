"""The couple side of vendors: marketplace search, a vendor's page for the wedding, the shortlist, comparison."""

from __future__ import annotations

from typing import Any

import reflex as rx

from models.vendors import VENDOR_TYPES
from services import i18n, vendors
from services.authz import Permission, can
from services.errors import DomainError, Msg, TamperedInput, ValidationError
from services.vendor_search import SORTS, SearchQuery, search_vendors
from services.weddings import load_wedding
from state.base import authenticated, call, current_principal, explain, route_param
from state.i18n import viewer_lang

SEARCH_FIELDS = {"q", "vendor_type", "price_min", "price_max", "language", "min_rating", "sort"}
RATINGS = ("", "3", "4", "4.5")


def _types_label(types: list[str], lang: str) -> str:
    return ", ".join(i18n.gettext(lang, vendors.TYPE_LABELS[t]) for t in types if t in vendors.TYPE_LABELS)


def _langs_label(codes: list[str], lang: str) -> str:
    return ", ".join(i18n.gettext(lang, vendors.SPOKEN_LANGUAGES[c]) for c in codes if c in vendors.SPOKEN_LANGUAGES)


def _price_label(price_min: int, price_max: int, currency: str, lang: str) -> str:
    if not price_max:
        return i18n.gettext(lang, "Prices on request")
    fmt = i18n.money_formatter(currency, lang)
    return f"{fmt(price_min)} – {fmt(price_max)}"


def _rating_label(avg: float, count: int, lang: str) -> str:
    if not count:
        return i18n.gettext(lang, "No reviews yet")
    return i18n.ngettext(lang, "{avg} ★ ({n} review)", "{avg} ★ ({n} reviews)", count, avg=f"{avg:.1f}")


def _km(value: float | None, lang: str) -> str:
    return "" if value is None else i18n.gettext(lang, "{km} km away", km=i18n.format_number(round(value), lang))


def _search(session, principal, wedding_id, query: SearchQuery, lang: str) -> dict[str, Any]:
    page = search_vendors(session, principal, wedding_id, query)
    wedding = load_wedding(session, principal, wedding_id, Permission.VENDORS_BROWSE)
    _, shortlist = vendors.shortlist(session, principal, wedding_id)
    listed = {str(i.vendor.id) for i in shortlist}
    return {
        "hits": [
            {
                "id": h.vendor_id,
                "name": h.name,
                "types": _types_label(h.types, lang),
                "city": h.base_city,
                "snippet": h.snippet,
                "price": _price_label(h.price_min, h.price_max, h.currency, lang),
                "languages": _langs_label(h.languages, lang),
                "rating": _rating_label(h.rating_avg, h.rating_count, lang),
                "distance": _km(h.distance_km, lang),
                "thumb": h.thumb_image_id,
                "why": f"{h.score:.3f} = 0.6 × {h.text_score:.2f} + 0.3 × {h.rating_score:.2f} + 0.1 × {h.completeness:.2f}",
                "shortlisted": h.vendor_id in listed,
            }
            for h in page.hits
        ],
        "total": page.total,
        "total_label": (
            i18n.gettext(lang, "More than {n} vendors found", n=i18n.format_number(page.total, lang))
            if page.total_capped
            else i18n.ngettext(lang, "{n} vendor found", "{n} vendors found", page.total)
        ),
        "pages": page.pages,
        "page": page.page,
        "city": page.wedding_city.label if page.wedding_city else "",
        "area_applied": page.area_filter_applied,
        "currency": page.wedding_currency,
        "date": i18n.format_day(wedding.wedding_date, lang),
        "can_book": can(principal, Permission.VENDORS_BOOK, wedding.tenant_id),
        "shortlist": [{"id": str(i.vendor.id), "name": i.vendor.name, "note": i.note} for i in shortlist],
    }


class MarketplaceState(rx.State):
    loaded: bool = False
    not_found: bool = False
    q: str = ""
    vendor_type: str = ""
    price_min: str = ""
    price_max: str = ""
    language: str = ""
    min_rating: str = ""
    sort: str = "relevance"
    in_area: bool = False
    available: bool = False
    page: int = 1
    pages: int = 1
    total: int = 0
    total_label: str = ""
    hits: list[dict[str, Any]] = []
    city: str = ""
    area_applied: bool = False
    currency: str = ""
    date_label: str = ""
    can_book: bool = False
    shortlist: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    form_error: str = ""
    form_key: int = 0
    searching: bool = False

    def _wedding_id(self) -> str:
        return route_param(self, "wedding_id")

    async def _run(self, lang: str) -> None:
        errors: dict[str, Msg] = {}
        price_min = (
            vendors.parse_money(self.price_min, self.currency or "EUR", lang, errors, "price_min")
            if self.price_min
            else None
        )
        price_max = (
            vendors.parse_money(self.price_max, self.currency or "EUR", lang, errors, "price_max")
            if self.price_max
            else None
        )
        if errors:
            raise ValidationError(errors)
        query = SearchQuery(
            text=self.q,
            vendor_type=self.vendor_type,
            in_area=self.in_area,
            price_min=price_min,
            price_max=price_max,
            language=self.language,
            available_on_date=self.available,
            min_rating=float(self.min_rating or 0),
            sort=self.sort,
            page=self.page,
        )
        view = await call(_search, current_principal(), self._wedding_id(), query, lang)
        self.hits, self.total, self.pages, self.page = view["hits"], view["total"], view["pages"], view["page"]
        self.total_label = view["total_label"]
        self.city, self.area_applied, self.currency = view["city"], view["area_applied"], view["currency"]
        self.date_label, self.can_book, self.shortlist = view["date"], view["can_book"], view["shortlist"]
        self.loaded = True

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.q, self.vendor_type, self.price_min, self.price_max, self.language = "", "", "", "", ""
        self.min_rating, self.sort, self.in_area, self.available, self.page = "", "relevance", False, False, 1
        self.errors, self.form_error, self.not_found, self.currency = {}, "", False, ""
        preset = route_param(self, "type")
        if preset in VENDOR_TYPES:
            self.vendor_type = preset
        try:
            await self._run(lang)
        except DomainError:
            self.not_found, self.loaded = True, True
        self.form_key += 1

    @authenticated
    async def search(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error, self.searching = {}, "", True
        yield
        try:
            if set(form_data) - SEARCH_FIELDS:
                raise TamperedInput()
            vendor_type = str(form_data.get("vendor_type", ""))
            language = str(form_data.get("language", ""))
            sort = str(form_data.get("sort", "relevance"))
            rating = str(form_data.get("min_rating", ""))
            if (
                (vendor_type and vendor_type not in VENDOR_TYPES)
                or (language and language not in vendors.SPOKEN_LANGUAGES)
                or sort not in SORTS
                or rating not in RATINGS
            ):
                raise TamperedInput()
            self.q = str(form_data.get("q", ""))[:200]
            self.vendor_type, self.language, self.sort, self.min_rating = vendor_type, language, sort, rating
            self.price_min = str(form_data.get("price_min", ""))[:20]
            self.price_max = str(form_data.get("price_max", ""))[:20]
            self.page = 1
            await self._run(lang)
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="marketplace.search", principal=principal)
        self.searching = False

    @authenticated
    async def toggle_area(self, value: bool):
        self.in_area, self.page = bool(value), 1
        await self._safe_run()

    @authenticated
    async def toggle_available(self, value: bool):
        self.available, self.page = bool(value), 1
        await self._safe_run()

    @authenticated
    async def go_page(self, page: int):
        if not isinstance(page, int) or not 1 <= page <= max(1, self.pages):
            return
        self.page = page
        await self._safe_run()

    async def _safe_run(self) -> None:
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            await self._run(lang)
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="marketplace.search", principal=principal)

    @authenticated
    async def toggle_shortlist(self, vendor_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        listed = any(s["id"] == vendor_id for s in self.shortlist)
        try:
            if listed:
                await call(vendors.shortlist_remove, principal, self._wedding_id(), vendor_id)
            else:
                await call(vendors.shortlist_add, principal, self._wedding_id(), vendor_id, "")
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="marketplace.shortlist", principal=principal)
        await self._safe_run()


def _detail(session, principal, wedding_id, vendor_id, lang: str) -> dict[str, Any]:
    view = vendors.vendor_for_wedding(session, principal, wedding_id, vendor_id)
    v = view.vendor
    fmt = i18n.money_formatter(v.currency, lang)
    if view.serves_area is None:
        area = i18n.gettext(lang, "Choose the wedding's town in its details to see whether they travel to you.")
    elif view.serves_area:
        area = i18n.gettext(lang, "Serves {city}", city=view.city.name)
    else:
        area = i18n.gettext(lang, "Usually does not travel to {city}", city=view.city.name)
    return {
        "name": v.name,
        "types": _types_label(v.types, lang),
        "description": v.description,
        "city": v.base_city,
        "radius": i18n.gettext(lang, "Travels up to {km} km", km=v.radius_km),
        "regions": ", ".join(v.regions or []),
        "languages": _langs_label(v.languages, lang),
        "price": _price_label(v.price_min, v.price_max, v.currency, lang),
        "rating": _rating_label(v.rating_avg, v.rating_count, lang),
        "distance": _km(view.distance_km, lang),
        "area": area,
        "serves": bool(view.serves_area),
        "available": view.available,
        "date": i18n.format_day(view.wedding.wedding_date, lang),
        "shortlisted": view.shortlisted,
        "note": view.note,
        "can_book": view.can_book,
        "email": v.contact_email,
        "several": v.allows_multiple_per_day,
        "packages": [
            {"name": p.name, "description": p.description, "price": fmt(p.price), "included": list(p.included or [])}
            for p in view.packages
        ],
        "images": [{"id": str(i.id), "caption": i.caption} for i in view.images],
    }


class VendorDetailState(rx.State):
    loaded: bool = False
    not_found: bool = False
    vendor: dict[str, Any] = {}
    packages: list[dict[str, Any]] = []
    images: list[dict[str, str]] = []
    note: str = ""
    message: str = ""
    error: str = ""
    form_key: int = 0

    def _ids(self) -> tuple[str, str]:
        return route_param(self, "wedding_id"), str(self.router.page.params.get("vendor_id", "") or "")

    async def _refresh(self, lang: str) -> None:
        wedding_id, vendor_id = self._ids()
        view = await call(_detail, current_principal(), wedding_id, vendor_id, lang)
        self.packages, self.images = view.pop("packages"), view.pop("images")
        self.vendor, self.note, self.loaded = view, view["note"], True

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.message, self.error, self.not_found = "", "", False
        try:
            await self._refresh(lang)
        except DomainError:
            self.not_found, self.loaded = True, True
        self.form_key += 1

    @authenticated
    async def save_shortlist(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.message, self.error = "", ""
        try:
            if set(form_data) - {"note"}:
                raise TamperedInput()
            wedding_id, vendor_id = self._ids()
            await call(vendors.shortlist_add, principal, wedding_id, vendor_id, str(form_data.get("note", "")))
            self.message = i18n.gettext(lang, "Saved to your shortlist.")
            await self._refresh(lang)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="vendor.shortlist", principal=principal)

    @authenticated
    async def remove_shortlist(self):
        principal, lang = current_principal(), await viewer_lang(self)
        self.message, self.error = "", ""
        try:
            wedding_id, vendor_id = self._ids()
            await call(vendors.shortlist_remove, principal, wedding_id, vendor_id)
            self.message = i18n.gettext(lang, "Removed from your shortlist.")
            await self._refresh(lang)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="vendor.shortlist", principal=principal)
        self.form_key += 1


def _compare(session, principal, wedding_id, chosen: list[str], lang: str) -> dict[str, Any]:
    wedding, items = vendors.shortlist(session, principal, wedding_id)
    ids = [str(i.vendor.id) for i in items]
    chosen = [c for c in chosen if c in ids][:4] or ids[:4]
    columns = []
    if len(chosen) >= 2:
        _, compared = vendors.compare(session, principal, wedding_id, chosen)
        for i in compared:
            v = i.vendor
            fmt = i18n.money_formatter(v.currency, lang)
            columns.append(
                {
                    "id": str(v.id),
                    "name": v.name,
                    "types": _types_label(v.types, lang),
                    "price": _price_label(v.price_min, v.price_max, v.currency, lang),
                    "packages": [f"{p.name}: {fmt(p.price)}" for p in i.packages],
                    "rating": _rating_label(v.rating_avg, v.rating_count, lang),
                    "languages": _langs_label(v.languages, lang),
                    "available": i18n.gettext(lang, "Available")
                    if i.available
                    else i18n.gettext(lang, "Not available"),
                    "is_available": i.available,
                    "distance": _km(i.distance_km, lang) or "—",
                    "note": i.note,
                }
            )
    return {
        "shortlist": [{"id": str(i.vendor.id), "name": i.vendor.name} for i in items],
        "chosen": chosen,
        "columns": columns,
        "date": i18n.format_day(wedding.wedding_date, lang),
    }


class CompareState(rx.State):
    loaded: bool = False
    not_found: bool = False
    shortlist: list[dict[str, str]] = []
    chosen: list[str] = []
    columns: list[dict[str, Any]] = []
    date_label: str = ""
    error: str = ""

    async def _refresh(self, lang: str) -> None:
        view = await call(_compare, current_principal(), route_param(self, "wedding_id"), list(self.chosen), lang)
        self.shortlist, self.chosen, self.columns, self.date_label = (
            view["shortlist"],
            view["chosen"],
            view["columns"],
            view["date"],
        )
        self.loaded = True

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.not_found, self.error = False, ""
        self.chosen = [c for c in route_param(self, "ids").split(",") if c][:4]
        try:
            await self._refresh(lang)
        except DomainError:
            self.not_found, self.loaded = True, True

    @authenticated
    async def toggle(self, vendor_id: str):
        principal, lang = current_principal(), await viewer_lang(self)
        self.error = ""
        if vendor_id in self.chosen:
            self.chosen = [c for c in self.chosen if c != vendor_id]
        elif len(self.chosen) >= 4:
            self.error = i18n.gettext(lang, "Compare at most 4 vendors at a time.")
            return
        else:
            self.chosen = [*self.chosen, vendor_id]
        if len(self.chosen) < 2:
            self.columns = []
            return
        try:
            await self._refresh(lang)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="vendors.compare", principal=principal)
