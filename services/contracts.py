"""Contracts on vendor bookings: versions, the admin review, signatures and the executed PDF.

Three sides may see a contract, each checked here on every call:
- the vendor side: a member of the booking's vendor organization (contract.vendor_tenant_id);
- the couple side: a member of the wedding's tenant who may view the wedding (signing needs
  PLANNING_EDIT); they see a contract once an admin approved it, never the drafts under review;
- platform admins (Permission.ADMIN_CONTRACTS), across every tenant.
Anyone else gets NotFound, as if the contract did not exist. Each status change goes through
services.contract_workflow and is recorded twice: a ContractEvent (the history the pages show)
and an audit event with who, when and why.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models.base import utcnow
from models.bookings import VendorBooking
from models.contracts import Contract, ContractComment, ContractEvent, ContractSignature, ContractVersion
from models.tenancy import Membership, User
from models.vendors import VendorProfile
from models.weddings import Wedding
from services import audit, contract_pdf, i18n
from services.authz import Permission, Principal, Role, authorize, can
from services.config import get_settings
from services.contract_workflow import (
    EDITABLE,
    WAITING_FOR_REVIEW,
    Action,
    Actor,
    Status,
    TransitionRefused,
    allowed_actions,
    find_move,
    transition,
)
from services.errors import N_, Forbidden, Msg, NotFound, TamperedInput, ValidationError
from services.notifications import send_email
from services.storage import get_storage, new_key
from services.weddings import couple_names

COUPLE_VISIBLE = frozenset({Status.APPROVED, Status.SIGNED_COUPLE, Status.EXECUTED, Status.VOID, Status.WITHDRAWN})
TEMPLATE_FORM = frozenset({"title", *contract_pdf.TEMPLATE_FIELDS})
FIELD_LIMITS = {
    "title": 200,
    "parties": 1000,
    "date": 200,
    "services": 4000,
    "price": 400,
    "payment_schedule": 2000,
    "cancellation_terms": 4000,
}
MAX_COMMENT = 4000
QUEUE_SORTS = ("age", "amount")
QUEUE_PAGE = 25


class DocumentTampered(ValidationError):
    """A stored file no longer hashes to the value recorded when it was saved."""

    def __init__(self) -> None:
        super().__init__({"": N_("The stored document does not match its recorded fingerprint. Contact support.")})


# ---------- who is looking ----------


def _uuid(raw: Any) -> uuid.UUID:
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise NotFound() from None


def _sides(principal: Principal, contract: Contract) -> set[Actor]:
    """Which sides of this contract the principal stands on (empty: they may not know it exists)."""
    out: set[Actor] = set()
    if can(principal, Permission.ADMIN_CONTRACTS):
        out.add(Actor.ADMIN)
    if principal.role_in(contract.vendor_tenant_id) is not None:
        out.add(Actor.VENDOR)
    if can(principal, Permission.PLANNING_VIEW, contract.tenant_id) and contract.status in COUPLE_VISIBLE:
        out.add(Actor.COUPLE)
    return out


def _load(
    session: Session, principal: Principal, contract_id: Any, *, lock: bool = False
) -> tuple[Contract, set[Actor]]:
    query = select(Contract).where(Contract.id == _uuid(contract_id))
    if lock:
        query = query.with_for_update()
    contract = session.exec(query).first()
    if contract is None:
        raise NotFound()
    who = _sides(principal, contract)
    if Actor.COUPLE in who:
        wedding = session.get(Wedding, contract.wedding_id)
        if wedding is None or wedding.deleted_at is not None:
            who.discard(Actor.COUPLE)
        elif contract.status == Status.WITHDRAWN and not session.exec(_approved_before(contract.id)).first():
            who.discard(Actor.COUPLE)  # withdrawn before approval: it never was the couple's to see
    if not who:
        raise NotFound()
    return contract, who


def _approved_before(contract_id: Any):
    return select(ContractEvent.id).where(ContractEvent.contract_id == contract_id, ContractEvent.action == "approve")


def _vendor_booking(session: Session, principal: Principal, booking_id: Any) -> VendorBooking:
    booking = session.get(VendorBooking, _uuid(booking_id))
    if booking is None or principal.role_in(booking.vendor_tenant_id) is None:
        raise NotFound()
    if booking.status != "confirmed":
        raise ValidationError({"": N_("Contracts can be attached only to confirmed bookings.")})
    return booking


def _require(who: set[Actor], side: Actor) -> None:
    if side not in who:
        raise Forbidden()


# ---------- input ----------


def _clean(raw: Any, limit: int, *, multiline: bool = False) -> str:
    text = str(raw or "")
    if multiline:
        lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
        text = "\n".join(lines).strip()
    else:
        text = " ".join(text.split())
    return text[:limit]


def parse_template_form(data: Mapping[str, Any]) -> dict[str, str]:
    if set(data) - TEMPLATE_FORM:
        raise TamperedInput()
    fields = {
        name: _clean(data.get(name), FIELD_LIMITS[name], multiline=name not in ("title", "date", "price"))
        for name in TEMPLATE_FORM
    }
    errors: dict[str, Msg] = {}
    if not fields["title"]:
        errors["title"] = N_("Give the contract a title.")
    required = {
        "parties": N_("Name the parties."),
        "date": N_("Enter the date of the event."),
        "services": N_("Describe the services."),
        "price": N_("Enter the price."),
        "payment_schedule": N_("Enter the payment schedule."),
        "cancellation_terms": N_("Enter the cancellation terms."),
    }
    for name, msg in required.items():
        if not fields[name]:
            errors[name] = msg
    if errors:
        raise ValidationError(errors)
    return fields


def _title(raw: Any) -> str:
    title = _clean(raw, 200)
    if not title:
        raise ValidationError({"title": N_("Give the contract a title.")})
    return title


def _display_file_name(raw: Any) -> str:
    name = _clean(raw, 200).replace("/", "_").replace("\\", "_")
    return name or "contract.pdf"


# ---------- history ----------


def _event(
    session: Session,
    principal: Principal,
    contract: Contract,
    action: str,
    before: str,
    side: Actor,
    reason: str = "",
    *,
    ip: str = "",
) -> None:
    session.add(
        ContractEvent(
            contract_id=contract.id,
            action=action,
            from_status=before,
            to_status=contract.status,
            side=side.value,
            actor_user_id=principal.user_id,
            actor_name=principal.display_name[:120],
            version_number=contract.current_version,
            reason=reason,
        )
    )
    audit.record(
        session,
        principal,
        f"contract.{action}",
        tenant_id=contract.vendor_tenant_id if side is Actor.VENDOR else contract.tenant_id,
        obj=contract,
        before={"status": before},
        after={"status": contract.status, "side": side.value, "version": contract.current_version, "reason": reason},
        ip=ip,
    )


# ---------- creating contracts and versions ----------


def _store_version(
    session: Session,
    principal: Principal,
    contract: Contract,
    data: bytes,
    *,
    pages: int,
    file_name: str,
    fields: dict[str, str] | None,
) -> ContractVersion:
    key = new_key(f"contracts/{contract.vendor_tenant_id.hex}", ".pdf")
    number = contract.current_version + 1
    version = ContractVersion(
        contract_id=contract.id,
        number=number,
        sha256=contract_pdf.sha256(data),
        storage_key=key,
        size=len(data),
        pages=pages,
        file_name=file_name,
        fields=fields,
        created_by=principal.user_id,
    )
    session.add(version)
    contract.current_version = number
    contract.updated_at = utcnow()
    session.add(contract)
    session.flush()  # the unique (contract_id, number) catches a concurrent upload before the file is written
    get_storage().put(key, data, "application/pdf")
    return version


def _new_contract(session: Session, principal: Principal, booking: VendorBooking, kind: str, title: str) -> Contract:
    contract = Contract(
        tenant_id=booking.tenant_id,
        wedding_id=booking.wedding_id,
        booking_id=booking.id,
        vendor_id=booking.vendor_id,
        vendor_tenant_id=booking.vendor_tenant_id,
        kind=kind,
        title=title,
        status=Status.DRAFT.value,
        amount=booking.price,
        currency=booking.currency,
        created_by=principal.user_id,
    )
    session.add(contract)
    session.flush()
    return contract


def create_upload_contract(
    session: Session, principal: Principal, booking_id: Any, *, title: Any, data: bytes, file_name: Any = ""
) -> Contract:
    """A vendor attaches an uploaded PDF to a booking: a draft with version 1."""
    booking = _vendor_booking(session, principal, booking_id)
    title = _title(title)
    info = contract_pdf.check_pdf(data)  # nothing is written unless the file is a real PDF
    contract = _new_contract(session, principal, booking, "upload", title)
    _store_version(
        session, principal, contract, data, pages=info.pages, file_name=_display_file_name(file_name), fields=None
    )
    _event(session, principal, contract, "create", "", Actor.VENDOR)
    return contract


def _render(session: Session, contract: Contract, fields: dict[str, str]) -> bytes:
    wedding = session.get(Wedding, contract.wedding_id)
    lang = i18n.normalize_language(wedding.locale if wedding else "en")
    return contract_pdf.render_template(fields, title=fields["title"], lang=lang, created_at=utcnow())


def create_template_contract(
    session: Session, principal: Principal, booking_id: Any, data: Mapping[str, Any]
) -> Contract:
    booking = _vendor_booking(session, principal, booking_id)
    fields = parse_template_form(data)
    contract = _new_contract(session, principal, booking, "template", fields["title"])
    pdf = _render(session, contract, fields)
    _store_version(
        session, principal, contract, pdf, pages=contract_pdf.check_pdf(pdf).pages, file_name="", fields=fields
    )
    _event(session, principal, contract, "create", "", Actor.VENDOR)
    return contract


def _editable(session: Session, principal: Principal, contract_id: Any) -> Contract:
    contract, who = _load(session, principal, contract_id, lock=True)
    _require(who, Actor.VENDOR)
    if Status(contract.status) not in EDITABLE:
        raise TransitionRefused(N_("New versions can be added only to a draft or when changes were requested."))
    return contract


def add_upload_version(
    session: Session, principal: Principal, contract_id: Any, *, data: bytes, file_name: Any = ""
) -> ContractVersion:
    contract = _editable(session, principal, contract_id)
    if contract.kind != "upload":
        raise TamperedInput()
    info = contract_pdf.check_pdf(data)
    version = _store_version(
        session, principal, contract, data, pages=info.pages, file_name=_display_file_name(file_name), fields=None
    )
    _event(session, principal, contract, "new_version", contract.status, Actor.VENDOR)
    return version


def add_template_version(
    session: Session, principal: Principal, contract_id: Any, data: Mapping[str, Any]
) -> ContractVersion:
    contract = _editable(session, principal, contract_id)
    if contract.kind != "template":
        raise TamperedInput()
    fields = parse_template_form(data)
    contract.title = fields["title"]
    pdf = _render(session, contract, fields)
    version = _store_version(
        session, principal, contract, pdf, pages=contract_pdf.check_pdf(pdf).pages, file_name="", fields=fields
    )
    _event(session, principal, contract, "new_version", contract.status, Actor.VENDOR)
    return version


def template_defaults(session: Session, principal: Principal, booking_id: Any, lang: str) -> dict[str, str]:
    """Prefilled template fields for a booking, from the booking, the vendor and the wedding."""
    booking = _vendor_booking(session, principal, booking_id)
    vendor = session.get(VendorProfile, booking.vendor_id)
    wedding = session.get(Wedding, booking.wedding_id)
    schedule = []
    if booking.deposit:
        due = i18n.format_day(booking.deposit_due, lang) if booking.deposit_due else i18n.gettext(lang, "at signature")
        schedule.append(
            i18n.gettext(
                lang,
                "Deposit {amount}, due {due}",
                amount=i18n.format_money(booking.deposit, booking.currency, lang),
                due=due,
            )
        )
    balance = booking.price - (booking.deposit or 0)
    if balance > 0:
        due = i18n.format_day(booking.balance_due, lang) if booking.balance_due else i18n.gettext(lang, "on the day")
        schedule.append(
            i18n.gettext(
                lang, "Balance {amount}, due {due}", amount=i18n.format_money(balance, booking.currency, lang), due=due
            )
        )
    return {
        "title": i18n.gettext(lang, "Services contract: {vendor}", vendor=vendor.name if vendor else ""),
        "parties": i18n.gettext(
            lang,
            "{vendor} (the vendor) and {couple} (the couple)",
            vendor=vendor.name if vendor else "",
            couple=couple_names(wedding) if wedding else "",
        ),
        "date": i18n.format_day(booking.day, lang),
        "services": "",
        "price": i18n.format_money(booking.price, booking.currency, lang),
        "payment_schedule": "\n".join(schedule),
        "cancellation_terms": "",
    }


# ---------- the workflow ----------


def act(
    session: Session, principal: Principal, contract_id: Any, action: Any, reason: Any = "", *, ip: str = ""
) -> Contract:
    """Submit, open the review, request changes, approve, withdraw or void (signing is sign())."""
    try:
        action = Action(str(action))
    except ValueError:
        raise TamperedInput() from None
    if action in (Action.SIGN_COUPLE, Action.SIGN_VENDOR):
        raise TamperedInput()
    contract, who = _load(session, principal, contract_id, lock=True)
    reason = " ".join(str(reason or "").split()) if action is not Action.VOID else str(reason or "").strip()
    move = find_move(contract.status, action)
    side = next((s for s in (Actor.ADMIN, Actor.VENDOR, Actor.COUPLE) if s in who and move and s in move.actors), None)
    if side is None:
        side = next(iter(sorted(who)))  # the workflow explains what is wrong (refused or forbidden)
    if (
        action is Action.WITHDRAW
        and side is Actor.COUPLE
        and not can(principal, Permission.PLANNING_EDIT, contract.tenant_id)
    ):
        raise Forbidden()
    before = contract.status
    new_status = transition(contract.status, action, side, reason)
    if (
        action is Action.SUBMIT
        and before == Status.CHANGES_REQUESTED
        and contract.current_version <= contract.reviewed_version
    ):
        raise ValidationError({"": N_("Upload a new version with the requested changes before submitting again.")})
    now = utcnow()
    contract.status = new_status.value
    contract.updated_at = now
    if action is Action.SUBMIT:
        contract.submitted_at = now
    if action in (Action.START_REVIEW, Action.REQUEST_CHANGES, Action.APPROVE):
        contract.reviewed_version = contract.current_version
    session.add(contract)
    _event(session, principal, contract, action.value, before, side, reason, ip=ip)
    if action in (Action.REQUEST_CHANGES, Action.APPROVE):
        _notify_decision(session, contract, action, reason)
    session.flush()
    return contract


def _notify_decision(session: Session, contract: Contract, action: Action, reason: str) -> None:
    """Through the outbox: the vendor hears the admin's decision; the couple hears a contract awaits signing."""
    base = get_settings().base_url
    vendor = session.get(VendorProfile, contract.vendor_id)
    if vendor is not None and vendor.contact_email:
        lang = i18n.normalize_language(vendor.lang)
        if action is Action.APPROVE:
            subject = i18n.gettext(lang, "Contract approved: {title}", title=contract.title)
            intro = i18n.gettext(lang, "An admin approved your contract. The couple can now sign it.")
        else:
            subject = i18n.gettext(lang, "Changes requested: {title}", title=contract.title)
            intro = i18n.gettext(lang, "An admin asked for changes. Upload a new version, then submit it again.")
        body = "\n\n".join(
            (
                intro,
                i18n.gettext(lang, "Reason: {reason}", reason=reason),
                f"{base}/vendor/contracts/{contract.id}",
            )
        )
        send_email(
            session,
            to=vendor.contact_email,
            subject=subject,
            body=body,
            kind="contract",
            tenant_id=contract.vendor_tenant_id,
        )
    if action is not Action.APPROVE:
        return
    couple = session.exec(
        select(User)
        .join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.tenant_id == contract.tenant_id, col(Membership.role).in_([Role.OWNER, Role.PARTNER]))
    ).all()
    for user in couple:
        lang = i18n.normalize_language(user.locale)
        send_email(
            session,
            to=user.email,
            subject=i18n.gettext(lang, "A contract is ready for you to sign: {title}", title=contract.title),
            body=i18n.gettext(
                lang, "Read it and sign it here: {link}", link=f"{base}/w/{contract.wedding_id}/contracts/{contract.id}"
            ),
            kind="contract",
            tenant_id=contract.tenant_id,
        )


