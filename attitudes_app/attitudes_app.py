"""The Reflex app: pages, theme, and the HTTP API mounted beside it."""

from __future__ import annotations

import reflex as rx

from attitudes_app.api.routes import build_api
from attitudes_app.pages import auth, public
from services.logging import configure_logging

configure_logging()

app = rx.App(
    stylesheets=["/attitudes.css"],
    html_lang="en",
    api_transformer=build_api(),
)

app.add_page(public.landing, route="/", title="Attitudes.vip · Wedding planning, together")
app.add_page(auth.login_page, route="/login", title="Log in · Attitudes.vip")
app.add_page(auth.signup_page, route="/signup", title="Sign up · Attitudes.vip")
app.add_page(auth.forgot_page, route="/forgot", title="Reset your password · Attitudes.vip")
app.add_page(auth.reset_page, route="/reset/[token]", title="New password · Attitudes.vip")
