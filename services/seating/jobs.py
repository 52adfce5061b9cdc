"""Optimizer runs on a seating plan: start, execute (blocking, in a background task), watch, stop, accept, discard.

The OptimizationRun row is the only shared state: execute_run() writes progress to it (at most every
0.5 s, in its own short transactions) and reads `stop_requested` from it (at most every 0.5 s), so any
worker can stop a run and any browser tab can watch it. The proposal is kept as guest -> table and shown
as a diff of the current seating; accepting applies it in one transaction as one undoable action.

Modes: "optimize" seats everyone for the best score (current seating as the hint); "repair" re-seats only
what must change (newly attending guests, broken hard rules) and moves as few seated guests as possible
(the solver's keep= mode). Locked guests and every guest at a locked table are fixed in both modes.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
import structlog
from sqlmodel import Session, select

from models.base import utcnow
from models.seating import RUN_MODES, OptimizationRun, SeatingPlan
from services import audit
from services.authz import Permission, Principal
from services.db import transaction
from services.errors import N_, Conflict, Msg, NotFound, TamperedInput, ValidationError
from services.guests import _in_wedding
from services.seating import plans
from services.weddings import load_wedding

log = structlog.get_logger("attitudes.seating")
MAX_TIME_LIMIT_S = 120.0
POLL_S = 0.5
LOST_AFTER_S = 60.0  # a running row not updated for time limit + this long lost its worker
CHANGED = N_("The plan changed while the optimizer ran. Run it again.")


def _run(
    session: Session, principal: Principal, wedding_id: Any, run_id: Any, permission: Permission
) -> tuple[Any, OptimizationRun, SeatingPlan]:
    wedding = load_wedding(session, principal, wedding_id, permission)
    run = _in_wedding(session, OptimizationRun, wedding, run_id)
    plan = session.get(SeatingPlan, run.plan_id)
    if plan is None:  # pragma: no cover - runs cascade with their plan
        raise NotFound()
    return wedding, run, plan


def _lost(run: OptimizationRun) -> bool:
    return run.status == "running" and utcnow() - run.updated_at > timedelta(seconds=run.time_limit_s + LOST_AFTER_S)


def start_run(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    plan_id: Any,
    mode: str = "optimize",
    time_limit_s: float = 10,
) -> str:
    """Create a run row (status running); the caller then runs execute_run(run_id, principal) off the loop."""
    wedding, plan = plans._plan(session, principal, wedding_id, plan_id, Permission.SEATING_EDIT)
    if mode not in RUN_MODES:
        raise TamperedInput()
    if isinstance(time_limit_s, bool) or not isinstance(time_limit_s, int | float):
        raise TamperedInput()
    if not 1 <= time_limit_s <= MAX_TIME_LIMIT_S:
        raise ValidationError({"time_limit_s": N_("Let it run between 1 and {n} seconds.", n=int(MAX_TIME_LIMIT_S))})
    for other in session.exec(
        select(OptimizationRun).where(OptimizationRun.plan_id == plan.id, OptimizationRun.status == "running")
    ).all():
        if _lost(other):
            other.status = "failed"
            session.add(other)
        else:
            raise Conflict(N_("The optimizer is already running on this plan."))
    run = OptimizationRun(
        tenant_id=plan.tenant_id,
        wedding_id=plan.wedding_id,
        plan_id=plan.id,
        mode=mode,
        status="running",
        started_by=principal.user_id,
        time_limit_s=float(time_limit_s),
        base_version=plan.version,
    )
    session.add(run)
    session.flush()
    audit.record(
        session,
        principal,
        "seating.run_start",
        tenant_id=wedding.tenant_id,
        obj=run,
        after={"mode": mode, "time_limit_s": float(time_limit_s)},
    )
    return str(run.id)


def execute_run(run_id: str, principal: Principal) -> None:
    """BLOCKING: build the instance, solve, store the proposal. Call with asyncio.to_thread."""
    from services.seating import instance as seating_instance
    from services.seating import solver
    from services.seating.align import align_tables, moved_guests
    from services.seating.checker import objective, violations

    with transaction() as s:
        run = s.exec(
            select(OptimizationRun).where(
                OptimizationRun.id == plans._uuid(run_id), OptimizationRun.tenant_id.in_(principal.tenant_ids)
            )
        ).first()
        if run is None:
            raise NotFound()
        wedding, plan = plans._plan(s, principal, run.wedding_id, run.plan_id, Permission.SEATING_EDIT)
        if run.status != "running":
            return
        data = plans.load_plan_data(s, wedding, plan)
        parties = plans.parties_of(data)
        spec = plans.build_instance(data)
        current = plans.current_seating(data, parties)
        mode, limit = run.mode, run.time_limit_s
    rid = run.id
    try:
        inst = seating_instance.parse_instance(spec)
        current_objective = objective(inst, current) if current else 0
    except Exception as exc:  # noqa: BLE001 - the row must say the run failed
        log.exception("seating.run_build_failed", run_id=str(rid))
        _finish(rid, status="failed", summary={"error": str(exc)[:300]})
        return
    with transaction() as s:  # the score to beat, shown while the optimizer works
        s.execute(
            sa.update(OptimizationRun)
            .where(OptimizationRun.id == rid)
            .values(summary={"current_objective": current_objective}, updated_at=utcnow())
        )

    last_poll = [0.0, False]
    last_write = [0.0]

    def should_stop() -> bool:
        now = time.monotonic()
        if now - last_poll[0] >= POLL_S:
            last_poll[0] = now
            with transaction() as s:
                row = s.exec(
                    select(OptimizationRun.stop_requested, OptimizationRun.status).where(OptimizationRun.id == rid)
                ).first()
            last_poll[1] = row is None or bool(row[0]) or row[1] != "running"
        return bool(last_poll[1])

    def progress(p: Any) -> None:
        now = time.monotonic()
        if now - last_write[0] < POLL_S:
            return
        last_write[0] = now
        with transaction() as s:
            s.execute(
                sa.update(OptimizationRun)
                .where(OptimizationRun.id == rid, OptimizationRun.status == "running")
                .values(best=p.best, bound=p.bound, elapsed_s=round(p.elapsed_s, 2), updated_at=utcnow())
            )

    started = time.monotonic()
    try:
        result = solver.solve(
            inst,
            time_limit_s=limit,
            seed=0,
            progress=progress,
            should_stop=should_stop,
            hint=current if mode == "optimize" else None,
            keep=current if mode == "repair" else None,
        )
    except Exception as exc:  # noqa: BLE001
        log.exception("seating.run_failed", run_id=str(rid))
        _finish(rid, status="failed", summary={"error": str(exc)[:300]}, elapsed=time.monotonic() - started)
        return
    assignment = dict(result.assignment)
    if assignment and current:
        if mode == "optimize" and not violations(inst, current) and (result.objective or 0) <= current_objective:
            assignment = dict(current)  # no better plan found: propose no moves rather than an equal reshuffle
        else:
            assignment = align_tables(inst, assignment, current)
    moved = moved_guests(inst, assignment, current) if current else 0
    moved_parties = sum(1 for p, t in assignment.items() if p in current and current[p] != t)
    final_objective = objective(inst, assignment) if assignment else result.objective
    proposal: dict[str, str] = {}
    members = {p.id: p.guests for p in parties}
    for party_id, table_id in assignment.items():
        for gid in members.get(party_id, []):
            proposal[str(gid)] = table_id
    stopped = _stop_requested(rid)
    if result.status == "infeasible":
        status = "infeasible"
    elif result.assignment:
        status = "stopped" if stopped else "done"
    else:
        status = "stopped" if stopped else "failed"
    _finish(
        rid,
        status=status,
        proposal=proposal,
        best=final_objective,
        bound=result.bound,
        elapsed=result.elapsed_s,
        summary={
            "solver_status": result.status,
            "objective": final_objective,
            "current_objective": current_objective,
            "moved_parties": moved_parties,
            "moved_guests": moved,
            "conflicts": [{"id": m.id, "params": m.params} for m in result.conflict_msgs],
            "conflicts_en": list(result.conflicts),
        },
    )


def _stop_requested(run_id: uuid.UUID) -> bool:
    with transaction() as s:
        row = s.exec(select(OptimizationRun.stop_requested).where(OptimizationRun.id == run_id)).first()
    return bool(row)


def _finish(
    run_id: uuid.UUID,
    *,
    status: str,
    summary: dict[str, Any],
    proposal: Mapping[str, str] | None = None,
    best: int | None = None,
    bound: int | None = None,
    elapsed: float | None = None,
) -> None:
    with transaction() as s:
        run = s.get(OptimizationRun, run_id)
        if run is None or run.status != "running":
            return  # discarded meanwhile
        run.status = status
        run.summary = summary
        run.proposal = dict(proposal or {})
        if best is not None:
            run.best = best
        if bound is not None:
            run.bound = bound
        if elapsed is not None:
            run.elapsed_s = round(elapsed, 2)
        run.updated_at = utcnow()
        s.add(run)


def stop_run(session: Session, principal: Principal, wedding_id: Any, run_id: Any) -> None:
    """Ask a running optimizer to stop; it keeps the best seating found so far."""
    wedding, run, _ = _run(session, principal, wedding_id, run_id, Permission.SEATING_EDIT)
    if run.status != "running":
        return
    run.stop_requested = True
    run.updated_at = utcnow()
    session.add(run)
    audit.record(session, principal, "seating.run_stop", tenant_id=wedding.tenant_id, obj=run)


def _diff(data: plans.PlanData, proposal: Mapping[str, str]) -> list[dict[str, Any]]:
    """(guest, target table | None) for every guest whose table the proposal changes."""
    out = []
    for gid, a in data.seat_of.items():
        if gid not in data.on_plan:  # declined since they were seated: the proposal frees their seat
            out.append((gid, a.table_id, None))
    for raw, table in proposal.items():
        gid = uuid.UUID(raw)
        if gid not in data.on_plan:
            continue
        a = data.seat_of.get(gid)
        target = uuid.UUID(table)
        if a is None or a.table_id != target:
            out.append((gid, a.table_id if a else None, target))
    return out


def _companion_moves(
    data: plans.PlanData, proposal: Mapping[str, str], label: Mapping[uuid.UUID, str], lang: str, out: list
) -> int:
    """Plus-ones whose seat the proposal changes (they follow their guest; a new one gets a seat, one no longer
    coming frees theirs), appended to `out`; returns how many already seated change tables."""
    moved = 0
    for gid in sorted(data.plus_ones | set(data.companions), key=str):
        g = data.guests.get(gid)
        if g is None:
            continue
        c = data.companions.get(gid)
        src = c.table_id if c is not None else None
        dst = None
        if gid in data.plus_ones:
            raw = proposal.get(str(gid))
            host = data.seat_of.get(gid)
            dst = uuid.UUID(raw) if raw else (host.table_id if host is not None else None)
        if src == dst:
            continue
        if src is not None and dst is not None:
            moved += 1
        out.append(_move(data, g, plans.plus_one_names(g, lang)[0], src, dst, label))
    return moved


def _move(
    data: plans.PlanData,
    g: Any,
    name: str,
    src: uuid.UUID | None,
    dst: uuid.UUID | None,
    label: Mapping[uuid.UUID, str],
) -> dict[str, str]:
    """One line of the proposal's diff: who (and their household) goes from which table to which ("" = no seat)."""
    h = data.households.get(g.household_id)
    return {
        "guest_id": str(g.id),
        "guest": name,
        "household": h.name if h else "",
        "from_table": label.get(src, "") if src else "",
        "to_table": label.get(dst, "") if dst else "",
    }