def add_comment(
    session: Session, principal: Principal, contract_id: Any, version_number: Any, body: Any
) -> ContractComment:
    """Review comments, attached to one version; admins and the vendor team write them."""
    contract, who = _load(session, principal, contract_id)
    side = Actor.ADMIN if Actor.ADMIN in who else Actor.VENDOR if Actor.VENDOR in who else None
    if side is None:
        raise Forbidden()
    try:
        number = int(version_number)
    except (TypeError, ValueError):
        raise TamperedInput() from None
    if not 1 <= number <= contract.current_version:
        raise TamperedInput()
    text = _clean(body, MAX_COMMENT + 1, multiline=True)
    if not text:
        raise ValidationError({"comment": N_("Write a comment first.")})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"comment": N_("Keep the comment under {n} characters.", n=MAX_COMMENT)})
    comment = ContractComment(
        contract_id=contract.id,
        version_number=number,
        side=side.value,
        author_user_id=principal.user_id,
        author_name=principal.display_name[:120],
        body=text,
    )
    session.add(comment)
    session.flush()
    audit.record(
        session,
        principal,
        "contract.comment",
        tenant_id=contract.vendor_tenant_id if side is Actor.VENDOR else contract.tenant_id,
        obj=contract,
        after={"version": number, "comment_id": str(comment.id)},
    )
    return comment


