"""Contracts in the browser: the vendor's list and editor, the admin review queue and review page,
and the couple's signing page. Every handler calls services.contracts, which checks the side."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import reflex as rx
from babel.dates import format_timedelta

from models.base import utcnow
from services import contracts, i18n
from services.config import get_settings
from services.contract_pdf import TEMPLATE_FIELDS
from services.contract_workflow import STATUS_COLORS, STATUS_LABELS, Action, Status
from services.errors import N_, DomainError
from state.base import authenticated, call, client_ip, current_principal, explain, route_param, user_agent
from state.i18n import viewer_lang

MAX_UPLOAD = 15 * 1024 * 1024
EVENT_LABELS = {
    "create": N_("Contract created").id,
    "new_version": N_("New version uploaded").id,
    "submit": N_("Submitted for review").id,
    "start_review": N_("Review started").id,
    "request_changes": N_("Changes requested").id,
    "approve": N_("Approved").id,
    "sign_couple": N_("Signed by the couple").id,
    "sign_vendor": N_("Countersigned by the vendor: executed").id,
    "withdraw": N_("Withdrawn").id,
    "void": N_("Voided").id,
}
SIDE_LABELS = {"admin": N_("Admin").id, "vendor": N_("Vendor").id, "couple": N_("Couple").id}
ROLE_LABELS = {"couple": N_("For the couple").id, "vendor": N_("For the vendor").id}
FIELD_HEADINGS = {
    "parties": N_("Parties").id,
    "date": N_("Date of the event").id,
    "services": N_("Services").id,
    "price": N_("Price").id,
    "payment_schedule": N_("Payment schedule").id,
    "cancellation_terms": N_("Cancellation terms").id,
}


def _status(lang: str, status: str) -> tuple[str, str]:
    try:
        s = Status(status)
    except ValueError:
        return status, "gray"
    return i18n.render(lang, STATUS_LABELS[s]), STATUS_COLORS[s]


def _row(lang: str, r: dict[str, Any], now) -> dict[str, str]:
    label, color = _status(lang, r["status"])
    waited = now - r["submitted_at"] if r.get("submitted_at") else None
    return {
        "id": r["id"],
        "title": r["title"],
        "status": r["status"],
        "status_label": label,
        "status_color": color,
        "vendor": r["vendor"],
        "couple": r["couple"],
        "amount": i18n.format_money(r["amount"], r["currency"], lang),
        "age": format_timedelta(waited, threshold=1, locale=i18n.locale_of(lang)) if waited else "",
        "wedding_id": r["wedding_id"],
        "version": str(r["current_version"]),
        "updated": i18n.format_moment(r["updated_at"], lang, "UTC", "short"),
    }


def _contract_route_id(state: rx.State) -> str:
    return str(state.router.page.params.get("contract_id", "") or "")


class VendorContractsState(rx.State):
    """/vendor/contracts: the organization's contracts, and a new contract for a confirmed booking."""

    rows: list[dict[str, str]] = []
    bookings: list[dict[str, str]] = []
    chosen_booking: str = ""
    new_title: str = ""
    template: dict[str, str] = {}
    errors: dict[str, str] = {}
    error: str = ""
    busy: bool = False
    loaded: bool = False

    @authenticated
    async def load(self):
        principal, lang = current_principal(), await viewer_lang(self)
        now = utcnow()
        rows = await call(contracts.vendor_contracts, principal)
        bookings = await call(contracts.vendor_bookings, principal)
        self.rows = [_row(lang, r, now) for r in rows]
        self.bookings = [
            {
                "id": b["id"],
                "label": f"{b['couple']} · {i18n.format_day(b['day'], lang, 'medium')} · "
                f"{i18n.format_money(b['price'], b['currency'], lang)} · {b['vendor']}",
            }
            for b in bookings
        ]
        wanted = str(self.router.url.query_parameters.get("booking", "") or "")
        ids = [b["id"] for b in self.bookings]
        self.chosen_booking = wanted if wanted in ids else (ids[0] if ids else "")
        self.errors, self.error, self.busy, self.loaded = {}, "", False, True
        await self._load_template(lang)

    async def _load_template(self, lang: str):
        self.template = {}
        if not self.chosen_booking:
            return
        try:
            self.template = await call(contracts.template_defaults, current_principal(), self.chosen_booking, lang)
        except DomainError as exc:
            _, self.error = explain(exc, lang, where="contracts.template_defaults", principal=current_principal())
            return
        self.new_title = self.template.get("title", "")

    @authenticated
    async def choose_booking(self, booking_id: str):
        if booking_id not in [b["id"] for b in self.bookings]:
            return
        self.chosen_booking = booking_id
        await self._load_template(await viewer_lang(self))

    @authenticated
    def remember_title(self, value: str):
        self.new_title = str(value or "")[:200]

    @authenticated
    async def upload_contract(self, files: list[rx.UploadFile]):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.error = {}, ""
        if len(files) != 1:
            self.errors = {"file": i18n.gettext(lang, "Choose the contract PDF to upload.")}
            return
        data = files[0].file.read(MAX_UPLOAD + 1)
        self.busy = True
        yield
        try:
            c = await call(
                contracts.create_upload_contract,
                principal,
                self.chosen_booking,
                title=self.new_title,
                data=data,
                file_name=str(files[0].filename or ""),
            )
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where="contracts.create_upload", principal=principal)
            self.busy = False
            return
        self.busy = False
        yield rx.clear_selected_files("contract-file")
        yield rx.redirect(f"/vendor/contracts/{c.id}")

    @authenticated
    async def create_from_template(self, form_data: dict[str, Any]):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.error, self.busy = {}, "", True
        yield
        try:
            c = await call(contracts.create_template_contract, principal, self.chosen_booking, form_data)
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where="contracts.create_template", principal=principal)
            self.busy = False
            return
        self.busy = False
        yield rx.redirect(f"/vendor/contracts/{c.id}")


