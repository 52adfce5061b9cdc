"""The email seam: `send_email` is the only way a message leaves the app.

Every message is written to the outbox table (the admin page lists it). With SMTP
configured it is also delivered, and its status records the outcome.
"""

from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage

import structlog
from sqlmodel import Session, desc, select

from models.base import utcnow
from models.notifications import OutboxMessage
from services.authz import Permission, Principal, authorize
from services.config import get_settings

log = structlog.get_logger("attitudes.email")


def send_email(
    session: Session, *, to: str, subject: str, body: str, kind: str, tenant_id: uuid.UUID | None = None
) -> OutboxMessage:
    message = OutboxMessage(tenant_id=tenant_id, kind=kind, to_email=to, subject=subject, body_text=body)
    settings = get_settings()
    if settings.smtp_host:
        try:
            _deliver_smtp(message)
            message.status, message.sent_at = "sent", utcnow()
        except (OSError, smtplib.SMTPException) as exc:
            message.status, message.error = "failed", str(exc)[:500]
            log.error("smtp_failed", to=to, kind=kind, error=str(exc))
    else:
        message.status = "outbox"  # embedded mode: kept locally, shown on the admin page
    session.add(message)
    return message


def _deliver_smtp(message: OutboxMessage) -> None:
    settings = get_settings()
    mail = EmailMessage()
    mail["From"] = settings.smtp_from
    mail["To"] = message.to_email
    mail["Subject"] = message.subject
    mail.set_content(message.body_text)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(mail)


def list_outbox(session: Session, principal: Principal, limit: int = 200) -> list[OutboxMessage]:
    authorize(principal, Permission.ADMIN_OUTBOX)
    return list(session.exec(select(OutboxMessage).order_by(desc(OutboxMessage.created_at)).limit(limit)))