# ---------- signing ----------


def _version(session: Session, contract: Contract, number: int) -> ContractVersion:
    version = session.exec(
        select(ContractVersion).where(ContractVersion.contract_id == contract.id, ContractVersion.number == number)
    ).first()
    if version is None:
        raise NotFound()
    return version


def _read_verified(key: str, sha: str) -> bytes:
    data = get_storage().get(key)
    if not contract_pdf.verify(data, sha):
        raise DocumentTampered()
    return data


def sign(
    session: Session,
    principal: Principal,
    contract_id: Any,
    *,
    full_name: Any,
    consent: Any,
    ip: str,
    user_agent: str,
    document_sha256: Any = "",
) -> Contract:
    """The couple signs an approved contract; the vendor countersigns, which executes it.

    `document_sha256` is the hash the signer was shown: if the document changed since, nothing is signed.
    """
    contract, who = _load(session, principal, contract_id, lock=True)
    status = Status(contract.status)
    if status is Status.APPROVED and Actor.COUPLE in who:
        side, action = Actor.COUPLE, Action.SIGN_COUPLE
        if not can(principal, Permission.PLANNING_EDIT, contract.tenant_id):
            raise Forbidden()
    elif status is Status.SIGNED_COUPLE and Actor.VENDOR in who:
        side, action = Actor.VENDOR, Action.SIGN_VENDOR
    else:
        raise TransitionRefused()
    name = _clean(full_name, 201)
    errors: dict[str, Msg] = {}
    if len(name) < 2:
        errors["full_name"] = N_("Type your full name to sign.")
    elif len(name) > 200:
        errors["full_name"] = N_("Keep the name under 200 characters.")
    if consent not in (True, "on", "true", "1", 1):
        errors["consent"] = N_("Tick the box to confirm that you agree to sign this contract electronically.")
    if errors:
        raise ValidationError(errors)
    version = _version(session, contract, contract.current_version)
    if document_sha256 and str(document_sha256) != version.sha256:
        raise ValidationError({"": N_("The document changed since you opened it. Reload the page and read it again.")})
    document = _read_verified(version.storage_key, version.sha256)
    before = contract.status
    contract.status = transition(contract.status, action, side).value
    now = utcnow()
    signature = ContractSignature(
        contract_id=contract.id,
        role=side.value,
        full_name=name,
        user_id=principal.user_id,
        signed_at=now,
        ip=(ip or "")[:64],
        user_agent=(user_agent or "")[:500],
        document_sha256=version.sha256,
        version_number=version.number,
    )
    session.add(signature)
    session.flush()
    if contract.status == Status.EXECUTED:
        _execute(session, contract, version, document)
    contract.updated_at = now
    session.add(contract)
    _event(session, principal, contract, action.value, before, side, "", ip=ip)
    audit.record(
        session,
        principal,
        "contract.signature",
        tenant_id=contract.vendor_tenant_id if side is Actor.VENDOR else contract.tenant_id,
        obj=contract,
        after={
            "role": side.value,
            "full_name": name,
            "document_sha256": version.sha256,
            "user_agent": signature.user_agent[:200],
            "signed_at": now.isoformat(),
        },
        ip=ip,
    )
    session.flush()
    return contract


