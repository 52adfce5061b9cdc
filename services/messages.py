"""Message threads between a vendor's team and a wedding's team, one per quote request (and its booking).

Only members of either side read or write a thread; anyone else gets NotFound. Attachments (any
file up to 10 MB) go to services.storage under server-generated keys and are served only through
an authorized route. Unread counts come from ThreadRead (per user and thread). A new message emails
the other side's members through the outbox, at most once per thread per NOTIFY_EVERY per person.
"""

from __future__ import annotations

import mimetypes
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from models.base import utcnow
from models.bookings import Message, MessageAttachment, MessageThread, QuoteRequest, ThreadRead
from models.vendors import VendorProfile
from models.weddings import Wedding
from services import audit, i18n
from services.authz import Principal
from services.bookings import (
    STATUS_LABELS,
    VENDOR_STATUS_LABELS,
    VIEW_PERMISSION,
    _either_side,
    _link,
    members,
    side_of,
)
from services.config import get_settings
from services.errors import N_, NotFound, ValidationError
from services.notifications import send_email
from services.storage import get_storage, new_key
from services.weddings import couple_names, load_wedding

MAX_BODY = 5000
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
NOTIFY_EVERY = timedelta(minutes=10)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def _uuid(raw: Any) -> uuid.UUID:
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise NotFound() from None


def load_thread(
    session: Session, principal: Principal, thread_id: Any, *, act: bool = False
) -> tuple[MessageThread, str]:
    """The thread and the principal's side of it ("couple" or "vendor"); NotFound for anyone else."""
    thread = session.exec(
        select(MessageThread).where(MessageThread.id == _uuid(thread_id), _either_side(principal, MessageThread))
    ).first()
    if thread is None:
        raise NotFound()
    return thread, side_of(session, principal, thread, act=act)


