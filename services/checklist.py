"""The wedding checklist: tasks grouped by phase before the wedding, filters, assignment, progress."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from models.base import utcnow
from models.planning import Task
from models.tenancy import Membership, User
from models.weddings import Wedding
from services import audit, i18n
from services.authz import Permission, Principal, can
from services.errors import N_, Conflict, Msg, TamperedInput, ValidationError
from services.tenancy import get_scoped, scoped
from services.weddings import load_wedding

TASK_FIELDS = frozenset({"title", "category", "due_date", "assignee", "notes"})
FILTERS = ("all", "mine", "overdue", "month", "open", "done")
# Phases by days before the wedding: (key, label msgid, smallest number of days before).
PHASES: tuple[tuple[str, str, int], ...] = (
    ("12m", N_("12 months before").id, 180),
    ("6m", N_("6 months before").id, 45),
    ("1m", N_("1 month before").id, 8),
    ("week", N_("The week of the wedding").id, 0),
    ("after", N_("After the wedding").id, -100_000),
)
ANYTIME = ("anytime", N_("No due date").id)
FILTER_LABELS = {
    "all": N_("All tasks").id,
    "mine": N_("Mine").id,
    "overdue": N_("Overdue").id,
    "month": N_("This month").id,
    "open": N_("To do").id,
    "done": N_("Done").id,
}


def phase_of(due: date | None, wedding_date: date) -> str:
    if due is None:
        return ANYTIME[0]
    days_before = (wedding_date - due).days
    return next(key for key, _label, floor in PHASES if days_before >= floor)


@dataclass(frozen=True)
class TaskFields:
    title: str
    category: str
    due_date: date | None
    assignee_user_id: uuid.UUID | None
    notes: str


def team_members(session: Session, tenant_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """Everyone a task can be assigned to: the members of the wedding's tenant, by name."""
    rows = session.exec(
        select(User.id, User.display_name)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.tenant_id == tenant_id)
        .order_by(User.display_name)
    ).all()
    return [(uid, name) for uid, name in rows]


def parse_task_form(data: Mapping[str, Any], *, members: list[tuple[uuid.UUID, str]], wedding: Wedding) -> TaskFields:
    if set(data) - TASK_FIELDS:
        raise TamperedInput()
    errors: dict[str, Msg] = {}
    title = " ".join(str(data.get("title") or "").split())
    if not title:
        errors["title"] = N_("Enter what needs to be done.")
    elif len(title) > 200:
        errors["title"] = N_("Keep the title under {n} characters.", n=200)
    category = " ".join(str(data.get("category") or "").split())
    if len(category) > 60:
        errors["category"] = N_("Keep the category under {n} characters.", n=60)
    due: date | None = None
    raw_due = str(data.get("due_date") or "").strip()
    if raw_due:
        try:
            due = date.fromisoformat(raw_due)
            if abs((due - wedding.wedding_date).days) > 3 * 366:
                errors["due_date"] = N_("Choose a date within three years of the wedding.")
        except ValueError:
            errors["due_date"] = N_("Enter a date like 2027-06-12.")
    assignee: uuid.UUID | None = None
    raw_assignee = str(data.get("assignee") or "").strip()
    if raw_assignee:
        try:
            assignee = uuid.UUID(raw_assignee)
        except ValueError:
            raise TamperedInput() from None
        if assignee not in {uid for uid, _ in members}:
            errors["assignee"] = N_("Choose someone from the wedding's team.")
    notes = str(data.get("notes") or "").strip()
    if len(notes) > 2000:
        errors["notes"] = N_("Keep the notes under {n} characters.", n=2000)
    if errors:
        raise ValidationError(errors)
    return TaskFields(title, category, due, assignee, notes)


def _snapshot(task: Task) -> dict[str, str]:
    return {
        "title": task.title,
        "category": task.category,
        "due_date": str(task.due_date or ""),
        "assignee": str(task.assignee_user_id or ""),
        "done": str(task.done_at is not None),
    }


def add_task(session: Session, principal: Principal, wedding_id: Any, data: Mapping[str, Any]) -> Task:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    fields = parse_task_form(data, members=team_members(session, wedding.tenant_id), wedding=wedding)
    task = Task(
        tenant_id=wedding.tenant_id,
        wedding_id=wedding.id,
        title=fields.title,
        category=fields.category,
        due_date=fields.due_date,
        assignee_user_id=fields.assignee_user_id,
        notes=fields.notes,
        sort_order=10_000,  # after the template's tasks of the same day
    )
    session.add(task)
    session.flush()
    audit.record(session, principal, "task.create", tenant_id=wedding.tenant_id, obj=task, after=_snapshot(task))
    return task


def _task(session: Session, principal: Principal, wedding: Wedding, task_id: Any) -> Task:
    return get_scoped(session, principal, Task, task_id, Task.wedding_id == wedding.id)


def update_task(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    task_id: Any,
    data: Mapping[str, Any],
    *,
    expected_version: int,
) -> Task:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    task = _task(session, principal, wedding, task_id)
    fields = parse_task_form(data, members=team_members(session, wedding.tenant_id), wedding=wedding)
    if task.version != expected_version:
        raise Conflict()
    before = _snapshot(task)
    task.title, task.category, task.due_date = fields.title, fields.category, fields.due_date
    task.assignee_user_id, task.notes = fields.assignee_user_id, fields.notes
    task.version += 1
    audit.record(
        session, principal, "task.update", tenant_id=wedding.tenant_id, obj=task, before=before, after=_snapshot(task)
    )
    return task


