"""The guest list: counts per event, filters, the list with inline edit and bulk actions, dialogs."""

from __future__ import annotations

import reflex as rx

from attitudes_app.pages.rsvp import invitations_section
from components.cards import not_found_card, section, stat_card
from components.dialogs import confirm_dialog, form_dialog
from components.forms import field, form_error
from components.i18n import T
from components.live import live_badge
from components.shell import app_layout, empty_state, page_loading
from services.config import get_settings
from services.guest_events import EVENT_KINDS, KIND_LABELS
from services.guests import AGE_LABELS, DIETARY_CODES, DIETARY_LABELS, PLUS_ONE_LABELS, RSVP_LABELS
from state.guests import EventFormState, GuestFormState, GuestsState
from state.rsvp import InvitationsState
from state.shell import ShellState

S = GuestsState


def _select(label: str, name: str, *options: rx.Component, test_id: str = "") -> rx.Component:
    """A filter: a labelled native select bound to one filter of the list."""
    return rx.el.label(
        rx.el.span(T(label), class_name="filter-label"),
        rx.el.select(
            *options,
            value=S.filters[name].to(str),
            on_change=lambda v: S.filter_on(name, v),
            class_name="native-select filter-select",
            data_testid=test_id or f"filter-{name}",
        ),
        class_name="filter",
    )


def _opt(value: str, label: str) -> rx.Component:
    return rx.el.option(T(label), value=value)


def _filters() -> rx.Component:
    return rx.box(
        _select(
            "Side",
            "side",
            _opt("", "Everyone"),
            rx.foreach(S.side_options, lambda o: rx.el.option(o["label"], value=o["value"])),
        ),
        _select("Tag", "tag", _opt("", "All tags"), rx.foreach(S.tags, lambda t: rx.el.option(t, value=t))),
        _select(
            "Event",
            "event_id",
            _opt("", "All events"),
            rx.foreach(S.events, lambda e: rx.el.option(e["name"], value=e["id"])),
        ),
        _select("RSVP", "rsvp", _opt("", "Any answer"), *[_opt(k, v) for k, v in RSVP_LABELS.items()]),
        _select(
            "Meal",
            "meal_id",
            _opt("", "Any meal"),
            rx.foreach(S.meals, lambda m: rx.el.option(m["label"], value=m["id"])),
        ),
        _select(
            "Dietary",
            "dietary",
            _opt("", "Any diet"),
            _opt("any", "Has a restriction"),
            *[_opt(c, DIETARY_LABELS[c]) for c in DIETARY_CODES],
        ),
        _select("Email", "has_email", _opt("", "With or without"), _opt("yes", "Has an email"), _opt("no", "No email")),
        _select("Age", "age_group", _opt("", "All ages"), *[_opt(k, v) for k, v in AGE_LABELS.items()]),
        _select(
            "Household",
            "household_id",
            _opt("", "All households"),
            rx.foreach(S.households, lambda h: rx.el.option(h["name"], value=h["id"])),
        ),
        class_name="filter-grid",
    )


