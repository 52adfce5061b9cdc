"""Log-in, sign-up and password reset pages."""

from __future__ import annotations

import reflex as rx

from components.forms import field, form_error, submit_button
from components.i18n import T
from components.shell import public_layout
from state.auth import ForgotState, LoginState, ResetState, SignupState


def _card(title: str, subtitle: str, *children: rx.Component) -> rx.Component:
    return public_layout(
        rx.box(
            rx.card(
                rx.vstack(
                    rx.heading(T(title), size="7", as_="h1"),
                    rx.text(T(subtitle), color_scheme="gray", size="3"),
                    *children,
                    spacing="4",
                    width="100%",
                ),
                size="4",
                width="100%",
            ),
            class_name="auth-card",
            padding_x="16px",
        )
    )


def login_page() -> rx.Component:
    params = rx.State.router.url.query_parameters
    return _card(
        "Welcome back",
        "Log in to your weddings.",
        rx.cond(
            params["expired"].to(str) == "1",
            rx.callout(T("Your log-in link expired. Please log in again."), icon="info", color_scheme="amber"),
            rx.fragment(),
        ),
        rx.cond(
            params["bye"].to(str) == "1",
            rx.callout(T("You are logged out. See you soon!"), icon="check", color_scheme="green"),
            rx.fragment(),
        ),
        form_error(LoginState.form_error),
        rx.form(
            rx.vstack(
                field("email", "Email", LoginState.errors, type="email", autocomplete="email", required=True),
                field(
                    "password",
                    "Password",
                    LoginState.errors,
                    type="password",
                    autocomplete="current-password",
                    required=True,
                ),
                submit_button("Log in", LoginState.busy, id="login-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=LoginState.submit,
            width="100%",
        ),
        rx.hstack(
            rx.link(T("Forgot your password?"), href="/forgot", size="2"),
            rx.spacer(),
            rx.link(T("Create an account"), href="/signup", size="2"),
            width="100%",
        ),
    )


def signup_page() -> rx.Component:
    return _card(
        "Create your account",
        "Free for couples. Planners: choose a planning agency account.",
        form_error(SignupState.form_error),
        rx.form(
            rx.vstack(
                field("display_name", "Your name", SignupState.errors, autocomplete="name", required=True),
                field("email", "Email", SignupState.errors, type="email", autocomplete="email", required=True),
                field(
                    "password",
                    "Password",
                    SignupState.errors,
                    type="password",
                    autocomplete="new-password",
                    required=True,
                    hint="At least 10 characters. A short sentence is easy to remember.",
                ),
                rx.el.fieldset(
                    rx.el.legend(T("Account type"), class_name="field-label"),
                    rx.radio_group.root(
                        rx.hstack(
                            rx.el.label(
                                rx.radio_group.item(value="couple"), T("We are a couple"), class_name="radio-label"
                            ),
                            rx.el.label(
                                rx.radio_group.item(value="agency"), T("Planning agency"), class_name="radio-label"
                            ),
                            rx.el.label(
                                rx.radio_group.item(value="vendor"), T("Vendor business"), class_name="radio-label"
                            ),
                            spacing="4",
                            wrap="wrap",
                        ),
                        name="tenant_kind",
                        default_value="couple",
                    ),
                    style={"border": "none", "padding": 0, "margin": 0},
                ),
                field(
                    "tenant_name", "Agency or business name (optional)", SignupState.errors, autocomplete="organization"
                ),
                submit_button("Create account", SignupState.busy, id="signup-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=SignupState.submit,
            width="100%",
        ),
        rx.text(T("Already have an account?"), " ", rx.link(T("Log in"), href="/login", underline="always"), size="2"),
    )


def forgot_page() -> rx.Component:
    return _card(
        "Reset your password",
        "We will email you a link to choose a new password.",
        rx.cond(
            ForgotState.sent,
            rx.callout(
                T("If an account exists for this address, a reset link is on its way. It works for one hour."),
                icon="mail",
                color_scheme="green",
            ),
            rx.form(
                rx.vstack(
                    form_error(ForgotState.form_error),
                    field("email", "Email", ForgotState.errors, type="email", autocomplete="email", required=True),
                    rx.button(T("Send the link"), type="submit", size="3", width="100%"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=ForgotState.submit,
                width="100%",
            ),
        ),
        rx.link(T("Back to log in"), href="/login", size="2"),
    )


def reset_page() -> rx.Component:
    return _card(
        "Choose a new password",
        "You will be logged in on this device and out everywhere else.",
        form_error(ResetState.form_error),
        rx.form(
            rx.vstack(
                field(
                    "password",
                    "New password",
                    ResetState.errors,
                    type="password",
                    autocomplete="new-password",
                    required=True,
                ),
                field(
                    "confirm",
                    "Repeat the new password",
                    ResetState.errors,
                    type="password",
                    autocomplete="new-password",
                    required=True,
                ),
                rx.button(T("Save and log in"), type="submit", size="3", width="100%"),
                spacing="3",
                width="100%",
            ),
            on_submit=ResetState.submit,
            width="100%",
        ),
    )