def _execute(session: Session, contract: Contract, version: ContractVersion, document: bytes) -> None:
    """Append the signature page once, store the executed PDF and its hash; it is never rewritten."""
    if contract.executed_storage_key:
        raise TransitionRefused()
    wedding = session.get(Wedding, contract.wedding_id)
    signatures = session.exec(
        select(ContractSignature)
        .where(ContractSignature.contract_id == contract.id)
        .order_by(col(ContractSignature.signed_at))
    ).all()
    page = contract_pdf.signature_page(
        [
            contract_pdf.SignatureLine(s.role, s.full_name, s.signed_at, s.ip, s.user_agent, s.document_sha256)
            for s in signatures
        ],
        title=contract.title,
        document_sha256=version.sha256,
        timezone=wedding.timezone if wedding else "UTC",
        lang=i18n.normalize_language(wedding.locale if wedding else "en"),
    )
    executed = contract_pdf.append_pages(document, page)
    key = new_key(f"contracts/{contract.vendor_tenant_id.hex}/executed", ".pdf")
    get_storage().put(key, executed, "application/pdf")
    contract.executed_storage_key = key
    contract.executed_sha256 = contract_pdf.sha256(executed)
    contract.executed_at = utcnow()


# ---------- files ----------


def version_file(session: Session, principal: Principal, contract_id: Any, number: Any) -> tuple[bytes, str]:
    """The PDF of one version, for a side that may see it (the couple: the version they sign)."""
    contract, who = _load(session, principal, contract_id)
    try:
        n = int(number)
    except (TypeError, ValueError):
        raise NotFound() from None
    if who == {Actor.COUPLE} and n != contract.current_version:
        raise NotFound()
    version = _version(session, contract, n)
    return _read_verified(version.storage_key, version.sha256), f"contract-v{n}.pdf"


