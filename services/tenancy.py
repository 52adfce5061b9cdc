"""The one tenant-scoped query helper. Every read of tenant-owned rows goes through it."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, select
from sqlmodel.sql.expression import SelectOfScalar

from services.authz import Principal
from services.errors import NotFound

M = TypeVar("M", bound=SQLModel)


def scoped(principal: Principal, model: type[M], *where: Any) -> SelectOfScalar[M]:
    """SELECT rows of `model` restricted to the tenants the principal belongs to."""
    return select(model).where(model.tenant_id.in_(principal.tenant_ids), *where)  # type: ignore[attr-defined]


def get_scoped(session: Session, principal: Principal, model: type[M], object_id: Any, *where: Any) -> M:
    """One row by id within the principal's tenants, or NotFound (never a hint that it exists)."""
    if not isinstance(object_id, uuid.UUID):
        try:
            object_id = uuid.UUID(str(object_id))
        except ValueError:
            raise NotFound() from None
    row = session.exec(scoped(principal, model, model.id == object_id, *where)).first()  # type: ignore[attr-defined]
    if row is None:
        raise NotFound()
    return row
