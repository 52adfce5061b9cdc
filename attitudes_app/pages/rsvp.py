"""Guests' RSVP pages (/rsvp/[token], /rsvp/find/[wedding_id]) and the couple's invitation tools
shown on the guest page."""

from __future__ import annotations

import reflex as rx

from components.cards import section
from components.dialogs import confirm_dialog, form_dialog
from components.forms import field, form_error
from components.i18n import T
from components.shell import language_switcher, logo, page_loading
from services.config import get_settings
from state.rsvp import FindInvitationState, InvitationsState, RsvpState

R = RsvpState
F = FindInvitationState
V = InvitationsState


def _guest_layout(*children: rx.Component) -> rx.Component:
    """A light frame for guests: no account, so no log-in buttons; the language is switchable."""
    return rx.box(
        rx.el.header(
            rx.hstack(logo(), rx.spacer(), language_switcher(), align="center", spacing="3", class_name="container"),
            class_name="site-header",
            padding_y="12px",
        ),
        rx.el.main(
            rx.box(*children, max_width="680px", margin_x="auto", padding_x="16px", padding_y="24px", width="100%"),
            id="main",
        ),
        rx.el.footer(
            rx.text("Attitudes.vip · ", T("Self-hostable wedding planning"), size="1", color_scheme="gray"),
            class_name="container",
            padding_y="24px",
        ),
    )


def _problem_card(title: str, body: rx.Var | str, test_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.icon("link_2_off", size=32, color=rx.color("plum", 9), aria_hidden="true"),
            rx.heading(T(title), size="6", as_="h1"),
            rx.text(body, color_scheme="gray", text_align="center"),
            align="center",
            spacing="3",
            padding="16px",
        ),
        width="100%",
        data_testid=test_id,
    )


def _hero() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(T("You are invited to the wedding of"), size="2", color_scheme="gray", weight="medium"),
            rx.heading(R.couple, size="8", as_="h1", data_testid="rsvp-couple"),
            rx.hstack(
                rx.icon("calendar_heart", size=16, aria_hidden="true", color=rx.color("plum", 10)),
                rx.text(R.date, size="3", data_testid="rsvp-date"),
                align="center",
                spacing="2",
            ),
            rx.cond(R.venue != "", rx.text(R.venue, size="3", color_scheme="gray"), rx.fragment()),
            rx.separator(size="4"),
            rx.text(
                T("Invitation for"),
                " ",
                rx.text.span(R.household, weight="bold"),
                size="3",
                data_testid="rsvp-household",
            ),
            rx.cond(
                R.deadline != "",
                rx.text(T("Please answer by"), " ", R.deadline, size="2", color_scheme="gray"),
                rx.fragment(),
            ),
            spacing="2",
            align="center",
            text_align="center",
            width="100%",
        ),
        size="3",
        width="100%",
        class_name="rsvp-hero",
    )


def _err(key: rx.Var) -> rx.Component:
    return rx.text(R.errors[key].to(str), size="2", color_scheme="red", role="alert")


def _meal_select(inv: rx.Var, label: str, name: rx.Var, chosen: rx.Var, test_id: str) -> rx.Component:
    """A meal choice among the event's meals (the guest's own, or their plus-one's); nothing when none are offered."""
    return rx.cond(
        inv["has_meals"].to(bool),
        rx.box(
            rx.el.label(
                rx.el.span(T(label), class_name="field-label"),
                rx.el.select(
                    rx.el.option(T("Choose a meal"), value=""),
                    rx.foreach(
                        inv["meals"].to(list[dict[str, str]]), lambda m: rx.el.option(m["name"], value=m["id"])
                    ),
                    name=name,
                    default_value=chosen,
                    class_name="native-select",
                    data_testid=test_id,
                ),
                class_name="field",
            ),
            _err(name),
            width="100%",
        ),
        rx.fragment(),
    )


