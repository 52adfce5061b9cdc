"""The Reflex app: pages and the HTTP API mounted beside it."""

from __future__ import annotations

import reflex as rx

from attitudes_app.api.routes import build_api
from attitudes_app.pages import admin, auth, dashboard, public, team, weddings
from services.logging import configure_logging

configure_logging()

app = rx.App(
    stylesheets=["/attitudes.css"],
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
