"""The Reflex app: pages and the HTTP API mounted beside it."""

from __future__ import annotations

import reflex as rx

from attitudes_app.api.routes import build_api
from attitudes_app.pages import admin, auth, dashboard, public, team, weddings
from attitudes_app.pages import budget as budget_pages
from attitudes_app.pages import checkin as checkin_pages
from attitudes_app.pages import checklist as checklist_pages
from attitudes_app.pages import guest_import as guest_import_pages
from attitudes_app.pages import guests as guest_pages
from attitudes_app.pages import rsvp as rsvp_pages
from attitudes_app.pages import timeline as timeline_pages
from services.logging import configure_logging

configure_logging()

app = rx.App(
    stylesheets=["/attitudes.css", "/guests.css", "/checkin.css", "/rsvp.css"],
    html_lang="en",
    head_components=[rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml")],
    api_transformer=build_api(),
)


def _title(name: str) -> str:
    return f"{name} · Attitudes.vip"


app.add_page(public.landing, route="/", title="Attitudes.vip · Wedding planning, together")
app.add_page(auth.login_page, route="/login", title=_title("Log in"))
app.add_page(auth.signup_page, route="/signup", title=_title("Sign up"))
app.add_page(auth.forgot_page, route="/forgot", title=_title("Reset your password"))
app.add_page(auth.reset_page, route="/reset/[token]", title=_title("New password"))
app.add_page(weddings.weddings_page, route="/weddings", title=_title("My weddings"), on_load=weddings.ON_LOAD_WEDDINGS)
app.add_page(
    weddings.onboarding_page, route="/onboarding", title=_title("New wedding"), on_load=weddings.ON_LOAD_ONBOARDING
)
app.add_page(dashboard.dashboard_page, route="/w/[wedding_id]", title=_title("Dashboard"), on_load=dashboard.ON_LOAD)
app.add_page(
    weddings.settings_page,
    route="/w/[wedding_id]/settings",
    title=_title("Wedding details"),
    on_load=weddings.ON_LOAD_SETTINGS,
)
app.add_page(team.team_page, route="/w/[wedding_id]/team", title=_title("Team"), on_load=team.ON_LOAD_TEAM)
app.add_page(team.invite_page, route="/invite/[token]", title=_title("Invitation"), on_load=team.ON_LOAD_INVITE)
app.add_page(admin.outbox_page, route="/admin/outbox", title=_title("Outbox"), on_load=admin.ON_LOAD)
app.add_page(  # Planning: checklist and day-of timeline
    checklist_pages.checklist_page,
    route="/w/[wedding_id]/checklist",
    title=_title("Checklist"),
    on_load=checklist_pages.ON_LOAD,
)
app.add_page(
    timeline_pages.timeline_page, route="/w/[wedding_id]/timeline", title=_title("Timeline"), on_load=timeline_pages.ON_LOAD
)
app.add_page(
    timeline_pages.shared_timeline_page,
    route="/timeline/[token]",
    title=_title("Wedding day timeline"),
    on_load=timeline_pages.ON_LOAD_SHARED,
)
app.add_page(  # Planning: budget
    budget_pages.budget_page, route="/w/[wedding_id]/budget", title=_title("Budget"), on_load=budget_pages.ON_LOAD
)
app.add_page(  # Guests: the list and the import
    guest_pages.guests_page, route="/w/[wedding_id]/guests", title=_title("Guests"), on_load=guest_pages.ON_LOAD
)
app.add_page(
    guest_import_pages.import_page,
    route="/w/[wedding_id]/guests/import",
    title=_title("Import guests"),
    on_load=guest_import_pages.ON_LOAD,
)
app.add_page(  # Guests: check-in on the day
    checkin_pages.checkin_page,
    route="/w/[wedding_id]/checkin",
    title=_title("Check-in"),
    on_load=checkin_pages.ON_LOAD,
)
app.add_page(  # Guests' RSVP: the private link and find-your-invitation (public, token or wedding id in the URL)
    rsvp_pages.rsvp_page, route="/rsvp/[token]", title=_title("Your invitation"), on_load=rsvp_pages.ON_LOAD_RSVP
)
app.add_page(
    rsvp_pages.find_page,
    route="/rsvp/find/[wedding_id]",
    title=_title("Find your invitation"),
    on_load=rsvp_pages.ON_LOAD_FIND,
)