def run_status(session: Session, principal: Principal, wedding_id: Any, run_id: Any, lang: str) -> dict[str, Any]:
    """Progress, and once done the proposal as moves (who goes where) and the conflicts in words."""
    from services.seating import explain

    wedding, run, plan = _run(session, principal, wedding_id, run_id, Permission.SEATING_VIEW)
    data = plans.load_plan_data(session, wedding, plan)
    label = {t.id: t.label for t in data.tables}
    moves, moved = [], 0
    if run.status in ("done", "stopped"):
        for gid, src, dst in _diff(data, run.proposal):
            g = data.guests.get(gid)
            if g is None:
                continue
            if src is not None and dst is not None:
                moved += 1
            moves.append(_move(data, g, plans._name(g), src, dst, label))
        moved += _companion_moves(data, run.proposal, label, lang, moves)
        moves.sort(key=lambda m: (m["household"].casefold(), m["guest"].casefold()))
    conflicts = [Msg(c["id"], c.get("params", {})) for c in run.summary.get("conflicts", [])]
    status = "failed" if _lost(run) else run.status
    return {
        "id": str(run.id),
        "mode": run.mode,
        "status": status,
        "best": run.best,
        "bound": run.bound,
        "elapsed_s": run.elapsed_s,
        "time_limit_s": run.time_limit_s,
        "current_objective": run.summary.get("current_objective"),
        "solver_status": run.summary.get("solver_status", ""),
        "moves": moves,
        "moved_guests": moved,
        "conflicts": explain.render_conflicts(conflicts, lang)
        if conflicts
        else list(run.summary.get("conflicts_en", [])),
        "stale": plan.version != run.base_version,
    }