def _invitation(member: rx.Var, inv: rx.Var) -> rx.Component:
    key = member["id"].to(str) + "__" + inv["event_id"].to(str)
    return rx.el.fieldset(
        rx.el.legend(
            rx.text(inv["event"].to(str), weight="bold", size="3"),
            class_name="rsvp-legend",
        ),
        rx.text(
            inv["when"].to(str),
            rx.cond(inv["location"].to(str) != "", rx.text.span(" · ", inv["location"].to(str)), rx.fragment()),
            size="2",
            color_scheme="gray",
        ),
        rx.hstack(
            rx.el.label(
                rx.el.input(
                    type="radio",
                    name="att__" + key,
                    value="yes",
                    default_checked=inv["yes"].to(bool),
                    class_name="rsvp-radio",
                ),
                T("Joyfully accepts"),
                class_name="rsvp-choice",
                data_testid="rsvp-yes",
            ),
            rx.el.label(
                rx.el.input(
                    type="radio",
                    name="att__" + key,
                    value="no",
                    default_checked=inv["no"].to(bool),
                    class_name="rsvp-radio",
                ),
                T("Regretfully declines"),
                class_name="rsvp-choice",
                data_testid="rsvp-no",
            ),
            spacing="2",
            wrap="wrap",
            width="100%",
        ),
        _err("att__" + key),
        _meal_select(inv, "Meal", "meal__" + key, inv["meal_id"].to(str), "rsvp-meal"),
        rx.cond(
            member["has_plus_one"].to(bool),
            rx.box(
                rx.el.label(
                    rx.el.input(type="checkbox", name="plus__" + key, default_checked=inv["plus_one"].to(bool)),
                    T("Bringing a plus-one"),
                    class_name="check-label",
                ),
                _err("plus__" + key),
                _meal_select(
                    inv, "Your plus-one's meal", "plusmeal__" + key, inv["plus_one_meal_id"].to(str), "rsvp-plus-meal"
                ),
            ),
            rx.fragment(),
        ),
        class_name="rsvp-event",
        data_testid="rsvp-event",
    )


def _member(member: rx.Var) -> rx.Component:
    mid = member["id"].to(str)
    diet = member["diet"].to(list[dict[str, str]])
    return rx.card(
        rx.vstack(
            rx.heading(member["name"].to(str), size="5", as_="h2"),
            rx.foreach(member["invitations"].to(list[dict[str, str]]), lambda inv: _invitation(member, inv)),
            rx.cond(
                member["has_plus_one"].to(bool),
                rx.box(
                    rx.el.label(
                        rx.el.span(T("Your plus-one's name"), class_name="field-label"),
                        rx.input(
                            name="plusname__" + mid,
                            default_value=member["plus_one_name"].to(str),
                            size="3",
                            width="100%",
                            max_length=200,
                        ),
                        class_name="field",
                    ),
                    _err("plusname__" + mid),
                    width="100%",
                ),
                rx.fragment(),
            ),
            rx.el.details(
                rx.el.summary(T("Dietary needs and allergies"), class_name="rsvp-summary"),
                rx.box(
                    rx.foreach(
                        diet,
                        lambda d: rx.el.label(
                            rx.el.input(
                                type="checkbox",
                                name="diet__" + mid + "__" + d["code"],
                                default_checked=d["checked"].to(bool),
                            ),
                            d["label"],
                            class_name="check-label rsvp-diet",
                        ),
                    ),
                    class_name="rsvp-diets",
                ),
                rx.el.label(
                    rx.el.span(T("Anything else the caterer should know"), class_name="field-label"),
                    rx.input(
                        name="notes__" + mid,
                        default_value=member["dietary_notes"].to(str),
                        size="3",
                        width="100%",
                        max_length=500,
                    ),
                    class_name="field",
                ),
                open=member["has_diet"].to(bool),
                class_name="rsvp-details",
            ),
            spacing="3",
            width="100%",
        ),
        size="3",
        width="100%",
        data_testid="rsvp-member",
    )