def executed_file(session: Session, principal: Principal, contract_id: Any) -> tuple[bytes, str]:
    contract, _ = _load(session, principal, contract_id)
    if not contract.executed_storage_key:
        raise NotFound()
    return _read_verified(contract.executed_storage_key, contract.executed_sha256), "contract-signed.pdf"


@dataclass(frozen=True)
class Verification:
    ok: bool
    recorded_sha256: str
    actual_sha256: str


def verify_executed(session: Session, principal: Principal, contract_id: Any) -> Verification:
    """Recompute the executed PDF's hash: a mismatch means the stored file was modified."""
    contract, _ = _load(session, principal, contract_id)
    if not contract.executed_storage_key:
        raise NotFound()
    data = get_storage().get(contract.executed_storage_key)
    actual = contract_pdf.sha256(data)
    return Verification(actual == contract.executed_sha256, contract.executed_sha256, actual)


# ---------- views ----------


def _summary(contract: Contract, vendor_name: str, couple: str) -> dict[str, Any]:
    return {
        "id": str(contract.id),
        "title": contract.title,
        "status": contract.status,
        "kind": contract.kind,
        "amount": contract.amount,
        "currency": contract.currency,
        "vendor": vendor_name,
        "couple": couple,
        "wedding_id": str(contract.wedding_id),
        "booking_id": str(contract.booking_id),
        "current_version": contract.current_version,
        "executed": bool(contract.executed_storage_key),
        "submitted_at": contract.submitted_at,
        "updated_at": contract.updated_at,
    }