def safe_filename(name: str) -> str:
    base = _UNSAFE_NAME.sub("_", str(name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return base[:200] or "file"


def _check(body: str, uploads: Sequence[Upload]) -> None:
    errors = {}
    if not body and not uploads:
        errors["body"] = N_("Write a message or attach a file.")
    elif len(body) > MAX_BODY:
        errors["body"] = N_("Keep the message under {n} characters.", n=MAX_BODY)
    if len(uploads) > MAX_FILES:
        errors["files"] = N_("Attach at most {n} files to one message.", n=MAX_FILES)
    for upload in uploads:
        if len(upload.data) > MAX_FILE_BYTES:
            errors["files"] = N_("{name} is larger than 10 MB.", name=safe_filename(upload.filename))
        elif not upload.data:
            errors["files"] = N_("{name} is empty.", name=safe_filename(upload.filename))
    if errors:
        raise ValidationError(errors)


def _store_message(
    session: Session,
    principal: Principal,
    thread: MessageThread,
    side: str,
    body: str,
    uploads: Sequence[Upload],
    *,
    notify: bool = True,
) -> Message:
    """Store a message already authorized for `side` (services.bookings uses it for the request's text)."""
    now = utcnow()
    message = Message(
        thread_id=thread.id,
        tenant_id=thread.tenant_id,
        vendor_tenant_id=thread.vendor_tenant_id,
        author_user_id=principal.user_id,
        author_name=principal.display_name[:120],
        side=side,
        body=body,
        created_at=now,
    )
    session.add(message)
    session.flush()
    stored: list[str] = []
    storage = get_storage()
    try:
        for upload in uploads:
            name = safe_filename(upload.filename)
            key = new_key(f"attachments/{thread.id.hex}")
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            storage.put(key, upload.data, content_type)
            stored.append(key)
            session.add(
                MessageAttachment(
                    message_id=message.id,
                    thread_id=thread.id,
                    tenant_id=thread.tenant_id,
                    vendor_tenant_id=thread.vendor_tenant_id,
                    storage_key=key,
                    filename=name,
                    content_type=content_type[:120],
                    size=len(upload.data),
                )
            )
        thread.last_message_at = now
        session.add(thread)
        _mark_read(session, principal.user_id, thread.id, now)
        if notify:
            _notify(session, principal, thread, side, now)
        session.flush()
    except BaseException:
        for key in stored:  # nothing half-stored: the rows roll back, the files go too
            storage.delete(key)
        raise
    audit.record(
        session,
        principal,
        "message.create",
        tenant_id=thread.vendor_tenant_id if side == "vendor" else thread.tenant_id,
        obj=message,
        after={"thread_id": str(thread.id), "attachments": len(uploads), "side": side},
    )
    return message


def post_message(
    session: Session, principal: Principal, thread_id: Any, body: str, uploads: Sequence[Upload] = ()
) -> Message:
    thread, side = load_thread(session, principal, thread_id, act=True)
    body = str(body or "").strip()
    _check(body, uploads)
    return _store_message(session, principal, thread, side, body, uploads)


def _read_row(session: Session, user_id: uuid.UUID, thread_id: uuid.UUID) -> ThreadRead:
    row = session.exec(
        select(ThreadRead).where(ThreadRead.thread_id == thread_id, ThreadRead.user_id == user_id)
    ).first()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = ThreadRead(thread_id=thread_id, user_id=user_id)
            session.add(row)
    except IntegrityError:  # created by a concurrent request
        row = session.exec(
            select(ThreadRead).where(ThreadRead.thread_id == thread_id, ThreadRead.user_id == user_id)
        ).one()
    return row


def _mark_read(session: Session, user_id: uuid.UUID, thread_id: uuid.UUID, when: datetime) -> None:
    row = _read_row(session, user_id, thread_id)
    if row.last_read_at is None or row.last_read_at < when:
        row.last_read_at = when
        session.add(row)


def _notify(session: Session, principal: Principal, thread: MessageThread, side: str, now: datetime) -> None:
    other_tenant = thread.vendor_tenant_id if side == "couple" else thread.tenant_id
    vendor = session.get(VendorProfile, thread.vendor_id)
    wedding = session.get(Wedding, thread.wedding_id)
    sender = vendor.name if side == "vendor" and vendor else (couple_names(wedding) if wedding else "")
    link = _link("/vendor/messages" if side == "couple" else f"/w/{thread.wedding_id}/bookings")
    for user in members(session, other_tenant):
        if user.id == principal.user_id:
            continue
        row = _read_row(session, user.id, thread.id)
        if row.last_notified_at is not None and now - row.last_notified_at < NOTIFY_EVERY:
            continue
        lang = i18n.normalize_language(user.locale)
        send_email(
            session,
            to=user.email,
            subject=i18n.gettext(lang, "New message from {sender}", sender=sender),
            body=i18n.gettext(
                lang,
                "{sender} wrote to you on Attitudes.vip.\n\nRead and answer: {link}\n\n— Attitudes.vip",
                sender=sender,
                link=link,
            ),
            kind="vendor_message",
            tenant_id=other_tenant,
        )
        row.last_notified_at = now
        session.add(row)


def _unread_query(user_id: uuid.UUID):
    return (
        select(Message.thread_id, func.count())
        .select_from(Message)
        .outerjoin(ThreadRead, sa.and_(ThreadRead.thread_id == Message.thread_id, ThreadRead.user_id == user_id))
        .where(
            sa.or_(Message.author_user_id.is_(None), Message.author_user_id != user_id),
            sa.or_(ThreadRead.last_read_at.is_(None), Message.created_at > ThreadRead.last_read_at),
        )
        .group_by(Message.thread_id)
    )


def _unread_by_thread(session: Session, principal: Principal, thread_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not thread_ids:
        return {}
    rows = session.exec(_unread_query(principal.user_id).where(Message.thread_id.in_(list(thread_ids)))).all()
    return {tid: int(n) for tid, n in rows}


def _visible_threads(principal: Principal):
    """Threads of the principal's vendor organizations and of their (not deleted) weddings."""
    return (
        select(MessageThread.id)
        .join(Wedding, Wedding.id == MessageThread.wedding_id)
        .where(
            sa.or_(
                MessageThread.vendor_tenant_id.in_(principal.tenant_ids),
                sa.and_(MessageThread.tenant_id.in_(principal.tenant_ids), Wedding.deleted_at.is_(None)),
            )
        )
    )


def unread_total(session: Session, principal: Principal, *, side: str = "") -> int:
    """Unread messages for the nav badge: "vendor" (vendor organizations), "couple" (weddings) or both."""
    threads = _visible_threads(principal)
    if side == "vendor":
        threads = threads.where(MessageThread.vendor_tenant_id.in_(principal.tenant_ids))
    elif side == "couple":
        threads = threads.where(MessageThread.tenant_id.in_(principal.tenant_ids))
    rows = session.exec(_unread_query(principal.user_id).where(Message.thread_id.in_(threads))).all()
    return sum(int(n) for _, n in rows)


def wedding_unread(session: Session, principal: Principal, wedding_id: Any) -> int:
    """Unread messages in a wedding's threads, for the wedding's nav badge."""
    wedding = load_wedding(session, principal, wedding_id, VIEW_PERMISSION)
    ids = select(MessageThread.id).where(MessageThread.wedding_id == wedding.id)
    rows = session.exec(_unread_query(principal.user_id).where(Message.thread_id.in_(ids))).all()
    return sum(int(n) for _, n in rows)


def thread_marker(session: Session, principal: Principal, thread_id: Any) -> tuple[int, str]:
    """Cheap change detector for the live thread: message count and newest time (re-checks access)."""
    thread, _ = load_thread(session, principal, thread_id)
    count, newest = session.exec(
        select(func.count(), func.max(Message.created_at)).where(Message.thread_id == thread.id)
    ).one()
    return int(count), str(newest or "")


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def thread_view(
    session: Session, principal: Principal, thread_id: Any, *, lang: str, mark: bool = True
) -> dict[str, Any]:
    """The thread's header and messages, oldest first (times in the wedding's time zone); opening it marks it read."""
    thread, side = load_thread(session, principal, thread_id)
    quote = session.get(QuoteRequest, thread.quote_id)
    vendor = session.get(VendorProfile, thread.vendor_id)
    wedding = session.get(Wedding, thread.wedding_id)
    messages = session.exec(
        select(Message).where(Message.thread_id == thread.id).order_by(Message.created_at, Message.id)
    ).all()
    files: dict[uuid.UUID, list[dict[str, str]]] = {}
    for a in session.exec(
        select(MessageAttachment).where(MessageAttachment.thread_id == thread.id).order_by(MessageAttachment.created_at)
    ):
        files.setdefault(a.message_id, []).append(
            {
                "id": str(a.id),
                "name": a.filename,
                "size": _size(a.size),
                "url": f"{get_settings().api_url}/api/v1/attachments/{a.id}",
            }
        )
    if mark and messages:
        _mark_read(session, principal.user_id, thread.id, max(m.created_at for m in messages))
    labels = VENDOR_STATUS_LABELS if side == "vendor" else STATUS_LABELS
    tz = wedding.timezone if wedding else "UTC"
    return {
        "id": str(thread.id),
        "side": side,
        "title": (couple_names(wedding) if wedding else "") if side == "vendor" else (vendor.name if vendor else ""),
        "day": i18n.format_day(quote.day, lang, "medium") if quote else "",
        "status": i18n.gettext(lang, labels[quote.status]) if quote else "",
        "messages": [
            {
                "id": str(m.id),
                "mine": m.author_user_id == principal.user_id,
                "side": m.side,
                "author": m.author_name,
                "body": m.body,
                "when": i18n.format_moment(m.created_at, lang, tz, "short"),
                "files": files.get(m.id, []),
            }
            for m in messages
        ],
    }


def list_threads(session: Session, principal: Principal, *, lang: str) -> list[dict[str, Any]]:
    """Every thread of the principal's vendor organizations, most recent activity first, with unread counts."""
    rows = session.exec(
        select(MessageThread, Wedding, QuoteRequest)
        .join(Wedding, Wedding.id == MessageThread.wedding_id)
        .join(QuoteRequest, QuoteRequest.id == MessageThread.quote_id)
        .where(MessageThread.vendor_tenant_id.in_(principal.tenant_ids))
        .order_by(sa.func.coalesce(MessageThread.last_message_at, MessageThread.created_at).desc())
    ).all()
    unread = _unread_by_thread(session, principal, [t.id for t, _, _ in rows])
    last = {}
    if rows:
        newest = (
            select(Message.thread_id, func.max(Message.created_at).label("at"))
            .where(Message.thread_id.in_([t.id for t, _, _ in rows]))
            .group_by(Message.thread_id)
            .subquery()
        )
        for m in session.exec(
            select(Message).join(
                newest, sa.and_(Message.thread_id == newest.c.thread_id, Message.created_at == newest.c.at)
            )
        ):
            last[m.thread_id] = m.body
    return [
        {
            "id": str(t.id),
            "title": couple_names(w) if w.deleted_at is None else i18n.gettext(lang, "Deleted wedding"),
            "day": i18n.format_day(q.day, lang, "medium"),
            "status": i18n.gettext(lang, VENDOR_STATUS_LABELS[q.status]),
            "unread": unread.get(t.id, 0),
            "preview": (last.get(t.id, "") or "")[:120],
        }
        for t, w, q in rows
    ]


def get_attachment(session: Session, principal: Principal, attachment_id: Any) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) for a member of either side; NotFound for anyone else."""
    attachment = session.exec(
        select(MessageAttachment).where(
            MessageAttachment.id == _uuid(attachment_id), _either_side(principal, MessageAttachment)
        )
    ).first()
    if attachment is None:
        raise NotFound()
    load_thread(session, principal, attachment.thread_id)  # the couple's side also needs the wedding
    return attachment.filename, attachment.content_type, get_storage().get(attachment.storage_key)