def _answer_form() -> rx.Component:
    return rx.form(
        rx.el.fieldset(
            rx.vstack(
                rx.foreach(R.members, _member),
                rx.card(
                    rx.vstack(
                        rx.heading(T("For the couple"), size="5", as_="h2"),
                        rx.el.label(
                            rx.el.span(T("A song that will get you dancing"), class_name="field-label"),
                            rx.input(name="song", default_value=R.song, size="3", width="100%", max_length=300),
                            class_name="field",
                            width="100%",
                        ),
                        rx.el.label(
                            rx.el.span(T("A message to the couple"), class_name="field-label"),
                            rx.text_area(
                                name="message", default_value=R.message, rows="4", width="100%", max_length=2000
                            ),
                            class_name="field",
                            width="100%",
                        ),
                        spacing="3",
                        width="100%",
                    ),
                    size="3",
                    width="100%",
                ),
                form_error(R.general),
                rx.cond(
                    R.is_open,
                    rx.button(
                        rx.cond(R.saving, rx.spinner(size="2"), rx.icon("send", size=18, aria_hidden="true")),
                        rx.cond(R.answered, T("Update our answer"), T("Send our answer")),
                        type="submit",
                        size="4",
                        width="100%",
                        disabled=R.saving,
                        id="rsvp-submit",
                    ),
                    rx.fragment(),
                ),
                spacing="4",
                width="100%",
            ),
            disabled=~R.is_open,
            class_name="rsvp-fieldset",
        ),
        on_submit=R.submit,
        width="100%",
    )


def _closed_notice() -> rx.Component:
    return rx.callout(
        rx.text(
            T("The RSVP deadline has passed, so your answers can no longer be changed here."),
            " ",
            rx.cond(
                R.contact != "",
                rx.text.span(
                    T("To change anything, write to the couple at"),
                    " ",
                    rx.link(R.contact, href="mailto:" + R.contact),
                    ".",
                ),
                rx.fragment(),
            ),
        ),
        icon="lock",
        color_scheme="amber",
        width="100%",
        data_testid="rsvp-closed",
    )


def _confirmation() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.icon("circle_check", size=40, color=rx.color("grass", 9), aria_hidden="true"),
            rx.heading(T("Thank you! Your answer is saved."), size="6", as_="h2", data_testid="rsvp-thanks"),
            rx.vstack(
                rx.foreach(R.lines, lambda line: rx.text(line, size="3")),
                spacing="1",
                data_testid="rsvp-summary",
                align="start",
            ),
            rx.text(
                T(
                    "If we have your email address, a confirmation is on its way. You can change your answer with this same link."
                ),
                size="2",
                color_scheme="gray",
                text_align="center",
            ),
            rx.button(T("Change my answer"), variant="soft", on_click=R.edit_again, id="rsvp-edit"),
            align="center",
            spacing="3",
            padding="16px",
        ),
        width="100%",
        data_testid="rsvp-confirmation",
    )


def rsvp_page() -> rx.Component:
    return _guest_layout(
        rx.cond(
            ~R.loaded,
            page_loading(),
            rx.cond(
                R.valid,
                rx.vstack(
                    _hero(),
                    rx.cond(
                        R.done,
                        _confirmation(),
                        rx.vstack(
                            rx.cond(R.is_open, rx.fragment(), _closed_notice()),
                            _answer_form(),
                            spacing="4",
                            width="100%",
                        ),
                    ),
                    spacing="4",
                    width="100%",
                ),
                _problem_card("Invitation", R.problem, "rsvp-invalid"),
            ),
        )
    )


# ---- find your invitation ------------------------------------------------------------------------


def _match_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T("Is this your invitation?"), size="5", as_="h2"),
            rx.text(F.household, weight="bold", size="4", data_testid="find-household"),
            rx.text(F.first_names, color_scheme="gray", data_testid="find-names"),
            rx.hstack(
                rx.button(T("Yes, that's us"), on_click=F.confirm, id="find-confirm", size="3"),
                rx.button(T("No, search again"), on_click=F.not_us, variant="soft", size="3"),
                spacing="2",
                wrap="wrap",
            ),
            spacing="3",
        ),
        width="100%",
        data_testid="find-match",
    )


