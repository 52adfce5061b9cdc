"""Wedding templates: events, budget split, checklist and a draft timeline, applied when a wedding is created.

The data lives in JSON files beside this module; every text in them is an English msgid (listed
in messages.py for extraction) rendered in the wedding's language when the rows are created.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from models.planning import BudgetCategory, Task, TimelineItem
from models.weddings import Wedding, WeddingEvent
from services import audit, i18n
from services.authz import Principal
from services.errors import TamperedInput

DATA_DIR = Path(__file__).resolve().parent
TEMPLATE_KEYS = ("classic", "intimate", "destination", "large")
DEFAULT_TEMPLATE = "classic"


@dataclass(frozen=True)
class TemplateTask:
    title: str
    category: str
    days_before: int  # negative: after the wedding


@lru_cache(maxsize=1)
def base_checklist() -> tuple[TemplateTask, ...]:
    rows = json.loads((DATA_DIR / "checklist.json").read_text(encoding="utf-8"))
    return tuple(TemplateTask(r["title"], r["category"], int(r["days_before"])) for r in rows)


@lru_cache(maxsize=len(TEMPLATE_KEYS))
def template(key: str) -> dict[str, Any]:
    if key not in TEMPLATE_KEYS:
        raise TamperedInput()
    return json.loads((DATA_DIR / f"{key}.json").read_text(encoding="utf-8"))


def template_tasks(key: str) -> list[TemplateTask]:
    """The checklist of a template: the shared list minus what it skips, plus its own tasks, by due order."""
    data = template(key)
    skip = set(data["checklist"]["skip"])
    tasks = [t for t in base_checklist() if t.title not in skip]
    tasks += [TemplateTask(t["title"], t["category"], int(t["days_before"])) for t in data["checklist"]["extra"]]
    return sorted(tasks, key=lambda t: -t.days_before)


def template_cards(lang: str) -> list[dict[str, str]]:
    """The choices on the onboarding form, in the viewer's language."""
    cards = []
    for key in TEMPLATE_KEYS:
        data = template(key)
        cards.append(
            {
                "key": key,
                "name": i18n.gettext(lang, data["name"]),
                "description": i18n.gettext(lang, data["description"]),
                "events": ", ".join(i18n.gettext(lang, e["name"]) for e in data["events"]),
                "tasks": i18n.ngettext(lang, "{n} task", "{n} tasks", len(template_tasks(key))),
            }
        )
    return cards


def relative_due(wedding_date: date, days_before: int, today: date) -> date:
    """Due date of a template task: `days_before` the wedding, never in the past.

    Tasks whose natural date has already passed (a wedding planned in less than a year) are due
    today, so the couple sees them as the first things to catch up on, in the template's order.
    """
    due = wedding_date - timedelta(days=days_before)
    return max(due, today)


def split_budget(total_minor: int, shares: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Planned amount per category from percentages; the rounding remainder goes to the last one."""
    amounts = [(name, total_minor * pct // 100) for name, pct in shares]
    if amounts:
        name, amount = amounts[-1]
        amounts[-1] = (name, amount + total_minor - sum(a for _, a in amounts))
    return amounts


def _local(wedding: Wedding, day: int, hhmm: str) -> datetime:
    hh, mm = (int(x) for x in hhmm.split(":"))
    moment = datetime.combine(wedding.wedding_date + timedelta(days=day), time(hh, mm), ZoneInfo(wedding.timezone))
    return moment.astimezone(UTC)


def apply_template(session: Session, principal: Principal, wedding: Wedding, key: str, *, today: date) -> dict:
    """Create the template's events, budget categories, checklist and draft timeline for a new wedding."""
    data = template(key)
    lang = wedding.locale
    tr = lambda text: i18n.gettext(lang, text) if text else ""  # noqa: E731
    t, wid = wedding.tenant_id, wedding.id
    events: dict[str, WeddingEvent] = {}
    for e in data["events"]:
        event = WeddingEvent(
            tenant_id=t,
            wedding_id=wid,
            name=tr(e["name"]),
            kind=e["kind"],
            starts_at=_local(wedding, e["day"], e["time"]),
            location=wedding.venue_name if e.get("at_venue") else "",
        )
        events[e["name"]] = event
        session.add(event)
    for name, planned in split_budget(wedding.budget_total_minor, [(n, int(p)) for n, p in data["budget"]]):
        session.add(BudgetCategory(tenant_id=t, wedding_id=wid, name=tr(name), planned_minor=planned))
    tasks = template_tasks(key)
    for order, task in enumerate(tasks):
        session.add(
            Task(
                tenant_id=t,
                wedding_id=wid,
                title=tr(task.title),
                category=tr(task.category),
                due_date=relative_due(wedding.wedding_date, task.days_before, today),
                sort_order=order,
            )
        )
    session.flush()  # the events get their ids
    for item in data["timeline"]:
        event = events[item["event"]]
        session.add(
            TimelineItem(
                tenant_id=t,
                wedding_id=wid,
                event_id=event.id,
                title=tr(item["title"]),
                starts_at=_local(wedding, item["day"], item["time"]),
                duration_minutes=int(item["minutes"]),
                location=event.location,
                people=tr(item.get("people", "")),
                vendors=tr(item.get("vendors", "")),
            )
        )
    summary = {
        "template": key,
        "events": len(events),
        "budget_categories": len(data["budget"]),
        "tasks": len(tasks),
        "timeline_items": len(data["timeline"]),
    }
    audit.record(session, principal, "wedding.template", tenant_id=t, obj=wedding, after=summary)
    return summary