@dataclass
class ContractView:
    contract: dict[str, Any]
    sides: list[str]
    actions: list[str]
    can_sign: bool
    can_edit: bool
    can_comment: bool
    versions: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    events: list[dict[str, Any]]
    signatures: list[dict[str, Any]]
    timezone: str
    wedding_date: Any
    current_sha256: str = ""
    fields: dict[str, Any] = field(default_factory=dict)


def contract_view(session: Session, principal: Principal, contract_id: Any) -> ContractView:
    contract, who = _load(session, principal, contract_id)
    vendor = session.get(VendorProfile, contract.vendor_id)
    wedding = session.get(Wedding, contract.wedding_id)
    versions = session.exec(
        select(ContractVersion).where(ContractVersion.contract_id == contract.id).order_by(col(ContractVersion.number))
    ).all()
    if who == {Actor.COUPLE}:
        versions = [v for v in versions if v.number == contract.current_version]
    staff = bool(who & {Actor.ADMIN, Actor.VENDOR})
    comments = (
        session.exec(
            select(ContractComment)
            .where(ContractComment.contract_id == contract.id)
            .order_by(col(ContractComment.created_at))
        ).all()
        if staff
        else []
    )
    events = session.exec(
        select(ContractEvent).where(ContractEvent.contract_id == contract.id).order_by(col(ContractEvent.created_at))
    ).all()
    signatures = session.exec(
        select(ContractSignature)
        .where(ContractSignature.contract_id == contract.id)
        .order_by(col(ContractSignature.signed_at))
    ).all()
    actions: list[str] = []
    for side in sorted(who):
        actions += [
            a.value for a in allowed_actions(contract.status, side) if a not in (Action.SIGN_COUPLE, Action.SIGN_VENDOR)
        ]
    status = Status(contract.status)
    can_sign = (
        status is Status.APPROVED
        and Actor.COUPLE in who
        and can(principal, Permission.PLANNING_EDIT, contract.tenant_id)
    ) or (status is Status.SIGNED_COUPLE and Actor.VENDOR in who)
    if (
        "withdraw" in actions
        and Actor.VENDOR not in who
        and not can(principal, Permission.PLANNING_EDIT, contract.tenant_id)
    ):
        actions.remove("withdraw")
    current = next((v for v in versions if v.number == contract.current_version), None)
    return ContractView(
        contract=_summary(contract, vendor.name if vendor else "", couple_names(wedding) if wedding else ""),
        sides=sorted(s.value for s in who),
        actions=list(dict.fromkeys(actions)),
        can_sign=can_sign,
        can_edit=Actor.VENDOR in who and status in EDITABLE,
        can_comment=staff,
        versions=[
            {
                "number": v.number,
                "sha256": v.sha256,
                "size": v.size,
                "pages": v.pages,
                "file_name": v.file_name,
                "created_at": v.created_at,
                "fields": v.fields or {},
            }
            for v in versions
        ],
        comments=[
            {
                "version": c.version_number,
                "side": c.side,
                "author": c.author_name,
                "body": c.body,
                "created_at": c.created_at,
            }
            for c in comments
        ],
        events=[
            {
                "action": e.action,
                "from": e.from_status,
                "to": e.to_status,
                "side": e.side,
                "actor": e.actor_name if staff else "",
                "reason": e.reason if staff or e.action == "void" else "",
                "version": e.version_number,
                "created_at": e.created_at,
            }
            for e in events
            if staff or e.to_status in COUPLE_VISIBLE
        ],
        signatures=[
            {
                "role": s.role,
                "full_name": s.full_name,
                "signed_at": s.signed_at,
                "ip": s.ip,
                "user_agent": s.user_agent,
                "document_sha256": s.document_sha256,
            }
            for s in signatures
        ],
        timezone=wedding.timezone if wedding else "UTC",
        wedding_date=wedding.wedding_date if wedding else None,
        current_sha256=current.sha256 if current else "",
        fields=(current.fields or {}) if current else {},
    )