def accept_run(session: Session, principal: Principal, wedding_id: Any, run_id: Any) -> dict[str, int]:
    """Apply the proposal in one transaction, as one undoable action."""
    wedding, run, plan = _run(session, principal, wedding_id, run_id, Permission.SEATING_EDIT)
    run = session.exec(  # two clicks on "accept" (or two tabs): the second waits here, then sees "accepted"
        select(OptimizationRun)
        .where(OptimizationRun.id == run.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if run.status not in ("done", "stopped") or not run.proposal:
        raise Conflict(N_("This proposal can no longer be applied."))
    data = plans.load_plan_data(session, wedding, plan)
    diff = _diff(data, run.proposal)
    if plan.version != run.base_version:
        for gid, _src, dst in diff:
            a = data.seat_of.get(gid)
            if (
                gid not in data.guests
                or (dst is not None and dst not in data.table_by_id)
                or (a is not None and a.locked)
            ):
                raise Conflict(CHANGED)
    changes: dict[uuid.UUID, dict[str, Any] | None] = {
        gid: ({"table_id": str(dst), "seat": None, "locked": False} if dst is not None else None)
        for gid, src, dst in diff
    }
    plus_ones: list[dict[str, Any]] = []  # the plus-ones who follow (the diff shown listed them too)
    _companion_moves(data, run.proposal, {}, "en", plus_ones)
    try:
        plans._apply_seating(session, principal, plan, changes, N_("Apply the optimizer's proposal"))
    except Conflict:
        raise Conflict(CHANGED) from None
    run.status = "accepted"
    run.updated_at = utcnow()
    session.add(run)
    audit.record(
        session,
        principal,
        "seating.run_accept",
        tenant_id=wedding.tenant_id,
        obj=run,
        after={"moved": len(changes) + len(plus_ones)},
    )
    plans._bump(session, plan)
    return {"moved": len(changes) + len(plus_ones)}


def discard_run(session: Session, principal: Principal, wedding_id: Any, run_id: Any) -> None:
    """Throw the proposal away (a running optimizer stops)."""
    wedding, run, _ = _run(session, principal, wedding_id, run_id, Permission.SEATING_EDIT)
    if run.status == "accepted":
        raise Conflict(N_("This proposal was already applied: use undo to take it back."))
    run.status = "discarded"
    run.stop_requested = True
    run.proposal = {}
    run.updated_at = utcnow()
    session.add(run)
    audit.record(session, principal, "seating.run_discard", tenant_id=wedding.tenant_id, obj=run)


def latest_run(session: Session, principal: Principal, wedding_id: Any, plan_id: Any) -> str:
    """The plan's most recent run that is running or awaiting a decision ("" when none): a reopened page resumes it."""
    wedding, plan = plans._plan(session, principal, wedding_id, plan_id, Permission.SEATING_VIEW)
    run = session.exec(
        select(OptimizationRun)
        .where(
            OptimizationRun.plan_id == plan.id, OptimizationRun.status.in_(("running", "done", "stopped", "infeasible"))
        )
        .order_by(OptimizationRun.created_at.desc())
    ).first()
    return str(run.id) if run else ""
