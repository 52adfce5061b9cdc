"""The vendor's own area: profile editor, publishing, packages, portfolio pictures."""

from __future__ import annotations

from typing import Any

import reflex as rx

from services import i18n, vendors
from services.errors import DomainError, TamperedInput
from services.vendor_cities import region_names
from state.base import authenticated, call, current_principal, explain
from state.i18n import viewer_lang

TEXT_FIELDS = {
    "name",
    "description",
    "base_city",
    "radius_km",
    "price_min",
    "price_max",
    "currency",
    "contact_email",
    "lang",
}


def _profile_view(session, principal, lang: str) -> dict[str, Any]:
    v = vendors.load_own_vendor(session, principal)
    packages = vendors.list_packages(session, v.id)
    images = vendors.list_images(session, v.id)
    fmt = i18n.money_formatter(v.currency, lang)
    return {
        "profile": {
            "name": v.name,
            "description": v.description,
            "base_city": v.base_city,
            "radius_km": str(v.radius_km),
            "price_min": vendors.money_input(v.price_min, v.currency) if v.price_min else "",
            "price_max": vendors.money_input(v.price_max, v.currency) if v.price_max else "",
            "currency": v.currency,
            "contact_email": v.contact_email,
            "lang": v.lang,
        },
        "types": list(v.types or []),
        "languages": list(v.languages or []),
        "regions": list(v.regions or []),
        "multiple": v.allows_multiple_per_day,
        "published": v.published,
        "completeness": int(round(v.completeness * 100)),
        "problems": [i18n.render(lang, m) for m in vendors.publish_problems(session, v)],
        "packages": [
            {
                "id": str(p.id),
                "name": p.name,
                "description": p.description,
                "price": fmt(p.price),
                "price_input": vendors.money_input(p.price, v.currency),
                "included": list(p.included or []),
                "included_text": "\n".join(p.included or []),
            }
            for p in packages
        ],
        "images": [{"id": str(i.id), "caption": i.caption} for i in images],
        "rating": f"{v.rating_avg:.1f}" if v.rating_count else "",
        "rating_count": v.rating_count,
    }