def diff_versions(
    session: Session, principal: Principal, contract_id: Any, old: Any, new: Any
) -> list[contract_pdf.DiffRow]:
    """Side-by-side rows between two versions: field diff for templates, text diff of pages for PDFs."""
    contract, who = _load(session, principal, contract_id)
    if not who & {Actor.ADMIN, Actor.VENDOR}:
        raise NotFound()
    try:
        a, b = _version(session, contract, int(old)), _version(session, contract, int(new))
    except (TypeError, ValueError):
        raise NotFound() from None
    if contract.kind == "template" and a.fields is not None and b.fields is not None:
        return contract_pdf.field_diff(a.fields, b.fields)
    return contract_pdf.text_diff(
        contract_pdf.page_texts(_read_verified(a.storage_key, a.sha256)),
        contract_pdf.page_texts(_read_verified(b.storage_key, b.sha256)),
    )


def vendor_contracts(session: Session, principal: Principal) -> list[dict[str, Any]]:
    """Every contract of the vendor organizations the principal belongs to, newest first."""
    rows = session.exec(
        select(Contract, VendorProfile.name, Wedding.partner_a, Wedding.partner_b)
        .join(VendorProfile, col(VendorProfile.id) == Contract.vendor_id)
        .join(Wedding, col(Wedding.id) == Contract.wedding_id)
        .where(col(Contract.vendor_tenant_id).in_(principal.tenant_ids))
        .order_by(col(Contract.updated_at).desc())
        .limit(500)
    ).all()
    return [_summary(c, vname, f"{a} & {b}") for c, vname, a, b in rows]


