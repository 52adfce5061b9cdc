"""Seating plan files: the plan in the solver's JSON format (download and import back), the printable chart
and the alphabetical escort list. Every route needs the signed-in session and goes through services.seating.plans.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from attitudes_app.api.planning import _lang
from attitudes_app.api.security import require_principal
from services import i18n
from services.authz import Principal
from services.db import transaction
from services.errors import N_, DomainError, Forbidden, NotFound, ValidationError
from services.seating import plans

seating_router = APIRouter(prefix="/api/v1/weddings/{wedding_id}/seating/{plan_id}", tags=["seating"])
Auth = Annotated[Principal, Depends(require_principal)]
MAX_UPLOAD = 5 * 1024 * 1024
_PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff", "X-Robots-Tag": "noindex"}


def _error(exc: DomainError, lang: str) -> JSONResponse:
    if isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, Forbidden):
        status = 403
    elif isinstance(exc, ValidationError):
        status = 422
    else:
        status = 409
    body: dict[str, Any] = {"title": i18n.render(lang, exc.message), "status": status}
    if isinstance(exc, ValidationError):
        body["errors"] = {k: i18n.render(lang, m) for k, m in exc.field_errors.items()}
    return JSONResponse(body, status_code=status, headers=_PRIVATE)


@seating_router.get("/instance.json")
async def download_instance(wedding_id: str, plan_id: str, request: Request, principal: Auth) -> Response:
    """The plan in the seating spec format (tables, parties, relations, fixed), ready for `attitudes seating solve`."""

    def build() -> dict:
        with transaction() as s:
            return plans.export_instance(s, principal, wedding_id, plan_id)

    try:
        data = await run_in_threadpool(build)
    except DomainError as exc:
        return _error(exc, _lang(request))
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={**_PRIVATE, "Content-Disposition": 'attachment; filename="seating-instance.json"'},
    )


@seating_router.post("/import")
async def import_seating(wedding_id: str, plan_id: str, request: Request, principal: Auth) -> Response:
    """Seat the plan from a solver result (with "assignment") or an instance (with "fixed"): a JSON body or a file."""
    lang = _lang(request)
    refused = ValidationError({"": N_("The file is not a seating instance or result.")})
    content_type = request.headers.get("content-type", "")
    if int(request.headers.get("content-length") or 0) > MAX_UPLOAD:
        return _error(ValidationError({"": N_("The file is too large (5 MB at most).")}), lang)
    try:
        if content_type.startswith("multipart/form-data"):
            form = await request.form()
            upload = next((v for v in form.values() if hasattr(v, "read")), None)
            if upload is None:
                return _error(refused, lang)
            raw = await upload.read(MAX_UPLOAD + 1)
        else:
            raw = await request.body()
        if len(raw) > MAX_UPLOAD:
            return _error(ValidationError({"": N_("The file is too large (5 MB at most).")}), lang)
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return _error(refused, lang)

    def apply() -> dict:
        with transaction() as s:
            return plans.import_assignment(s, principal, wedding_id, plan_id, data)

    try:
        out = await run_in_threadpool(apply)
    except DomainError as exc:
        return _error(exc, lang)
    return JSONResponse(out, headers=_PRIVATE)


async def _pdf(fn, wedding_id: str, plan_id: str, request: Request, principal: Principal, filename: str) -> Response:
    lang = _lang(request)

    def build() -> bytes:
        with transaction() as s:
            return fn(s, principal, wedding_id, plan_id, lang)

    try:
        body = await run_in_threadpool(build)
    except DomainError as exc:
        return _error(exc, lang)
    return Response(
        body,
        media_type="application/pdf",
        headers={**_PRIVATE, "Content-Disposition": f'inline; filename="{filename}"'},
    )


@seating_router.get("/chart.pdf")
async def chart(wedding_id: str, plan_id: str, request: Request, principal: Auth) -> Response:
    """The seating chart: the room and every table with its guests, meals and diets."""
    return await _pdf(plans.chart_pdf, wedding_id, plan_id, request, principal, "seating-chart.pdf")


@seating_router.get("/escort-cards.pdf")
async def escort_cards(wedding_id: str, plan_id: str, request: Request, principal: Auth) -> Response:
    """Every guest in alphabetical order with their table, for the entrance."""
    return await _pdf(plans.escort_cards_pdf, wedding_id, plan_id, request, principal, "escort-cards.pdf")
