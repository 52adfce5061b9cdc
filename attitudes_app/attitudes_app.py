"""The Reflex app: pages and the HTTP API mounted beside it."""

from __future__ import annotations

import reflex as rx

from attitudes_app.api.routes import build_api
from attitudes_app.pages import admin, auth, dashboard, public, team, weddings
from attitudes_app.pages import bookings as booking_pages
from attitudes_app.pages import budget as budget_pages
from attitudes_app.pages import checkin as checkin_pages
from attitudes_app.pages import checklist as checklist_pages
from attitudes_app.pages import contracts as contract_pages
from attitudes_app.pages import guest_import as guest_import_pages
from attitudes_app.pages import guests as guest_pages
from attitudes_app.pages import marketplace as marketplace_pages
from attitudes_app.pages import rsvp as rsvp_pages
from attitudes_app.pages import seating as seating_pages
from attitudes_app.pages import timeline as timeline_pages
from attitudes_app.pages import vendor_calendar as vendor_calendar_pages
from attitudes_app.pages import vendor_profile as vendor_profile_pages
from attitudes_app.pages import vendor_team as vendor_team_pages
from services import vendor_cities
from services.logging import configure_logging
from state.auth import LoginState, SignupState

configure_logging()
vendor_cities.warm_up()  # the city typeahead's gazetteer, loaded in the background so no first search waits

app = rx.App(
    stylesheets=["/attitudes.css", "/guests.css", "/checkin.css", "/rsvp.css", "/seating/seating.css"],
    html_lang="en",
    head_components=[rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml")],
    api_transformer=build_api(),
)


def _title(name: str) -> str:
    return f"{name} · Attitudes.vip"


app.add_page(public.landing, route="/", title="Attitudes.vip · Wedding planning, together")
app.add_page(auth.login_page, route="/login", title=_title("Log in"), on_load=LoginState.clear)
app.add_page(auth.signup_page, route="/signup", title=_title("Sign up"), on_load=SignupState.clear)
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
for _page, _route, _name, _on_load in (  # Vendors: contracts, the admin review queue, signing
    (contract_pages.vendor_contracts_page, "/vendor/contracts", "Contracts", contract_pages.ON_LOAD_VENDOR_LIST),
    (contract_pages.vendor_contract_page, "/vendor/contracts/[contract_id]", "Contract", contract_pages.ON_LOAD_VENDOR),
    (contract_pages.admin_queue_page, "/admin/contracts", "Contract review", contract_pages.ON_LOAD_ADMIN_QUEUE),
    (
        contract_pages.admin_contract_page,
        "/admin/contracts/[contract_id]",
        "Contract review",
        contract_pages.ON_LOAD_ADMIN,
    ),
    (
        contract_pages.couple_contracts_page,
        "/w/[wedding_id]/contracts",
        "Contracts",
        contract_pages.ON_LOAD_COUPLE_LIST,
    ),
    (
        contract_pages.couple_contract_page,
        "/w/[wedding_id]/contracts/[contract_id]",
        "Contract",
        contract_pages.ON_LOAD_COUPLE,
    ),
):
    app.add_page(_page, route=_route, title=_title(_name), on_load=_on_load)
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
app.add_page(  # Seating: the plans (one per event) and the canvas of one plan
    seating_pages.seating_list_page,
    route="/w/[wedding_id]/seating",
    title=_title("Seating"),
    on_load=seating_pages.ON_LOAD_LIST,
)
app.add_page(
    seating_pages.seating_plan_page,
    route="/w/[wedding_id]/seating/[plan_event]",
    title=_title("Seating plan"),
    on_load=seating_pages.ON_LOAD_PLAN,
)
for _page, _route, _name, _on_load in (  # Vendors: the vendor area, the marketplace, shortlist and comparison
    (vendor_profile_pages.vendor_profile_page, "/vendor", "Vendor profile", vendor_profile_pages.ON_LOAD),
    (vendor_calendar_pages.vendor_calendar_page, "/vendor/calendar", "Calendar", vendor_calendar_pages.ON_LOAD),
    (vendor_team_pages.vendor_team_page, "/vendor/team", "Vendor team", vendor_team_pages.ON_LOAD),
    (marketplace_pages.marketplace_page, "/w/[wedding_id]/vendors", "Vendors", marketplace_pages.ON_LOAD_MARKET),
    (
        marketplace_pages.compare_page,
        "/w/[wedding_id]/vendors/compare",
        "Compare vendors",
        marketplace_pages.ON_LOAD_COMPARE,
    ),
    (
        marketplace_pages.vendor_detail_page,
        "/w/[wedding_id]/vendors/[vendor_id]",
        "Vendor",
        marketplace_pages.ON_LOAD_DETAIL,
    ),
):
    app.add_page(_page, route=_route, title=_title(_name), on_load=_on_load)
for _page, _route, _name, _on_load in (  # Vendors: quotes, bookings, messages, reviews
    (booking_pages.bookings_page, "/w/[wedding_id]/bookings", "Bookings", booking_pages.ON_LOAD),
    (
        booking_pages.vendor_requests_page,
        "/vendor/requests",
        "Requests and bookings",
        booking_pages.ON_LOAD_VENDOR_REQUESTS,
    ),
    (booking_pages.vendor_messages_page, "/vendor/messages", "Messages", booking_pages.ON_LOAD_VENDOR_MESSAGES),
    (booking_pages.admin_reviews_page, "/admin/reviews", "Reviews", booking_pages.ON_LOAD_ADMIN),
):
    app.add_page(_page, route=_route, title=_title(_name), on_load=_on_load)