def _toolbar() -> rx.Component:
    wid = ShellState.current_wedding_id
    api = get_settings().api_url
    return rx.vstack(
        rx.hstack(
            rx.box(
                rx.icon("search", size=16, aria_hidden="true", class_name="search-icon"),
                rx.input(
                    value=S.search,
                    on_change=S.search_for,
                    debounce_timeout=250,
                    placeholder=T("Search names, emails, phones, households").to(str),
                    aria_label=T("Search guests").to(str),
                    type="search",
                    size="3",
                    width="100%",
                    data_testid="guest-search",
                    padding_left="28px",
                ),
                class_name="search-box",
            ),
            rx.cond(
                S.can_edit,
                rx.hstack(
                    rx.button(
                        rx.icon("user_plus", size=16, aria_hidden="true"),
                        T("Add guest"),
                        on_click=GuestFormState.open_new,
                        size="3",
                        id="guest-add",
                    ),
                    rx.link(
                        rx.button(
                            rx.icon("upload", size=16, aria_hidden="true"), T("Import"), variant="soft", size="3"
                        ),
                        href="/w/" + wid + "/guests/import",
                        id="guest-import-link",
                    ),
                    spacing="2",
                ),
                rx.fragment(),
            ),
            rx.menu.root(
                rx.menu.trigger(
                    rx.button(
                        rx.icon("download", size=16, aria_hidden="true"),
                        T("Export"),
                        variant="outline",
                        size="3",
                        id="guest-export",
                    )
                ),
                rx.menu.content(
                    rx.menu.item(
                        rx.link(
                            T("CSV (spreadsheets)"),
                            href=f"{api}/api/v1/weddings/" + wid + "/guests.csv",
                            id="export-csv",
                        ),
                    ),
                    rx.menu.item(
                        rx.link(
                            T("Excel (.xlsx)"), href=f"{api}/api/v1/weddings/" + wid + "/guests.xlsx", id="export-xlsx"
                        ),
                    ),
                ),
            ),
            spacing="3",
            width="100%",
            wrap="wrap",
            align="center",
        ),
        _filters(),
        rx.hstack(
            rx.text(S.total_label, size="2", weight="medium", data_testid="guest-total"),
            rx.spacer(),
            rx.el.label(
                rx.el.span(T("Sort by"), class_name="sr-only"),
                rx.el.select(
                    _opt("name", "Last name"),
                    _opt("first_name", "First name"),
                    _opt("household", "Household"),
                    _opt("side", "Side"),
                    _opt("created", "Date added"),
                    value=S.sort,
                    on_change=S.sort_on,
                    class_name="native-select filter-select",
                    data_testid="guest-sort",
                ),
            ),
            rx.icon_button(
                rx.cond(
                    S.descending, rx.icon("arrow_up_wide_narrow", size=16), rx.icon("arrow_down_narrow_wide", size=16)
                ),
                on_click=S.flip_order,
                variant="soft",
                aria_label=T("Reverse the order").to(str),
                title=T("Reverse the order").to(str),
            ),
            rx.button(T("Clear filters"), on_click=S.clear_filters, variant="ghost", size="2", id="filters-clear"),
            width="100%",
            align="center",
            spacing="2",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
    )


def _bulk_bar() -> rx.Component:
    n = S.selected.length()
    return rx.cond(
        S.can_edit & (n > 0),
        rx.card(
            rx.flex(
                rx.hstack(
                    rx.badge(n.to_string(), " ", T("selected"), size="2", data_testid="selected-count"),
                    rx.button(T("Clear"), on_click=S.clear_selection, variant="ghost", size="1"),
                    align="center",
                ),
                rx.hstack(
                    rx.input(
                        value=S.tag_input,
                        on_change=S.keep_tag,
                        placeholder=T("Tag").to(str),
                        aria_label=T("Tag to add or remove").to(str),
                        size="2",
                        width="140px",
                        data_testid="bulk-tag-input",
                    ),
                    rx.button(T("Add tag"), on_click=S.bulk_tag(False), size="2", variant="soft", id="bulk-tag"),
                    rx.button(T("Remove tag"), on_click=S.bulk_tag(True), size="2", variant="ghost"),
                    spacing="2",
                    align="center",
                ),
                rx.hstack(
                    rx.el.select(
                        _opt("", "Choose an event"),
                        rx.foreach(S.events, lambda e: rx.el.option(e["name"], value=e["id"])),
                        value=S.bulk_event,
                        on_change=S.keep_event,
                        aria_label=T("Event").to(str),
                        class_name="native-select filter-select",
                        data_testid="bulk-event",
                    ),
                    rx.button(T("Invite"), on_click=S.bulk_invite(False), size="2", variant="soft", id="bulk-invite"),
                    rx.button(T("Uninvite"), on_click=S.bulk_invite(True), size="2", variant="ghost"),
                    spacing="2",
                    align="center",
                ),
                confirm_dialog(
                    "Delete the selected guests?",
                    rx.text(
                        n.to_string(),
                        " ",
                        T("guests will be deleted with their answers, meals and tags. This cannot be undone."),
                    ),
                    S.confirm_delete,
                    confirm_label="Delete",
                    trigger=rx.button(
                        rx.icon("trash_2", size=14, aria_hidden="true"),
                        T("Delete"),
                        color_scheme="red",
                        variant="soft",
                        size="2",
                        id="bulk-delete",
                    ),
                    open=S.delete_open,
                    on_open_change=S.open_delete,
                    close_on_confirm=False,
                    id="bulk-delete-confirm",
                ),
                gap="12px",
                wrap="wrap",
                align="center",
            ),
            width="100%",
            class_name="bulk-bar",
        ),
        rx.fragment(),
    )


def _chip(inv: rx.Var) -> rx.Component:
    return rx.badge(
        inv["label"].to(str),
        color_scheme=rx.match(inv["color"].to(str), ("green", "green"), ("red", "red"), "amber"),
        variant="soft",
        radius="full",
    )


def _rsvp_select(row: rx.Var, inv: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.el.span(inv["event"].to(str), class_name="field-label"),
        rx.el.select(
            *[rx.el.option(T(v), value=k) for k, v in RSVP_LABELS.items()],
            value=inv["status"].to(str),
            on_change=lambda v: S.change_rsvp(row["id"].to(str), inv["event_id"].to(str), v),
            class_name="native-select",
        ),
        class_name="field",
    )


def _inline_form(row: rx.Var) -> rx.Component:
    errors = S.inline_errors
    return rx.form(
        rx.vstack(
            rx.grid(
                field("first_name", "First name", errors, default_value=row["first_name"].to(str), required=True),
                field("last_name", "Last name", errors, default_value=row["last_name"].to(str)),
                field("email", "Email", errors, type="email", default_value=row["email"].to(str)),
                field("phone", "Phone", errors, type="tel", default_value=row["phone_display"].to(str)),
                rx.box(
                    rx.el.label(
                        rx.el.span(T("Side"), class_name="field-label"),
                        rx.el.select(
                            rx.foreach(S.side_options, lambda o: rx.el.option(o["label"], value=o["value"])),
                            name="side",
                            default_value=row["side"].to(str),
                            class_name="native-select",
                        ),
                        class_name="field",
                    ),
                    width="100%",
                ),
                columns=rx.breakpoints(initial="1", sm="2", lg="5"),
                spacing="3",
                width="100%",
            ),
            rx.cond(
                row["invitations"].to(list).length() > 0,
                rx.flex(
                    rx.foreach(row["invitations"].to(list[dict[str, str]]), lambda inv: _rsvp_select(row, inv)),
                    gap="12px",
                    wrap="wrap",
                ),
                rx.fragment(),
            ),
            rx.hstack(
                rx.button(T("Save"), type="submit", size="2", id="inline-save"),
                rx.button(
                    T("Cancel"), type="button", variant="soft", color_scheme="gray", size="2", on_click=S.cancel_edit
                ),
                rx.button(
                    T("All details"),
                    type="button",
                    variant="ghost",
                    size="2",
                    on_click=GuestFormState.open_guest(row["id"].to(str)),
                ),
                spacing="2",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=S.save_inline,
        width="100%",
        class_name="inline-edit",
        data_testid="inline-edit",
    )


def _row(row: rx.Var) -> rx.Component:
    gid = row["id"].to(str)
    name = row["name"].to(str)
    display = rx.box(
        rx.cond(
            S.can_edit,
            rx.checkbox(
                checked=S.selected.contains(gid),
                on_change=lambda _v: S.toggle_selected(gid),
                aria_label=T("Select").to(str) + " " + name,
                class_name="row-check",
            ),
            rx.box(class_name="row-check"),
        ),
        rx.vstack(
            rx.hstack(
                rx.text(name, weight="bold", size="3", class_name="guest-name"),
                rx.cond(
                    row["age_label"].to(str) != "",
                    rx.badge(row["age_label"].to(str), color_scheme="blue"),
                    rx.fragment(),
                ),
                rx.cond(
                    row["plus_one"].to(str) != "", rx.badge(row["plus_one"].to(str), variant="outline"), rx.fragment()
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(row["household"].to(str), size="1", color_scheme="gray"),
            rx.flex(
                rx.foreach(row["tags"].to(list[str]), lambda t: rx.badge(t, variant="surface", color_scheme="plum")),
                gap="4px",
                wrap="wrap",
            ),
            spacing="1",
            class_name="cell-name",
        ),
        rx.vstack(
            rx.text(row["email"].to(str), size="2", class_name="cell-ellipsis"),
            rx.text(row["phone_display"].to(str), size="2", color_scheme="gray"),
            spacing="0",
            class_name="cell-contact",
        ),
        rx.text(row["side_label"].to(str), size="2", class_name="cell-side"),
        rx.flex(
            rx.foreach(row["invitations"].to(list[dict[str, str]]), _chip),
            gap="4px",
            wrap="wrap",
            class_name="cell-events",
        ),
        rx.text(row["diet"].to(str), size="1", color_scheme="gray", class_name="cell-diet"),
        rx.cond(
            S.can_edit,
            rx.hstack(
                rx.icon_button(
                    rx.icon("pencil", size=14),
                    on_click=S.start_edit(gid),
                    variant="ghost",
                    aria_label=T("Edit").to(str) + " " + name,
                    title=T("Quick edit").to(str),
                    class_name="row-edit",
                ),
                rx.icon_button(
                    rx.icon("ellipsis", size=14),
                    on_click=GuestFormState.open_guest(gid),
                    variant="ghost",
                    aria_label=T("All details").to(str) + ": " + name,
                    title=T("All details").to(str),
                ),
                spacing="1",
                class_name="cell-actions",
            ),
            rx.box(class_name="cell-actions"),
        ),
        class_name="guest-row",
    )
    return rx.box(
        rx.cond(S.editing_id == gid, _inline_form(row), display),
        class_name="guest-item",
        data_testid="guest-row",
        role="listitem",
    )


def _list() -> rx.Component:
    return rx.vstack(
        rx.box(
            rx.cond(
                S.can_edit,
                rx.checkbox(
                    on_change=S.toggle_page,
                    aria_label=T("Select every guest on this page").to(str),
                    class_name="row-check",
                ),
                rx.box(class_name="row-check"),
            ),
            rx.text(T("Guest"), size="1", weight="bold", class_name="cell-name"),
            rx.text(T("Contact"), size="1", weight="bold", class_name="cell-contact"),
            rx.text(T("Side"), size="1", weight="bold", class_name="cell-side"),
            rx.text(T("Events and answers"), size="1", weight="bold", class_name="cell-events"),
            rx.text(T("Diet"), size="1", weight="bold", class_name="cell-diet"),
            rx.box(class_name="cell-actions"),
            class_name="guest-row guest-head",
        ),
        rx.cond(
            S.rows.length() > 0,
            rx.box(rx.foreach(S.rows, _row), role="list", aria_label=T("Guests").to(str), width="100%"),
            rx.box(
                rx.text(T("No guest matches these filters."), color_scheme="gray", size="2"),
                padding="24px",
                text_align="center",
                width="100%",
                data_testid="no-match",
            ),
        ),
        rx.hstack(
            rx.button(
                rx.icon("chevron_left", size=16, aria_hidden="true"),
                T("Previous"),
                on_click=S.go_to_page(S.page - 1),
                disabled=S.page <= 1,
                variant="soft",
                size="2",
            ),
            rx.text(S.page_label, size="2", data_testid="page-label"),
            rx.button(
                T("Next"),
                rx.icon("chevron_right", size=16, aria_hidden="true"),
                on_click=S.go_to_page(S.page + 1),
                disabled=S.page >= S.pages,
                variant="soft",
                size="2",
                id="page-next",
            ),
            justify="center",
            align="center",
            spacing="3",
            width="100%",
        ),
        spacing="2",
        width="100%",
    )


def _event_card(e: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.hstack(
                        rx.text(e["name"].to(str), weight="bold", size="3"),
                        rx.cond(e["is_main"].to(bool), rx.badge(T("Main event"), variant="soft"), rx.fragment()),
                        spacing="2",
                        align="center",
                    ),
                    rx.text(e["when"].to(str), size="1", color_scheme="gray"),
                    spacing="0",
                ),
                rx.spacer(),
                rx.cond(
                    S.can_edit,
                    rx.icon_button(
                        rx.icon("settings_2", size=14),
                        on_click=EventFormState.open_event(e["id"].to(str)),
                        variant="ghost",
                        aria_label=T("Edit").to(str) + " " + e["name"].to(str),
                        title=T("Edit the event").to(str),
                    ),
                    rx.fragment(),
                ),
                width="100%",
                align="start",
            ),
            rx.hstack(
                rx.badge(
                    rx.icon("check", size=12, aria_hidden="true"),
                    e["attending"].to(str),
                    color_scheme="green",
                    title=T("Attending").to(str),
                ),
                rx.badge(
                    rx.icon("x", size=12, aria_hidden="true"),
                    e["declined"].to(str),
                    color_scheme="red",
                    title=T("Declined").to(str),
                ),
                rx.badge(
                    rx.icon("clock", size=12, aria_hidden="true"),
                    e["pending"].to(str),
                    color_scheme="amber",
                    title=T("Pending").to(str),
                ),
                rx.text(T("of"), " ", e["invited"].to(str), " ", T("invited"), size="1", color_scheme="gray"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.progress(
                value=e["seats_pct"].to(int),
                color_scheme=rx.cond(e["full"].to(bool), "red", "plum"),
                aria_label=T("Seats taken").to(str),
            ),
            rx.text(e["seats"].to(str), size="1", color_scheme=rx.cond(e["full"].to(bool), "red", "gray")),
            rx.flex(
                rx.foreach(e["meals"].to(list[str]), lambda m: rx.badge(m, variant="outline")), gap="4px", wrap="wrap"
            ),
            rx.cond(
                e["meal_missing"].to(str) != "",
                rx.text(e["meal_missing"].to(str), size="1", color_scheme="amber"),
                rx.fragment(),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        data_testid="event-card",
    )


def _counts() -> rx.Component:
    c = S.cards
    return rx.vstack(
        rx.grid(
            stat_card(
                "users_round",
                "Guests",
                c["guests"].to(str),
                rx.text(c["households"].to(str), " · ", c["with_email"].to(str), size="1", color_scheme="gray"),
                "count-guests",
            ),
            stat_card(
                "circle_check",
                "Attending",
                c["attending"].to(str),
                rx.text(c["attending_detail"].to(str), size="1", color_scheme="gray"),
                "count-attending",
            ),
            stat_card(
                "clock",
                "Waiting for an answer",
                c["pending"].to(str),
                rx.text(
                    c["households_pending"].to(str),
                    " ",
                    T("households have not answered"),
                    size="1",
                    color_scheme="gray",
                ),
                "count-pending",
            ),
            stat_card(
                "baby",
                "Children",
                c["children"].to(str),
                rx.text(c["children_detail"].to(str), size="1", color_scheme="gray"),
                "count-children",
            ),
            columns=rx.breakpoints(initial="2", lg="4"),
            spacing="3",
            width="100%",
        ),
        rx.cond(
            S.event_counts.length() > 0,
            rx.grid(
                rx.foreach(S.event_counts, _event_card),
                columns=rx.breakpoints(initial="1", sm="2", lg="4"),
                spacing="3",
                width="100%",
            ),
            rx.callout(
                rx.vstack(
                    rx.text(T("This wedding has no events yet. Guests are invited and answer per event.")),
                    rx.cond(
                        S.can_edit,
                        rx.button(
                            T("Add a ceremony and a reception"),
                            on_click=S.add_standard_events,
                            size="2",
                            id="add-standard-events",
                        ),
                        rx.fragment(),
                    ),
                    spacing="2",
                    align="start",
                ),
                icon="calendar_plus",
                width="100%",
            ),
        ),
        rx.hstack(
            rx.cond(
                S.can_edit,
                rx.button(
                    rx.icon("calendar_plus", size=14, aria_hidden="true"),
                    T("Add an event"),
                    on_click=EventFormState.open_event(""),
                    variant="ghost",
                    size="2",
                    id="event-add",
                ),
                rx.fragment(),
            ),
            rx.spacer(),
            rx.cond(
                S.diets.length() > 0,
                rx.flex(
                    rx.text(T("Dietary needs:"), size="1", weight="medium"),
                    rx.foreach(
                        S.diets,
                        lambda d: rx.badge(
                            d["label"], " ", d["count"], variant="soft", color_scheme="teal", high_contrast=True
                        ),
                    ),
                    gap="6px",
                    wrap="wrap",
                    align="center",
                    data_testid="diet-summary",
                ),
                rx.fragment(),
            ),
            width="100%",
            wrap="wrap",
            align="center",
        ),
        spacing="3",
        width="100%",
    )


# ---- the guest dialog -------------------------------------------------------------------------


def _native(
    name: str, label: str, errors: rx.Var, *options: rx.Component, default_value: rx.Var | str = ""
) -> rx.Component:
    return rx.box(
        rx.el.label(
            rx.el.span(T(label), class_name="field-label"),
            rx.el.select(
                *options,
                name=name,
                default_value=default_value,
                class_name="native-select",
                aria_describedby=f"e-{name}",
            ),
            class_name="field",
        ),
        rx.text(errors[name].to(str), id=f"e-{name}", size="2", color_scheme="red", role="alert", min_height="1.2em"),
        width="100%",
    )


def _textarea(name: str, label: str, value: rx.Var, rows: str = "2") -> rx.Component:
    return rx.el.label(
        rx.el.span(T(label), class_name="field-label"),
        rx.text_area(name=name, default_value=value, rows=rows, width="100%"),
        class_name="field",
        width="100%",
    )


def _invitation_fields(inv: rx.Var) -> rx.Component:
    eid = inv["event_id"].to(str)
    errors = GuestFormState.errors
    meal_options = lambda: rx.foreach(  # noqa: E731
        inv["meals"].to(list[dict[str, str]]), lambda m: rx.el.option(m["name"], value=m["id"])
    )
    return rx.box(
        rx.el.label(
            rx.checkbox(name="invited_" + eid, default_checked=inv["invited"].to(bool)),
            rx.text(inv["name"].to(str), weight="bold", size="2"),
            class_name="check-label",
        ),
        rx.grid(
            rx.box(
                rx.el.label(
                    rx.el.span(T("RSVP"), class_name="field-label"),
                    rx.el.select(
                        *[rx.el.option(T(v), value=k) for k, v in RSVP_LABELS.items()],
                        name="rsvp_" + eid,
                        default_value=inv["rsvp"].to(str),
                        class_name="native-select",
                    ),
                    class_name="field",
                ),
                rx.text(errors["rsvp_" + eid].to(str), size="2", color_scheme="red", role="alert"),
            ),
            rx.cond(
                inv["has_meals"].to(bool),
                rx.el.label(
                    rx.el.span(T("Meal"), class_name="field-label"),
                    rx.el.select(
                        rx.el.option(T("No choice yet"), value=""),
                        meal_options(),
                        name="meal_" + eid,
                        default_value=inv["meal"].to(str),
                        class_name="native-select",
                    ),
                    class_name="field",
                ),
                rx.box(),
            ),
            rx.el.label(
                rx.checkbox(name="plusone_at_" + eid, default_checked=inv["plus"].to(bool)),
                rx.text(T("Plus-one attends"), size="2"),
                class_name="check-label",
            ),
            rx.cond(
                inv["has_meals"].to(bool),
                rx.el.label(
                    rx.el.span(T("Plus-one's meal"), class_name="field-label"),
                    rx.el.select(
                        rx.el.option(T("No choice yet"), value=""),
                        meal_options(),
                        name="plusmeal_" + eid,
                        default_value=inv["plus_meal"].to(str),
                        class_name="native-select",
                    ),
                    class_name="field",
                ),
                rx.box(),
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
            align="end",
        ),
        class_name="invitation-box",
    )


def _guest_dialog() -> rx.Component:
    F = GuestFormState
    v, errors = F.values, F.errors
    return form_dialog(
        rx.cond(F.guest_id == "", T("Add a guest"), T("Edit guest")),
        "Fields marked with * are required.",
        [
            rx.grid(
                field("first_name", "First name *", errors, default_value=v["first_name"].to(str), required=True),
                field("last_name", "Last name", errors, default_value=v["last_name"].to(str)),
                field("email", "Email", errors, type="email", default_value=v["email"].to(str)),
                field(
                    "phone",
                    "Phone",
                    errors,
                    type="tel",
                    default_value=v["phone"].to(str),
                    hint="With the country code, or a number of the wedding's country.",
                ),
                _native(
                    "household_id",
                    "Household",
                    errors,
                    rx.foreach(F.households, lambda h: rx.el.option(h["name"], value=h["id"])),
                    default_value=v["household_id"].to(str),
                ),
                field(
                    "household_name",
                    "New household's name",
                    errors,
                    placeholder=T("Only for a new household").to(str),
                ),
                _native(
                    "side",
                    "Side",
                    errors,
                    rx.foreach(S.side_options, lambda o: rx.el.option(o["label"], value=o["value"])),
                    default_value=v["side"].to(str),
                ),
                _native(
                    "age_group",
                    "Age group",
                    errors,
                    *[rx.el.option(T(label), value=k) for k, label in AGE_LABELS.items()],
                    default_value=v["age_group"].to(str),
                ),
                _native(
                    "language",
                    "Language",
                    errors,
                    rx.el.option(T("Not set"), value=""),
                    rx.el.option("English", value="en"),
                    rx.el.option("Français", value="fr"),
                    rx.el.option("Español", value="es"),
                    default_value=v["language"].to(str),
                ),
                field("tags", "Tags", errors, default_value=v["tags"].to(str), hint="Separated by commas."),
                _native(
                    "plus_one",
                    "Plus-one",
                    errors,
                    *[rx.el.option(T(label), value=k) for k, label in PLUS_ONE_LABELS.items()],
                    default_value=v["plus_one"].to(str),
                ),
                field("plus_one_name", "Plus-one's name", errors, default_value=v["plus_one_name"].to(str)),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            _textarea("address", "Postal address", v["address"].to(str)),
            rx.el.fieldset(
                rx.el.legend(T("Dietary restrictions and allergies"), class_name="field-label"),
                rx.flex(
                    rx.foreach(
                        F.diets,
                        lambda d: rx.el.label(
                            rx.checkbox(name="diet_" + d["code"].to(str), default_checked=d["checked"].to(bool)),
                            rx.text(d["label"].to(str), size="2"),
                            class_name="check-label",
                        ),
                    ),
                    gap="10px",
                    wrap="wrap",
                ),
                class_name="plain-fieldset",
            ),
            field("dietary_notes", "Other dietary notes", errors, default_value=v["dietary_notes"].to(str)),
            field("accessibility", "Accessibility needs", errors, default_value=v["accessibility"].to(str)),
            _textarea("notes", "Notes", v["notes"].to(str)),
            rx.cond(
                F.invitations.length() > 0,
                rx.el.fieldset(
                    rx.el.legend(T("Invitations and answers"), class_name="field-label"),
                    rx.vstack(rx.foreach(F.invitations, _invitation_fields), spacing="2", width="100%"),
                    class_name="plain-fieldset",
                ),
                rx.fragment(),
            ),
        ],
        rx.button(T("Save"), type="submit", loading=F.saving, id="guest-save"),
        F.save,
        open=F.open,
        on_open_change=F.toggle_open,
        key=F.form_key,
        error=form_error(F.form_error),
        max_width="720px",
        spacing="3",
        data_testid="guest-dialog",
    )


def _event_dialog() -> rx.Component:
    E = EventFormState
    v, errors = E.values, E.errors
    return form_dialog(
        rx.cond(E.event_id == "", T("Add an event"), T("Edit the event")),
        "Guests are invited per event; each event has its own answers, seats and meals.",
        [
            rx.grid(
                field("name", "Name *", errors, default_value=v["name"].to(str), required=True),
                _native(
                    "kind",
                    "Kind",
                    errors,
                    *[rx.el.option(T(KIND_LABELS[k]), value=k) for k in EVENT_KINDS],
                    default_value=v["kind"].to(str),
                ),
                field("date", "Date", errors, type="date", default_value=v["date"].to(str)),
                field("time", "Time", errors, type="time", default_value=v["time"].to(str)),
                field("location", "Place", errors, default_value=v["location"].to(str)),
                field(
                    "capacity",
                    "Seats",
                    errors,
                    type="number",
                    default_value=v["capacity"].to(str),
                    hint="Leave empty for no limit.",
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.el.label(
                rx.el.span(T("Meal options, one per line"), class_name="field-label"),
                rx.text_area(name="meals", default_value=v["meals"].to(str), rows="4", width="100%"),
                class_name="field",
                width="100%",
            ),
            rx.text(errors["meals"].to(str), size="2", color_scheme="red", role="alert"),
        ],
        rx.button(T("Save"), type="submit", id="event-save"),
        E.save,
        open=E.open,
        on_open_change=E.toggle_open,
        key=E.form_key,
        error=form_error(E.form_error),
        max_width="560px",
        spacing="3",
        start=rx.cond(
            E.event_id != "",
            confirm_dialog(
                "Delete this event?",
                "Its invitations, answers and meal choices are deleted too. This cannot be undone.",
                E.delete,
                confirm_label="Delete",
                trigger=rx.button(T("Delete"), type="button", color_scheme="red", variant="ghost"),
                open=E.delete_open,
                on_open_change=E.toggle_delete,
                close_on_confirm=False,
                id="event-delete-confirm",
            ),
            rx.fragment(),
        ),
        data_testid="event-dialog",
    )


def _messages() -> rx.Component:
    return rx.fragment(
        rx.cond(
            S.message != "",
            rx.callout(S.message, icon="check", color_scheme="green", width="100%", data_testid="guest-message"),
            rx.fragment(),
        ),
        form_error(S.error),
    )


def _page() -> rx.Component:
    return rx.vstack(
        rx.hstack(live_badge("guests"), justify="end", width="100%", margin_bottom="-8px"),
        _counts(),
        _messages(),
        rx.cond(
            S.has_guests,
            rx.vstack(  # the guest list, then the invitations and RSVP tools (pages/rsvp.py)
                section("Guest list", _toolbar(), _bulk_bar(), _list()),
                invitations_section(ShellState.current_wedding_id),
                spacing="4",
                width="100%",
            ),
            empty_state(
                "users_round",
                "No guests yet",
                "Add your guests one by one, or import the spreadsheet you already have.",
                rx.cond(
                    S.can_edit,
                    rx.hstack(
                        rx.button(T("Add guest"), on_click=GuestFormState.open_new, id="guest-add-empty"),
                        rx.link(
                            rx.button(T("Import a file"), variant="soft"),
                            href="/w/" + ShellState.current_wedding_id + "/guests/import",
                        ),
                        spacing="2",
                    ),
                    rx.fragment(),
                ),
            ),
        ),
        _guest_dialog(),
        _event_dialog(),
        spacing="4",
        width="100%",
    )


def guests_page() -> rx.Component:
    return app_layout(
        rx.cond(~S.loaded, page_loading(), rx.cond(S.not_found, not_found_card(), _page())),
        title="Guests",
    )


ON_LOAD = [ShellState.enter("guests"), GuestsState.load, InvitationsState.load]