def _find_outcome() -> rx.Component:
    return rx.match(
        F.outcome,
        (
            "none",
            rx.callout(
                T(
                    "We could not find that name. Try it as written on your invitation, or ask the couple for your link."
                ),
                icon="search_x",
                color_scheme="amber",
                data_testid="find-none",
            ),
        ),
        (
            "ambiguous",
            rx.callout(
                T("Several guests have that name. Add your last name, please."),
                icon="users",
                color_scheme="blue",
                data_testid="find-ambiguous",
            ),
        ),
        (
            "several",
            rx.callout(
                T(
                    "We found more than one invitation. Type your full name exactly as on the invitation, or ask the couple for your link."
                ),
                icon="users",
                color_scheme="amber",
                data_testid="find-several",
            ),
        ),
        ("match", _match_card()),
        rx.fragment(),
    )


def find_page() -> rx.Component:
    return _guest_layout(
        rx.cond(
            ~F.loaded,
            page_loading(),
            rx.cond(
                F.valid,
                rx.vstack(
                    rx.vstack(
                        rx.text(T("Find your invitation"), size="2", color_scheme="gray", weight="medium"),
                        rx.heading(F.couple, size="8", as_="h1"),
                        rx.text(F.date, size="3", color_scheme="gray"),
                        spacing="2",
                        align="center",
                        text_align="center",
                        width="100%",
                    ),
                    rx.card(
                        rx.form(
                            rx.vstack(
                                rx.text(
                                    T("Lost your link? Type your name as it appears on the invitation."),
                                    size="2",
                                    color_scheme="gray",
                                ),
                                field("name", "Your name", F.errors, autocomplete="given-name", required=True),
                                rx.cond(
                                    F.need_last_name,
                                    field("last_name", "Last name", F.errors, autocomplete="family-name"),
                                    rx.fragment(),
                                ),
                                form_error(F.general),
                                rx.button(
                                    rx.icon("search", size=16, aria_hidden="true"),
                                    T("Find my invitation"),
                                    type="submit",
                                    size="3",
                                    id="find-submit",
                                ),
                                spacing="3",
                                width="100%",
                            ),
                            on_submit=F.search,
                            width="100%",
                        ),
                        size="3",
                        width="100%",
                    ),
                    _find_outcome(),
                    spacing="4",
                    width="100%",
                ),
                _problem_card(
                    "Invitation", T("This page does not exist or you do not have access to it."), "find-invalid"
                ),
            ),
        )
    )


# ---- the couple's tools (on the guest page) --------------------------------------------------------


def _household_row(row: rx.Var) -> rx.Component:
    hid = row["id"].to(str)
    return rx.hstack(
        rx.vstack(
            rx.text(row["name"].to(str), weight="bold", size="2"),
            rx.text(row["members"].to(str), size="1", color_scheme="gray"),
            spacing="0",
            min_width="160px",
            flex="1",
        ),
        rx.hstack(
            rx.cond(
                row["answered"].to(bool),
                rx.badge(T("Answered"), color_scheme="green"),
                rx.badge(T("No answer yet"), color_scheme="amber"),
            ),
            rx.cond(row["has_link"].to(bool), rx.fragment(), rx.badge(T("No link yet"), color_scheme="gray")),
            rx.cond(
                row["sent"].to(str) != "",
                rx.text(row["sent"].to(str), size="1", color_scheme="gray"),
                rx.fragment(),
            ),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            V.can_edit,
            rx.hstack(
                rx.button(
                    rx.icon("qr_code", size=14, aria_hidden="true"),
                    T("Link & QR"),
                    size="1",
                    variant="soft",
                    on_click=V.show_link(hid),
                    class_name="household-link",
                ),
                rx.menu.root(
                    rx.menu.trigger(
                        rx.icon_button(
                            rx.icon("ellipsis", size=14),
                            size="1",
                            variant="ghost",
                            aria_label=T("More actions for").to(str) + " " + row["name"].to(str),
                        )
                    ),
                    rx.menu.content(
                        rx.menu.item(T("Rename"), on_click=V.ask_rename(hid)),
                        rx.menu.item(T("New link (the old one stops working)"), on_click=V.ask("regenerate", hid)),
                        rx.menu.item(T("Revoke the link"), color="red", on_click=V.ask("revoke", hid)),
                    ),
                ),
                spacing="1",
                align="center",
            ),
            rx.fragment(),
        ),
        width="100%",
        align="center",
        spacing="3",
        wrap="wrap",
        padding_y="8px",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        data_testid="household-row",
    )