class ContractState(rx.State):
    """One contract, for whichever side is looking (vendor, admin or couple)."""

    found: bool = True
    loaded: bool = False
    cid: str = ""
    title: str = ""
    status: str = ""
    status_label: str = ""
    status_color: str = "gray"
    kind: str = ""
    vendor: str = ""
    couple: str = ""
    amount: str = ""
    current_version: int = 0
    current_sha: str = ""
    sides: list[str] = []
    actions: list[str] = []
    can_sign: bool = False
    can_edit: bool = False
    can_comment: bool = False
    versions: list[dict[str, str]] = []
    version_numbers: list[str] = []
    comments: list[dict[str, str]] = []
    events: list[dict[str, str]] = []
    signatures: list[dict[str, str]] = []
    fields: dict[str, str] = {}
    shown_version: int = 0
    executed: bool = False
    verified: str = ""  # "" | ok | tampered
    diff_old: str = ""
    diff_new: str = ""
    diff_rows: list[dict[str, str]] = []
    diff_is_fields: bool = False
    errors: dict[str, str] = {}
    error: str = ""
    notice: str = ""
    busy: bool = False

    api: str = ""  # where the API routes are served (the same origin in production)

    @rx.var
    def pdf_url(self) -> str:
        """The document in the viewer: a version, or (0) the executed PDF with its signature page."""
        if not self.cid:
            return ""
        if not self.shown_version:
            return self.executed_url
        return f"{self.api}/api/v1/contracts/{self.cid}/versions/{self.shown_version}.pdf"

    @rx.var
    def executed_url(self) -> str:
        return f"{self.api}/api/v1/contracts/{self.cid}/executed.pdf" if self.cid and self.executed else ""

    async def _refresh(self, lang: str, *, keep_diff: bool = False):
        principal = current_principal()
        try:
            view = await call(contracts.contract_view, principal, _contract_route_id(self))
        except DomainError:
            self.found, self.loaded = False, True
            return
        c = view.contract
        tz = view.timezone
        self.found, self.loaded = True, True
        self.cid = c["id"]
        self.api = get_settings().api_url
        self.title, self.status, self.kind = c["title"], c["status"], c["kind"]
        self.status_label, self.status_color = _status(lang, c["status"])
        self.vendor, self.couple = c["vendor"], c["couple"]
        self.amount = i18n.format_money(c["amount"], c["currency"], lang)
        self.current_version = c["current_version"]
        self.current_sha = view.current_sha256
        self.sides, self.actions = view.sides, view.actions
        self.can_sign, self.can_edit, self.can_comment = view.can_sign, view.can_edit, view.can_comment
        self.executed = c["executed"]
        self.versions = [
            {
                "number": str(v["number"]),
                "when": i18n.format_moment(v["created_at"], lang, tz, "short"),
                "sha": v["sha256"],
                "short_sha": v["sha256"][:12],
                "size": i18n.format_number(max(1, v["size"] // 1024), lang) + " KB",
                "pages": str(v["pages"]),
                "file_name": v["file_name"],
            }
            for v in reversed(view.versions)
        ]
        self.version_numbers = [str(v["number"]) for v in view.versions]
        self.shown_version = 0 if self.executed else self.current_version
        self.comments = [
            {
                "version": str(m["version"]),
                "author": m["author"],
                "side": i18n.gettext(lang, SIDE_LABELS.get(m["side"], m["side"])),
                "body": m["body"],
                "when": i18n.format_moment(m["created_at"], lang, tz, "short"),
            }
            for m in view.comments
        ]
        self.events = [
            {
                "label": i18n.gettext(lang, EVENT_LABELS.get(e["action"], e["action"])),
                "actor": e["actor"],
                "side": i18n.gettext(lang, SIDE_LABELS.get(e["side"], e["side"])),
                "reason": e["reason"],
                "version": str(e["version"]),
                "when": i18n.format_moment(e["created_at"], lang, tz, "short"),
            }
            for e in reversed(view.events)
        ]
        self.signatures = [
            {
                "role": i18n.gettext(lang, ROLE_LABELS.get(s["role"], s["role"])),
                "name": s["full_name"],
                "utc": s["signed_at"].astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "local": i18n.format_moment(s["signed_at"], lang, tz, "short"),
                "ip": s["ip"],
                "ua": s["user_agent"][:120],
                "sha": s["document_sha256"],
            }
            for s in view.signatures
        ]
        self.fields = {k: str(view.fields.get(k, "")) for k in ("title", *TEMPLATE_FIELDS)} if view.fields else {}
        if not keep_diff:
            nums = self.version_numbers
            self.diff_old = nums[-2] if len(nums) > 1 else ""
            self.diff_new = nums[-1] if nums else ""
            self.diff_rows = []
            if len(nums) > 1 and {"admin", "vendor"} & set(self.sides):
                await self._diff(lang)
        self.verified = ""

    @authenticated
    async def load(self):
        self.errors, self.error, self.notice, self.busy = {}, "", "", False
        if self.cid != _contract_route_id(self):
            self.loaded = False  # another contract: never show the previous one's data and buttons meanwhile
            yield
        await self._refresh(await viewer_lang(self))

    @authenticated
    def show_version(self, number: str):
        if str(number) in self.version_numbers or (str(number) == "0" and self.executed):
            self.shown_version = int(number)

    async def _act(self, action: str, reason: str = ""):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.error, self.notice = {}, "", ""
        self.busy = True
        yield
        try:
            await call(contracts.act, principal, self.cid, action, reason, ip=client_ip(self))
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where=f"contracts.{action}", principal=principal)
            self.busy = False
            return
        self.busy = False
        await self._refresh(lang)
        self.notice = i18n.gettext(lang, "Saved: the contract is now {status}.", status=self.status_label.lower())

    @authenticated
    async def simple_action(self, action: str):
        """Submit, open the review, withdraw: moves without a reason."""
        if action not in (Action.SUBMIT, Action.START_REVIEW, Action.WITHDRAW):
            return
        async for update in self._act(action):
            yield update

    @authenticated
    async def decide(self, form_data: dict[str, Any]):
        """Admin: approve or request changes, with the required reason."""
        decision = str(form_data.get("decision", ""))
        if decision not in (Action.APPROVE, Action.REQUEST_CHANGES, Action.VOID):
            return
        async for update in self._act(decision, str(form_data.get("reason", ""))):
            yield update

    @authenticated
    async def add_comment(self, form_data: dict[str, Any]):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.error, self.notice = {}, "", ""
        try:
            await call(
                contracts.add_comment,
                principal,
                self.cid,
                form_data.get("version") or self.current_version,
                form_data.get("comment", ""),
            )
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where="contracts.comment", principal=principal)
            return
        await self._refresh(lang, keep_diff=True)
        yield rx.set_value("comment", "")

    @authenticated
    async def upload_version(self, files: list[rx.UploadFile]):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.error, self.notice = {}, "", ""
        if len(files) != 1:
            self.errors = {"file": i18n.gettext(lang, "Choose the contract PDF to upload.")}
            return
        data = files[0].file.read(MAX_UPLOAD + 1)
        self.busy = True
        yield
        try:
            await call(
                contracts.add_upload_version, principal, self.cid, data=data, file_name=str(files[0].filename or "")
            )
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where="contracts.new_version", principal=principal)
            self.busy = False
            return
        self.busy = False
        await self._refresh(lang)
        self.notice = i18n.gettext(lang, "Version {n} saved.", n=self.current_version)
        yield rx.clear_selected_files("version-file")

    @authenticated
    async def save_template_version(self, form_data: dict[str, Any]):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.error, self.notice, self.busy = {}, "", "", True
        yield
        try:
            await call(contracts.add_template_version, principal, self.cid, form_data)
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where="contracts.new_version", principal=principal)
            self.busy = False
            return
        self.busy = False
        await self._refresh(lang)
        self.notice = i18n.gettext(lang, "Version {n} saved.", n=self.current_version)

    async def _diff(self, lang: str):
        principal = current_principal()
        try:
            rows = await call(contracts.diff_versions, principal, self.cid, self.diff_old, self.diff_new)
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where="contracts.diff", principal=principal)
            self.diff_rows = []
            return
        self.diff_is_fields = self.kind == "template"
        self.diff_rows = [
            {
                "kind": r.kind,
                "left": r.left,
                "right": r.right,
                "label": i18n.gettext(lang, FIELD_HEADINGS[r.label])
                if r.label in FIELD_HEADINGS
                else i18n.gettext(lang, "Page {n}", n=r.label),
            }
            for r in rows
        ]

    @authenticated
    async def compare(self, form_data: dict[str, Any]):
        old, new = str(form_data.get("old", "")), str(form_data.get("new", ""))
        if old not in self.version_numbers or new not in self.version_numbers:
            return
        self.diff_old, self.diff_new = old, new
        self.errors, self.error = {}, ""
        await self._diff(await viewer_lang(self))

    @authenticated
    async def sign(self, form_data: dict[str, Any]):
        principal, lang = current_principal(), await viewer_lang(self)
        self.errors, self.error, self.notice, self.busy = {}, "", "", True
        yield
        try:
            await call(
                contracts.sign,
                principal,
                self.cid,
                full_name=form_data.get("full_name", ""),
                consent=form_data.get("consent", "") == "on",
                ip=client_ip(self),
                user_agent=user_agent(self),
                document_sha256=self.current_sha,
            )
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where="contracts.sign", principal=principal)
            self.busy = False
            return
        self.busy = False
        await self._refresh(lang)
        self.notice = i18n.gettext(lang, "Signed. The contract is now {status}.", status=self.status_label.lower())

    @authenticated
    async def verify(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            result = await call(contracts.verify_executed, principal, self.cid)
        except DomainError as exc:
            self.errors, self.error = explain(exc, lang, where="contracts.verify", principal=principal)
            return
        self.verified = "ok" if result.ok else "tampered"


class CoupleContractsState(rx.State):
    """/w/<wedding>/contracts: the contracts put in front of the couple (approved and later)."""

    rows: list[dict[str, str]] = []
    found: bool = True
    loaded: bool = False

    @authenticated
    async def load(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            rows = await call(contracts.wedding_contracts, principal, route_param(self, "wedding_id"))
        except DomainError:
            self.found, self.loaded = False, True
            return
        now = utcnow()
        self.rows = [_row(lang, r, now) for r in rows]
        self.found, self.loaded = True, True


class ReviewQueueState(rx.State):
    """/admin/contracts: contracts waiting for review across every tenant."""

    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    status_filter: str = ""
    vendor_filter: str = ""
    sort: str = "age"
    found: bool = True
    loaded: bool = False

    async def _fetch(self):
        principal, lang = current_principal(), await viewer_lang(self)
        try:
            result = await call(
                contracts.review_queue,
                principal,
                status=self.status_filter,
                vendor=self.vendor_filter,
                sort=self.sort,
                page=self.page,
            )
        except DomainError:
            self.found, self.loaded = False, True
            return
        now = utcnow()
        self.rows = [_row(lang, r, now) for r in result.rows]
        self.total, self.page, self.pages = result.total, result.page, result.pages
        self.found, self.loaded = True, True

    @authenticated
    async def load(self):
        self.page = 1
        await self._fetch()

    @authenticated
    async def apply_filters(self, form_data: dict[str, Any]):
        status = str(form_data.get("status", ""))
        sort = str(form_data.get("sort", "age"))
        self.status_filter = status if status in [s.value for s in Status] else ""
        self.sort = sort if sort in contracts.QUEUE_SORTS else "age"
        self.vendor_filter = " ".join(str(form_data.get("vendor", "")).split())[:100]
        self.page = 1
        await self._fetch()

    @authenticated
    async def go_page(self, delta: int):
        if not isinstance(delta, int) or delta not in (-1, 1):
            return
        self.page = max(1, min(self.pages, self.page + delta))
        await self._fetch()