def set_done(
    session: Session, principal: Principal, wedding_id: Any, task_id: Any, done: bool, *, now: datetime | None = None
) -> Task:
    """Complete or reopen a task (idempotent: ticking a done task again changes nothing)."""
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    task = _task(session, principal, wedding, task_id)
    if (task.done_at is not None) == done:
        return task
    task.done_at = (now or utcnow()) if done else None
    task.version += 1
    audit.record(session, principal, "task.complete" if done else "task.reopen", tenant_id=wedding.tenant_id, obj=task)
    return task


def delete_task(session: Session, principal: Principal, wedding_id: Any, task_id: Any) -> None:
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_EDIT)
    task = _task(session, principal, wedding, task_id)
    audit.record(session, principal, "task.delete", tenant_id=wedding.tenant_id, obj=task, before=_snapshot(task))
    session.delete(task)


def shift_open_tasks(session: Session, wedding: Wedding, delta: timedelta) -> int:
    """The wedding date moved by `delta`: every task not done yet moves with it. Returns how many moved.

    Called by services.weddings.update_wedding inside its transaction (which already checked access).
    """
    if not delta:
        return 0
    tasks = session.exec(
        select(Task).where(Task.wedding_id == wedding.id, Task.done_at.is_(None), Task.due_date.is_not(None))
    ).all()
    for task in tasks:
        task.due_date = task.due_date + delta
        task.version += 1
    return len(tasks)


# ---- the page's data ------------------------------------------------------------------------


def _matches(task: Task, flt: str, category: str, *, me: uuid.UUID, today: date) -> bool:
    if category and task.category != category:
        return False
    if flt == "mine":
        return task.assignee_user_id == me
    if flt == "overdue":
        return task.done_at is None and task.due_date is not None and task.due_date < today
    if flt == "month":
        return task.due_date is not None and (task.due_date.year, task.due_date.month) == (today.year, today.month)
    if flt == "open":
        return task.done_at is None
    if flt == "done":
        return task.done_at is not None
    return True


def checklist_page(
    session: Session,
    principal: Principal,
    wedding_id: Any,
    *,
    today: date | None = None,
    lang: str,
    flt: str = "all",
    category: str = "",
) -> dict[str, Any]:
    """Everything the checklist page shows, formatted for `lang`, in three queries whatever the size."""
    if flt not in FILTERS:
        raise TamperedInput()
    wedding = load_wedding(session, principal, wedding_id, Permission.PLANNING_VIEW)
    today = today or datetime.now(ZoneInfo(wedding.timezone)).date()  # the wedding's local day
    tasks = session.exec(
        scoped(principal, Task, Task.wedding_id == wedding.id).order_by(
            Task.due_date.is_(None), Task.due_date, Task.sort_order, Task.created_at
        )
    ).all()
    members = team_members(session, wedding.tenant_id)
    names = {uid: name for uid, name in members}
    done = sum(1 for t in tasks if t.done_at is not None)
    overdue = sum(1 for t in tasks if t.done_at is None and t.due_date is not None and t.due_date < today)
    groups: dict[str, list[dict[str, Any]]] = {}
    for t in tasks:
        if not _matches(t, flt, category, me=principal.user_id, today=today):
            continue
        groups.setdefault(phase_of(t.due_date, wedding.wedding_date), []).append(
            {
                "id": str(t.id),
                "title": t.title,
                "category": t.category,
                "due": i18n.format_day(t.due_date, lang, "medium") if t.due_date else "",
                "due_iso": t.due_date.isoformat() if t.due_date else "",
                "overdue": t.done_at is None and t.due_date is not None and t.due_date < today,
                "done": t.done_at is not None,
                "assignee": names.get(t.assignee_user_id, "") if t.assignee_user_id else "",
                "assignee_id": str(t.assignee_user_id or ""),
                "notes": t.notes,
                "version": t.version,
            }
        )
    labels = dict((key, label) for key, label, _ in PHASES) | {ANYTIME[0]: ANYTIME[1]}
    ordered = [key for key, _l, _f in PHASES] + [ANYTIME[0]]
    total = len(tasks)
    return {
        "wedding_date": wedding.wedding_date,
        "can_edit": can(principal, Permission.PLANNING_EDIT, wedding.tenant_id),
        "groups": [
            {
                "key": key,
                "label": i18n.gettext(lang, labels[key]),
                "count": i18n.format_number(len(groups[key]), lang),
                "tasks": groups[key],
            }
            for key in ordered
            if key in groups
        ],
        "shown": sum(len(g) for g in groups.values()),
        "total": total,
        "done": done,
        "overdue": overdue,
        "percent": round(100 * done / total) if total else 0,
        "progress_label": i18n.gettext(
            lang, "{done} of {total} done", done=i18n.format_number(done, lang), total=i18n.format_number(total, lang)
        ),
        "categories": sorted({t.category for t in tasks if t.category}, key=str.casefold),
        "members": [{"id": str(uid), "name": name} for uid, name in members],
    }