def _settings_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.box(
                rx.el.label(
                    rx.el.span(T("RSVP deadline"), class_name="field-label"),
                    rx.input(type="date", name="rsvp_deadline", default_value=V.deadline, size="3"),
                    class_name="field",
                ),
                rx.text(V.errors["rsvp_deadline"].to(str), size="2", color_scheme="red", role="alert"),
            ),
            rx.box(
                field(
                    "rsvp_contact_email",
                    "Contact email for guests",
                    V.errors,
                    type="email",
                    default_value=V.contact,
                    placeholder=V.fallback_contact,
                ),
                min_width="240px",
                flex="1",
            ),
            rx.button(T("Save"), type="submit", size="3", variant="soft", id="rsvp-settings-save", margin_top="22px"),
            spacing="3",
            wrap="wrap",
            align="start",
            width="100%",
        ),
        on_submit=V.save_settings,
        width="100%",
        key=V.deadline + V.contact,
    )


def _link_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(T("Private invitation link")),
            rx.dialog.description(V.link_household, size="2", color_scheme="gray"),
            rx.vstack(
                rx.hstack(
                    rx.input(
                        value=V.link_url,
                        read_only=True,
                        width="100%",
                        aria_label=T("Link").to(str),
                        data_testid="link-url",
                    ),
                    rx.button(
                        rx.icon("copy", size=14, aria_hidden="true"), T("Copy"), on_click=V.copy_link, id="link-copy"
                    ),
                    width="100%",
                    spacing="2",
                ),
                rx.center(
                    rx.image(
                        src=V.link_qr, alt=T("QR code of the invitation link").to(str), width="220px", height="220px"
                    ),
                    width="100%",
                ),
                rx.text(
                    T("The QR code holds only this link. Anyone with it can answer for this household."),
                    size="1",
                    color_scheme="gray",
                ),
                rx.hstack(
                    rx.spacer(),
                    rx.dialog.close(rx.button(T("Close"), variant="soft")),
                    width="100%",
                ),
                spacing="3",
                margin_top="12px",
            ),
            max_width="460px",
        ),
        open=V.link_open,
        on_open_change=V.close_link,
    )


def _confirm_dialog() -> rx.Component:
    revoke = V.confirm_kind == "revoke"
    return confirm_dialog(
        rx.cond(revoke, T("Revoke this link?"), T("Make a new link?")),
        rx.fragment(
            V.confirm_household,
            ": ",
            rx.cond(
                revoke,
                T("the current link and its QR code stop working at once. You can make a new one later."),
                T("the current link and its QR code stop working; printed cards must be reprinted."),
            ),
        ),
        V.confirm_action,
        confirm_label=rx.cond(revoke, T("Revoke"), T("Make a new link")),
        open=V.confirm_kind != "",
        on_open_change=V.cancel_confirm,
        id="link-confirm",
    )


def _rename_dialog() -> rx.Component:
    return form_dialog(
        "Rename the household",
        "Guests see this name on their invitation and RSVP page.",
        [field("household_name", "Household name", V.rename_errors, default_value=V.rename_value, required=True)],
        rx.button(T("Save"), type="submit", id="rename-household-save"),
        V.rename,
        open=V.rename_household_id != "",
        on_open_change=V.cancel_rename,
        key=V.rename_key.to(str),
        max_width="460px",
    )


