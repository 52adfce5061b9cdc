"""My weddings, onboarding a new wedding, and the wedding settings page."""

from __future__ import annotations

import reflex as rx

from components.cards import not_found_card, section
from components.forms import field, form_error
from components.i18n import T
from components.shell import app_layout, empty_state, page_loading
from components.templates import template_picker
from components.wedding_form import GUESS_TIMEZONE, hint, wedding_fields
from state.i18n import LangState
from state.shell import ShellState
from state.weddings import OnboardingState, WeddingSettingsState, WeddingsState


def _wedding_card(card: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(card["couple"].to(str), size="5", as_="h2"),
                rx.spacer(),
                rx.badge(card["role"].to(str), variant="soft"),
                width="100%",
            ),
            rx.text(card["date"].to(str), color_scheme="gray"),
            rx.text(card["venue"].to(str), size="2", color_scheme="gray"),
            rx.cond(
                card["deleted"].to(bool),
                rx.hstack(
                    rx.badge(T("Deleted"), color_scheme="red"),
                    rx.text(T("Can be restored for 30 days."), size="2", color_scheme="gray"),
                    rx.spacer(),
                    rx.button(
                        T("Restore"), on_click=WeddingsState.restore(card["id"].to(str)), variant="soft", size="2"
                    ),
                    width="100%",
                    align="center",
                ),
                rx.link(rx.button(T("Open dashboard"), size="2"), href="/w/" + card["id"].to(str)),
            ),
            spacing="2",
            width="100%",
        ),
        size="3",
        width="100%",
    )


def weddings_page() -> rx.Component:
    return app_layout(
        rx.vstack(
            rx.hstack(
                rx.spacer(),
                rx.link(rx.button(rx.icon("plus", size=16, aria_hidden="true"), T("New wedding")), href="/onboarding"),
                width="100%",
            ),
            rx.cond(WeddingsState.message != "", rx.callout(WeddingsState.message, icon="info"), rx.fragment()),
            rx.cond(
                ~WeddingsState.loaded,
                page_loading(),
                rx.cond(
                    WeddingsState.cards.length() == 0,
                    empty_state(
                        "heart",
                        "No wedding yet",
                        "Create your wedding to get your dashboard, budget and guest list.",
                        rx.link(rx.button(T("Create your wedding"), size="3"), href="/onboarding"),
                    ),
                    rx.grid(
                        rx.foreach(WeddingsState.cards, _wedding_card),
                        columns=rx.breakpoints(initial="1", md="2"),
                        spacing="4",
                        width="100%",
                    ),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        title="My weddings",
        wedding_nav=False,
    )


def onboarding_page() -> rx.Component:
    return app_layout(
        rx.box(
            rx.card(
                rx.vstack(
                    rx.heading(T("Tell us about your wedding"), size="6", as_="h2"),
                    hint("You can change all of this later."),
                    form_error(OnboardingState.form_error),
                    rx.form(
                        rx.vstack(
                            wedding_fields(OnboardingState.errors, {"locale": LangState.active_lang}),
                            template_picker(),
                            rx.button(
                                T("Create the wedding"),
                                type="submit",
                                size="3",
                                loading=OnboardingState.busy,
                                id="onboarding-submit",
                            ),
                            spacing="4",
                            width="100%",
                        ),
                        on_submit=OnboardingState.submit,
                        width="100%",
                    ),
                    spacing="4",
                    width="100%",
                ),
                size="4",
            ),
            max_width="760px",
            on_mount=GUESS_TIMEZONE,
        ),
        title="New wedding",
        wedding_nav=False,
    )


def _delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(T("Delete this wedding"), color_scheme="red", variant="soft", id="delete-open")
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(T("Delete this wedding?")),
            rx.alert_dialog.description(
                T(
                    "The wedding and everything in it will be hidden. An owner can restore it for 30 days. To confirm, type the couple's names:"
                ),
            ),
            rx.text(WeddingSettingsState.couple, weight="bold", margin_y="8px"),
            rx.form(
                rx.vstack(
                    field(
                        "confirmation",
                        "Couple's names",
                        rx.Var.create({"confirmation": WeddingSettingsState.delete_error}),
                        autocomplete="off",
                    ),
                    rx.hstack(
                        rx.alert_dialog.cancel(
                            rx.button(T("Cancel"), variant="soft", color_scheme="gray", type="button")
                        ),
                        rx.button(T("Delete"), color_scheme="red", type="submit", id="delete-confirm"),
                        justify="end",
                        spacing="3",
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=WeddingSettingsState.delete,
            ),
        ),
        open=WeddingSettingsState.delete_open,
        on_open_change=WeddingSettingsState.toggle_delete,
    )


def settings_page() -> rx.Component:
    s = WeddingSettingsState
    return app_layout(
        rx.cond(
            s.not_found,
            not_found_card(),
            rx.vstack(
                section(
                    "Wedding details",
                    form_error(s.form_error),
                    rx.cond(
                        s.saved_message != "",
                        rx.callout(s.saved_message, icon="check", color_scheme="green"),
                        rx.fragment(),
                    ),
                    rx.form(
                        rx.vstack(
                            rx.el.fieldset(
                                wedding_fields(s.errors, s.values),
                                disabled=~s.can_edit,
                                style={"border": "none", "padding": 0, "margin": 0, "width": "100%"},
                            ),
                            rx.cond(
                                s.can_edit,
                                rx.button(T("Save changes"), type="submit", size="3", id="settings-save"),
                                rx.text(
                                    T("Your role can view these details but not change them."),
                                    size="2",
                                    color_scheme="gray",
                                ),
                            ),
                            spacing="4",
                            width="100%",
                        ),
                        on_submit=s.save,
                        key=s.version.to(str),
                        width="100%",
                    ),
                ),
                rx.cond(
                    s.can_delete,
                    section(
                        "Danger zone",
                        rx.text(
                            T("Deleting hides the wedding from everyone. An owner can restore it for 30 days."),
                            size="2",
                            color_scheme="gray",
                        ),
                        _delete_dialog(),
                    ),
                    rx.fragment(),
                ),
                spacing="4",
                width="100%",
                max_width="860px",
            ),
        ),
        title="Wedding details",
    )


ON_LOAD_SETTINGS = [ShellState.enter("settings"), WeddingSettingsState.load]
ON_LOAD_WEDDINGS = [ShellState.enter("weddings"), WeddingsState.load]
ON_LOAD_ONBOARDING = [ShellState.enter("onboarding")]
