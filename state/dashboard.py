"""The wedding dashboard: every number formatted on the server for the viewer's locale."""

from __future__ import annotations

from typing import Any

import reflex as rx

from models.base import utcnow
from services import i18n
from services.dashboard import Dashboard, wedding_dashboard
from services.errors import DomainError
from state.base import authenticated, call, current_principal, route_param, wedding_today
from state.i18n import viewer_lang


def _percent(part: int, whole: int) -> int:
    return max(0, min(100, round(100 * part / whole))) if whole else 0


def _view(d: Dashboard, lang: str) -> dict[str, Any]:
    money = lambda minor: i18n.format_money(minor, d.currency, lang)  # noqa: E731
    num = lambda n: i18n.format_number(n, lang)  # noqa: E731
    if d.days_to_go > 0:
        countdown = i18n.ngettext(lang, "{n} day to go", "{n} days to go", d.days_to_go)
    elif d.days_to_go == 0:
        countdown = i18n.gettext(lang, "Today is the day!")
    else:
        countdown = i18n.ngettext(lang, "Married {n} day ago", "Married {n} days ago", -d.days_to_go)
    remaining = d.budget_total_minor - d.budget_committed_minor
    return {
        "couple": f"{d.partner_a} & {d.partner_b}",
        "date": i18n.format_day(d.wedding_date, lang, "full"),
        "venue": d.venue_name,
        "countdown": countdown,
        "days_to_go": num(max(d.days_to_go, 0)),
        "invited": num(d.guests_invited),
        "attending": num(d.guests_attending),
        "declined": num(d.guests_declined),
        "pending": num(d.guests_pending),
        "has_guests": d.guests_invited > 0,
        "expected": i18n.gettext(lang, "{n} expected", n=num(d.expected_guests)),
        "attending_pct": _percent(d.guests_attending, d.guests_invited),
        "responded_pct": _percent(d.guests_attending + d.guests_declined, d.guests_invited),
        "budget_total": money(d.budget_total_minor),
        "budget_committed": money(d.budget_committed_minor),
        "budget_paid": money(d.budget_paid_minor),
        "budget_remaining": money(abs(remaining)),
        "over_budget": remaining < 0,
        "has_budget": d.budget_total_minor > 0 or d.budget_committed_minor > 0,
        "committed_pct": _percent(d.budget_committed_minor, d.budget_total_minor),
        "tasks_open": num(d.tasks_open),
        "tasks_done": num(d.tasks_done),
        "tasks_pct": _percent(d.tasks_done, d.tasks_open + d.tasks_done),
        "vendors": i18n.gettext(
            lang, "{booked} of {total} booked", booked=num(d.vendors_booked), total=num(d.vendors_total)
        ),
        "has_vendors": d.vendors_total > 0,
    }


class DashboardState(rx.State):
    view: dict[str, Any] = {}
    tasks_due: list[dict[str, Any]] = []
    timeline_next: list[dict[str, Any]] = []
    loaded: bool = False
    not_found: bool = False

    @authenticated
    async def load(self):
        principal, lang = current_principal(), await viewer_lang(self)
        wedding_id = route_param(self, "wedding_id")
        self.not_found = False
        try:
            # "Today" is the wedding's local day; the service reloads the wedding to check access first.
            data: Dashboard = await call(wedding_dashboard, principal, wedding_id, today=utcnow().date(), now=utcnow())
            if (local_today := wedding_today(data.timezone)) != utcnow().date():
                data = await call(wedding_dashboard, principal, wedding_id, today=local_today, now=utcnow())
        except DomainError:
            self.not_found, self.loaded = True, True
            return
        self.view = _view(data, lang)
        self.tasks_due = [
            {"title": t["title"], "due": i18n.format_day(t["due_date"], lang, "medium"), "overdue": t["overdue"]}
            for t in data.tasks_due
        ]
        self.timeline_next = [
            {
                "title": i["title"],
                "when": i18n.format_moment(i["starts_at"], lang, data.timezone, "medium"),
                "location": i["location"],
            }
            for i in data.timeline_next
        ]
        self.loaded = True
