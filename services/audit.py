"""Append-only audit trail."""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlmodel import Session

from models.audit import AuditEvent
from services.authz import Principal

log = structlog.get_logger("attitudes.audit")


def record(
    session: Session,
    principal: Principal | None,
    action: str,
    *,
    tenant_id: uuid.UUID | None = None,
    obj: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip: str = "",
) -> None:
    session.add(
        AuditEvent(
            tenant_id=tenant_id,
            actor_user_id=principal.user_id if principal else None,
            action=action,
            object_type=type(obj).__name__.lower() if obj is not None else "",
            object_id=str(getattr(obj, "id", "")) if obj is not None else "",
            before=before,
            after=after,
            ip=ip[:64],
        )
    )


def security_event(action: str, principal: Principal | None, **details: Any) -> None:
    """Log a refused request (tampering, wrong ids) outside the failed transaction."""
    from services.db import transaction

    log.warning(action, user_id=str(principal.user_id) if principal else None, **details)
    with transaction() as session:
        record(session, principal, action, after={k: str(v)[:200] for k, v in details.items()})