def vendor_bookings(session: Session, principal: Principal) -> list[dict[str, Any]]:
    """Confirmed bookings of the principal's vendor organizations, for "new contract"."""
    rows = session.exec(
        select(VendorBooking, VendorProfile.name, Wedding.partner_a, Wedding.partner_b)
        .join(VendorProfile, col(VendorProfile.id) == VendorBooking.vendor_id)
        .join(Wedding, col(Wedding.id) == VendorBooking.wedding_id)
        .where(col(VendorBooking.vendor_tenant_id).in_(principal.tenant_ids), VendorBooking.status == "confirmed")
        .order_by(col(VendorBooking.day))
        .limit(500)
    ).all()
    return [
        {
            "id": str(b.id),
            "vendor": vname,
            "couple": f"{pa} & {pb}",
            "day": b.day,
            "price": b.price,
            "currency": b.currency,
        }
        for b, vname, pa, pb in rows
    ]


def wedding_contracts(session: Session, principal: Principal, wedding_id: Any) -> list[dict[str, Any]]:
    """The contracts the couple side sees for one wedding (from approval on)."""
    from services.weddings import load_wedding

    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    rows = session.exec(
        select(Contract, VendorProfile.name)
        .join(VendorProfile, col(VendorProfile.id) == Contract.vendor_id)
        .where(
            Contract.wedding_id == wedding.id,
            Contract.tenant_id == wedding.tenant_id,
            col(Contract.status).in_([s.value for s in COUPLE_VISIBLE]),
            sa.or_(Contract.status != Status.WITHDRAWN.value, _approved_before(Contract.id).exists()),
        )
        .order_by(col(Contract.updated_at).desc())
    ).all()
    return [_summary(c, vname, couple_names(wedding)) for c, vname in rows]


@dataclass(frozen=True)
class QueuePage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def review_queue(
    session: Session,
    principal: Principal,
    *,
    status: str = "",
    vendor: str = "",
    sort: str = "age",
    page: int = 1,
    page_size: int = QUEUE_PAGE,
) -> QueuePage:
    """Admins: contracts waiting for review (or one status), filtered by vendor name, oldest or largest first."""
    authorize(principal, Permission.ADMIN_CONTRACTS)
    if sort not in QUEUE_SORTS:
        raise TamperedInput()
    if status and status not in Status.__members__.values():
        raise TamperedInput()
    statuses = [status] if status else [s.value for s in WAITING_FOR_REVIEW]
    where: list[Any] = [col(Contract.status).in_(statuses)]
    needle = " ".join(str(vendor or "").split())[:100]
    if needle:
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(col(VendorProfile.name).ilike(f"%{escaped}%", escape="\\"))
    base = (
        select(Contract, VendorProfile.name, Wedding.partner_a, Wedding.partner_b)
        .join(VendorProfile, col(VendorProfile.id) == Contract.vendor_id)
        .join(Wedding, col(Wedding.id) == Contract.wedding_id)
        .where(*where)
    )
    count_query = select(sa.func.count()).select_from(Contract)
    if needle:
        count_query = count_query.join(VendorProfile, col(VendorProfile.id) == Contract.vendor_id)
    total = session.exec(count_query.where(*where)).one()
    order = (
        (col(Contract.submitted_at).asc().nulls_last(), col(Contract.id))
        if sort == "age"
        else (col(Contract.amount).desc(), col(Contract.id))
    )
    page_size = max(1, min(int(page_size), 100))
    pages = max(1, -(-total // page_size))
    page = max(1, min(int(page), pages))
    rows = session.exec(base.order_by(*order).offset((page - 1) * page_size).limit(page_size)).all()
    return QueuePage(
        rows=[_summary(c, vname, f"{a} & {b}") for c, vname, a, b in rows], total=total, page=page, pages=pages
    )


def age_of(moment: datetime | None, now: datetime) -> int:
    """Whole hours a contract has waited since submission."""
    return 0 if moment is None else max(0, int((now - moment).total_seconds() // 3600))