def _send_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(T("Send invitations")),
            rx.dialog.description(
                T("Each household gets its private link by email, in its own language."), size="2", color_scheme="gray"
            ),
            rx.vstack(
                rx.el.label(
                    rx.el.span(T("Email"), class_name="field-label"),
                    rx.el.select(
                        rx.el.option(T("Invitation"), value="invitation"),
                        rx.el.option(T("Reminder"), value="reminder"),
                        value=V.send_kind,
                        on_change=lambda v: V.choose_send("kind", v),
                        class_name="native-select",
                        disabled=V.sending,
                        data_testid="send-kind",
                    ),
                    class_name="field",
                ),
                rx.el.label(
                    rx.el.span(T("To"), class_name="field-label"),
                    rx.el.select(
                        rx.el.option(T("Every household with an email address"), value="all"),
                        rx.el.option(T("Only households that have not answered"), value="pending"),
                        value=V.send_audience,
                        on_change=lambda v: V.choose_send("audience", v),
                        class_name="native-select",
                        disabled=V.sending,
                        data_testid="send-audience",
                    ),
                    class_name="field",
                ),
                rx.callout(V.send_label, icon="mail", color_scheme="plum", data_testid="send-count"),
                rx.cond(
                    V.send_total > 0,
                    rx.vstack(
                        rx.progress(value=(V.send_done * 100 / V.send_total).to(int), width="100%"),
                        rx.text(V.send_progress, size="2", color_scheme="gray"),
                        width="100%",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    V.send_result != "",
                    rx.callout(V.send_result, icon="check", color_scheme="green", data_testid="send-result"),
                    rx.fragment(),
                ),
                rx.hstack(
                    rx.dialog.close(rx.button(T("Close"), variant="soft", color_scheme="gray", disabled=V.sending)),
                    rx.button(
                        rx.cond(V.sending, rx.spinner(size="2"), rx.icon("send", size=16, aria_hidden="true")),
                        T("Send now"),
                        on_click=V.send,
                        disabled=V.sending | (V.send_count <= 0),
                        id="send-confirm",
                    ),
                    spacing="2",
                    justify="end",
                    width="100%",
                ),
                spacing="3",
                margin_top="12px",
            ),
            max_width="480px",
        ),
        open=V.send_open,
        on_open_change=V.close_send,
    )


def invitations_section(wedding_id: rx.Var) -> rx.Component:
    """Invitations and RSVP on the guest page: deadline, sending, PDFs, each household's link."""
    api = get_settings().api_url
    return rx.cond(
        V.loaded,
        section(
            "Invitations and RSVP",
            rx.cond(
                V.notice != "",
                rx.callout(V.notice, icon="check", color_scheme="green", width="100%", data_testid="invite-notice"),
                rx.fragment(),
            ),
            form_error(V.problem),
            rx.hstack(
                rx.cond(
                    V.can_edit,
                    rx.button(
                        rx.icon("mail", size=16, aria_hidden="true"),
                        T("Send invitations"),
                        on_click=V.open_send,
                        size="3",
                        id="send-open",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    V.can_edit,
                    rx.link(
                        rx.button(
                            rx.icon("printer", size=16, aria_hidden="true"),
                            T("Invitation cards (PDF)"),
                            variant="soft",
                            size="3",
                        ),
                        href=f"{api}/api/v1/weddings/" + wedding_id + "/invitation-cards.pdf",
                        is_external=True,
                        id="cards-pdf",
                    ),
                    rx.fragment(),
                ),
                rx.link(
                    rx.button(
                        rx.icon("file_text", size=16, aria_hidden="true"),
                        T("Guest list (PDF)"),
                        variant="soft",
                        size="3",
                    ),
                    href=f"{api}/api/v1/weddings/" + wedding_id + "/guest-list.pdf",
                    is_external=True,
                    id="guests-pdf",
                ),
                spacing="2",
                wrap="wrap",
            ),
            rx.text(
                T("Guests who lost their link can find it by name at"),
                " ",
                rx.code(V.find_url, data_testid="find-url"),
                size="2",
                color_scheme="gray",
            ),
            rx.cond(V.can_edit, _settings_form(), rx.fragment()),
            rx.scroll_area(
                rx.vstack(rx.foreach(V.rows, _household_row), spacing="0", width="100%"),
                type="auto",
                scrollbars="vertical",
                max_height="520px",
                data_testid="household-links",
            ),
            _link_dialog(),
            _confirm_dialog(),
            _rename_dialog(),
            _send_dialog(),
            id="invitations",
        ),
        rx.fragment(),
    )


ON_LOAD_RSVP = [RsvpState.load]
ON_LOAD_FIND = [FindInvitationState.load]
