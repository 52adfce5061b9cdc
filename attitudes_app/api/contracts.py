"""Contract files, served only through these authorized routes (never from a public path).

Each route resolves the session principal and asks services.contracts, which checks the side:
the vendor team of the booking's vendor, the wedding's team (from approval on, the version they
sign), or a platform admin. Anyone else gets 404. PDFs are sent inline (for the review page's
viewer) with nosniff and no caching.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from attitudes_app.api.security import require_principal
from services import contracts
from services.authz import Principal
from services.db import transaction
from services.errors import DomainError, NotFound

contracts_router = APIRouter(prefix="/api/v1/contracts", tags=["contracts"])
Auth = Annotated[Principal, Depends(require_principal)]


async def _pdf(build, *, download: bool = False) -> Response:
    try:
        content, filename = await run_in_threadpool(build)
    except NotFound:
        return JSONResponse({"title": "Not found", "status": 404}, status_code=404)
    except DomainError as exc:
        return JSONResponse({"title": exc.message.id, "status": 409}, status_code=409)
    disposition = "attachment" if download else "inline"
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "frame-ancestors 'self'",
        },
    )


@contracts_router.get("/{contract_id}/versions/{number}.pdf")
async def version_pdf(contract_id: str, number: int, principal: Auth, download: bool = False) -> Response:
    def build():
        with transaction() as s:
            return contracts.version_file(s, principal, contract_id, number)

    return await _pdf(build, download=download)


@contracts_router.get("/{contract_id}/executed.pdf")
async def executed_pdf(contract_id: str, principal: Auth, download: bool = False) -> Response:
    def build():
        with transaction() as s:
            return contracts.executed_file(s, principal, contract_id)

    return await _pdf(build, download=download)