class VendorProfileState(rx.State):
    loaded: bool = False
    not_found: bool = False
    profile: dict[str, str] = {}
    types: list[str] = []
    languages: list[str] = []
    regions: list[str] = []
    multiple: bool = False
    published: bool = False
    completeness: int = 0
    problems: list[str] = []
    packages: list[dict[str, Any]] = []
    images: list[dict[str, str]] = []
    rating: str = ""
    rating_count: int = 0
    errors: dict[str, str] = {}
    form_error: str = ""
    message: str = ""
    form_key: int = 0
    saving: bool = False
    # package editor
    package_open: bool = False
    package_edit_id: str = ""
    package_values: dict[str, str] = {}
    package_errors: dict[str, str] = {}
    package_error: str = ""
    confirm_package_id: str = ""
    confirm_package_name: str = ""
    # pictures
    upload_error: str = ""
    uploading: bool = False
    confirm_image_id: str = ""

    async def _refresh(self, lang: str) -> None:
        view = await call(_profile_view, current_principal(), lang)
        self.profile, self.types, self.languages = view["profile"], view["types"], view["languages"]
        self.regions, self.multiple, self.published = view["regions"], view["multiple"], view["published"]
        self.completeness, self.problems = view["completeness"], view["problems"]
        self.packages, self.images = view["packages"], view["images"]
        self.rating, self.rating_count = view["rating"], view["rating_count"]
        self.loaded = True

    @authenticated
    async def load(self):
        lang = await viewer_lang(self)
        self.errors, self.form_error, self.message, self.not_found = {}, "", "", False
        self.package_open, self.confirm_package_id, self.confirm_image_id, self.upload_error = False, "", "", ""
        try:
            await self._refresh(lang)
        except DomainError:
            self.not_found, self.loaded = True, True
        self.form_key += 1

    @authenticated
    def toggle_type(self, code: str):
        if code in vendors.TYPE_LABELS:
            self.types = [t for t in self.types if t != code] if code in self.types else [*self.types, code]

    @authenticated
    def toggle_language(self, code: str):
        if code in vendors.SPOKEN_LANGUAGES:
            self.languages = (
                [c for c in self.languages if c != code] if code in self.languages else [*self.languages, code]
            )

    @authenticated
    def toggle_region(self, name: str):
        if name in region_names():
            self.regions = [r for r in self.regions if r != name] if name in self.regions else [*self.regions, name]

    @authenticated
    def toggle_multiple(self, value: bool):
        self.multiple = bool(value)

    @authenticated
    async def save(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.form_error, self.message, self.saving = {}, "", "", True
        yield
        try:
            if set(form_data) - TEXT_FIELDS:
                raise TamperedInput()
            data = {k: str(form_data.get(k, "")) for k in TEXT_FIELDS}
            data.update(
                types=list(self.types),
                languages=list(self.languages),
                regions=list(self.regions),
                allows_multiple_per_day=self.multiple,
            )
            await call(vendors.update_profile, principal, data, lang=lang)
            await self._refresh(lang)
            self.message = i18n.gettext(lang, "Profile saved.")
        except DomainError as exc:
            self.errors, self.form_error = explain(exc, lang, where="vendor.profile.save", principal=principal)
        self.saving = False

    @authenticated
    async def change_visibility(self, published: bool):
        principal, lang = current_principal(), await viewer_lang(self)
        self.form_error, self.message = "", ""
        try:
            await call(vendors.set_published, principal, bool(published))
            self.message = (
                i18n.gettext(lang, "Your profile is live in the marketplace.")
                if published
                else i18n.gettext(lang, "Your profile is hidden from couples.")
            )
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="vendor.publish", principal=principal)
        await self._refresh(lang)

    # ---------------------------------------------------------------- packages

    @authenticated
    def open_package(self, package_id: str):
        self.package_errors, self.package_error = {}, ""
        match = next((p for p in self.packages if p["id"] == package_id), None)
        self.package_edit_id = match["id"] if match else ""
        self.package_values = (
            {
                "name": match["name"],
                "description": match["description"],
                "price": match["price_input"],
                "included": match["included_text"],
            }
            if match
            else {"name": "", "description": "", "price": "", "included": ""}
        )
        self.package_open = True
        self.form_key += 1

    @authenticated
    def close_package(self, is_open: bool = False):
        self.package_open = bool(is_open)

    @authenticated
    async def save_package(self, form_data: dict):
        principal, lang = current_principal(), await viewer_lang(self)
        self.package_errors, self.package_error = {}, ""
        try:
            if set(form_data) - set(vendors.PACKAGE_FIELDS):
                raise TamperedInput()
            data = {k: str(form_data.get(k, "")) for k in vendors.PACKAGE_FIELDS}
            if self.package_edit_id:
                await call(vendors.update_package, principal, self.package_edit_id, data, lang=lang)
            else:
                await call(vendors.add_package, principal, data, lang=lang)
        except DomainError as exc:
            self.package_errors, self.package_error = explain(
                exc, lang, where="vendor.package.save", principal=principal
            )
            return
        self.package_open = False
        self.message = i18n.gettext(lang, "Package saved.")
        await self._refresh(lang)

    @authenticated
    def ask_delete_package(self, package_id: str):
        match = next((p for p in self.packages if p["id"] == package_id), None)
        if match:
            self.confirm_package_id, self.confirm_package_name = match["id"], match["name"]

    @authenticated
    def cancel_delete(self, is_open: bool = False):
        if not is_open:
            self.confirm_package_id, self.confirm_package_name, self.confirm_image_id = "", "", ""

    @authenticated
    async def delete_package(self):
        principal, lang = current_principal(), await viewer_lang(self)
        package_id, self.confirm_package_id = self.confirm_package_id, ""
        if not package_id:
            return
        try:
            await call(vendors.delete_package, principal, package_id)
            self.message = i18n.gettext(lang, "Package deleted.")
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="vendor.package.delete", principal=principal)
        await self._refresh(lang)

    # ---------------------------------------------------------------- pictures

    @authenticated
    async def handle_upload(self, files: list[rx.UploadFile]):
        principal, lang = current_principal(), await viewer_lang(self)
        self.upload_error, self.message = "", ""
        if not files:
            self.upload_error = i18n.gettext(lang, "Choose one or more pictures first.")
            return
        self.uploading = True
        yield
        added = 0
        for upload in files[:10]:
            data = upload.file.read(vendors.MAX_IMAGE_BYTES + 1)  # one byte more than allowed: "too large"
            try:
                await call(vendors.add_image, principal, data)
                added += 1
            except DomainError as exc:
                errors, general = explain(exc, lang, where="vendor.image.add", principal=principal)
                name = str(upload.filename or "")[:80]
                self.upload_error = f"{name}: {errors.get('file') or general}"
        if added:
            self.message = i18n.ngettext(lang, "{n} picture added.", "{n} pictures added.", added)
        self.uploading = False
        await self._refresh(lang)

    @authenticated
    def ask_delete_image(self, image_id: str):
        if any(i["id"] == image_id for i in self.images):
            self.confirm_image_id = image_id

    @authenticated
    async def delete_image(self):
        principal, lang = current_principal(), await viewer_lang(self)
        image_id, self.confirm_image_id = self.confirm_image_id, ""
        if not image_id:
            return
        try:
            await call(vendors.delete_image, principal, image_id)
            self.message = i18n.gettext(lang, "Picture deleted.")
        except DomainError as exc:
            _, self.form_error = explain(exc, lang, where="vendor.image.delete", principal=principal)
        await self._refresh(lang)
