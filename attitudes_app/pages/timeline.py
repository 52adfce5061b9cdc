"""The day-of timeline page, and the public read-only page behind a share link."""

from __future__ import annotations

import reflex as rx

from components.cards import edit_delete_buttons, not_found_card, section
from components.dialogs import confirm_dialog
from components.forms import field, form_error, select_field
from components.i18n import T
from components.shell import app_layout, empty_state, language_switcher, logo, page_loading
from components.wedding_form import TIMEZONE_OPTIONS
from state.i18n import LangState
from state.shell import ShellState
from state.timeline import SharedTimelineState, TimelineState

S = TimelineState
LINE = f"1px solid {rx.color('gray', 4)}"


def _event_header(row: rx.Var, *, editable: bool) -> rx.Component:
    meta = rx.hstack(
        rx.cond(row["day"].to(str) != "", rx.text(row["day"].to(str), size="2", color_scheme="gray"), rx.fragment()),
        _who("map_pin", row["location"].to(str)),
        spacing="3",
        wrap="wrap",
    )
    return rx.vstack(
        rx.hstack(
            rx.heading(row["title"].to(str), size="5", as_="h2", color=rx.color("plum", 11)),
            rx.spacer(),
            rx.cond(
                S.can_edit,
                rx.button(
                    rx.icon("plus", size=14, aria_hidden="true"),
                    T("Add"),
                    size="1",
                    variant="soft",
                    on_click=S.new_item(row["event_id"].to(str)),
                ),
                rx.fragment(),
            )
            if editable
            else rx.fragment(),
            align="center",
            width="100%",
        ),
        meta,
        rx.cond(
            row["empty"].to(bool),
            rx.text(T("Nothing scheduled yet."), size="2", color_scheme="gray"),
            rx.fragment(),
        ),
        spacing="1",
        width="100%",
        padding_top="18px",
        padding_bottom="6px",
        border_bottom=f"2px solid {rx.color('plum', 5)}",
    )


def _who(icon: str, text: rx.Var) -> rx.Component:
    return rx.cond(
        text != "",
        rx.hstack(
            rx.icon(icon, size=13, aria_hidden="true", color=rx.color("gray", 10), flex_shrink="0"),
            rx.text(text, size="2", color_scheme="gray"),
            spacing="1",
            align="center",
        ),
        rx.fragment(),
    )


def _item(row: rx.Var, *, editable: bool) -> rx.Component:
    item_id = row["id"].to(str)
    actions = rx.hstack(
        rx.link(
            rx.icon("calendar_plus", size=16, aria_hidden="true"),
            href=S.api_base + "/calendar/timeline/" + item_id + ".ics",
            aria_label=T("Add to my calendar (.ics)"),
            title=T("Add to my calendar (.ics)"),
            color=rx.color("gray", 11),
            padding="6px",
            display="inline-flex",
        ),
        edit_delete_buttons(S.can_edit, S.edit_item(item_id), S.ask_delete(item_id)),
        spacing="1",
    )
    return rx.hstack(
        rx.vstack(
            rx.text(row["start"].to(str), weight="bold", size="3", class_name="stat-value"),
            rx.text(row["end"].to(str), size="1", color_scheme="gray", class_name="stat-value"),
            rx.text(row["duration"].to(str), size="1", color_scheme="gray"),
            spacing="0",
            min_width="64px",
        ),
        rx.vstack(
            rx.text(row["title"].to(str), weight="medium", size="3", data_testid="timeline-title"),
            rx.cond(
                row["overlap"].to(bool),
                rx.badge(
                    rx.icon("triangle_alert", size=12, aria_hidden="true"),
                    T("Overlaps with"),
                    " ",
                    row["overlap_with"].to(str),
                    color_scheme="amber",
                    variant="soft",
                    white_space="normal",
                    data_testid="overlap",
                ),
                rx.fragment(),
            ),
            _who("map_pin", row["location"].to(str)),
            _who("users", row["people"].to(str)),
            _who("briefcase", row["vendors"].to(str)),
            rx.cond(
                row["notes"].to(str) != "",
                rx.text(row["notes"].to(str), size="2", color_scheme="gray", white_space="pre-wrap"),
                rx.fragment(),
            ),
            spacing="1",
            flex="1",
            min_width="0",
        ),
        actions if editable else rx.fragment(),
        align="start",
        spacing="3",
        width="100%",
        padding_y="10px",
        border_bottom=LINE,
        border_left=rx.cond(row["overlap"].to(bool), f"3px solid {rx.color('amber', 9)}", "3px solid transparent"),
        padding_left="8px",
        box_sizing="border-box",
        data_testid="timeline-item",
    )


def _row(row: rx.Var, *, editable: bool) -> rx.Component:
    return rx.cond(row["kind"].to(str) == "event", _event_header(row, editable=editable), _item(row, editable=editable))


def _item_form() -> rx.Component:
    v = S.values
    two = rx.breakpoints(initial="1", sm="2")
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(S.editing_id != "", T("Edit timeline item"), T("New timeline item"))),
            rx.dialog.description(
                T("Times are in the wedding's time zone unless you choose another one."), size="2", color_scheme="gray"
            ),
            form_error(S.form_error),
            rx.form(
                rx.vstack(
                    field("title", "What happens", S.errors, default_value=v["title"].to(str)),
                    rx.box(
                        rx.el.label(
                            rx.el.span(T("Event"), class_name="field-label"),
                            rx.el.select(
                                rx.el.option(T("No event"), value=""),
                                rx.foreach(S.events, lambda e: rx.el.option(e["name"], value=e["id"])),
                                name="event_id",
                                default_value=v["event_id"].to(str),
                                aria_describedby="e-event_id",
                                class_name="native-select",
                            ),
                            class_name="field",
                        ),
                        rx.text(
                            S.errors["event_id"].to(str), id="e-event_id", size="2", color_scheme="red", role="alert"
                        ),
                        width="100%",
                    ),
                    rx.grid(
                        field("day", "Day", S.errors, type="date", default_value=v["day"].to(str)),
                        field("start", "Starts at", S.errors, type="time", default_value=v["start"].to(str)),
                        columns=two,
                        spacing="3",
                        width="100%",
                    ),
                    rx.grid(
                        field(
                            "duration",
                            "Duration (minutes)",
                            S.errors,
                            type="number",
                            default_value=v["duration"].to(str),
                            input_mode="numeric",
                        ),
                        select_field(
                            "timezone", "Time zone", S.errors, TIMEZONE_OPTIONS, default_value=v["timezone"].to(str)
                        ),
                        columns=two,
                        spacing="3",
                        width="100%",
                    ),
                    field("location", "Location", S.errors, default_value=v["location"].to(str)),
                    rx.grid(
                        field("people", "People responsible", S.errors, default_value=v["people"].to(str)),
                        field("vendors", "Vendors responsible", S.errors, default_value=v["vendors"].to(str)),
                        columns=two,
                        spacing="3",
                        width="100%",
                    ),
                    rx.box(
                        rx.el.label(
                            rx.el.span(T("Notes"), class_name="field-label"),
                            rx.text_area(
                                name="notes", default_value=v["notes"].to(str), rows="3", aria_describedby="e-notes"
                            ),
                            class_name="field",
                        ),
                        rx.text(S.errors["notes"].to(str), id="e-notes", size="2", color_scheme="red", role="alert"),
                        width="100%",
                    ),
                    rx.hstack(
                        rx.dialog.close(rx.button(T("Cancel"), variant="soft", color_scheme="gray", type="button")),
                        rx.button(T("Save"), type="submit", id="timeline-save"),
                        justify="end",
                        spacing="3",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=S.save_item,
                key=S.form_key.to(str),
                width="100%",
            ),
            max_width="640px",
        ),
        open=S.form_open,
        on_open_change=S.close_form,
    )


def _copy_box(url: rx.Var, test_id: str) -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.code(url, size="2", data_testid=test_id, style={"word_break": "break-all"}),
            rx.hstack(
                rx.button(
                    rx.icon("copy", size=14, aria_hidden="true"),
                    T("Copy"),
                    size="1",
                    variant="soft",
                    on_click=rx.set_clipboard(url),
                ),
                rx.text(T("Copy it now: for your safety it is shown only once."), size="1"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            spacing="2",
            width="100%",
        ),
        icon="link",
        color_scheme="green",
        width="100%",
    )


def _link_row(link: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.icon("link", size=14, aria_hidden="true", color=rx.color("gray", 10)),
        rx.vstack(
            rx.text(link["label"].to(str), size="2", weight="medium"),
            rx.text("…", link["hint"].to(str), " · ", link["created"].to(str), size="1", color_scheme="gray"),
            spacing="0",
            flex="1",
        ),
        rx.button(T("Revoke"), size="1", variant="soft", color_scheme="red", on_click=S.ask_revoke(link["id"].to(str))),
        align="center",
        spacing="3",
        width="100%",
        padding_y="6px",
        border_bottom=LINE,
        data_testid="share-row",
    )


def _sharing() -> rx.Component:
    return section(
        "Share the timeline",
        rx.text(
            T(
                "Vendors and the wedding party open a read-only, phone-friendly page. Create one link per person or "
                "group, so you can revoke one without breaking the others."
            ),
            size="2",
            color_scheme="gray",
        ),
        rx.form(
            rx.hstack(
                rx.box(
                    field("label", "Who is it for?", S.link_errors, placeholder="", autocomplete="off"),
                    flex="1",
                    min_width="200px",
                ),
                rx.button(T("Create a share link"), type="submit", id="share-create", margin_top="22px"),
                align="start",
                spacing="3",
                wrap="wrap",
                width="100%",
            ),
            on_submit=S.create_link,
            key=S.link_key.to(str),
            width="100%",
        ),
        rx.cond(S.new_link != "", _copy_box(S.new_link, "share-link"), rx.fragment()),
        rx.cond(
            S.links.length() > 0,
            rx.vstack(rx.foreach(S.links, _link_row), spacing="0", width="100%"),
            rx.text(T("No active share link."), size="2", color_scheme="gray"),
        ),
    )


def _calendar() -> rx.Component:
    return section(
        "Your calendar",
        rx.text(
            T(
                "Subscribe in Google Calendar, Apple Calendar or Outlook to see the events, this timeline, "
                "tasks due and payments due. The link is personal: do not share it."
            ),
            size="2",
            color_scheme="gray",
        ),
        rx.cond(S.feed_url != "", _copy_box(S.feed_url, "feed-url"), rx.fragment()),
        rx.cond(
            S.sub["active"].to(bool),
            rx.vstack(
                rx.text(
                    T("Your link ends in"),
                    " …",
                    S.sub["hint"].to(str),
                    " · ",
                    T("created"),
                    " ",
                    S.sub["created"].to(str),
                    rx.cond(
                        S.sub["fetched"].to(str) != "",
                        rx.text.span(" · ", T("last synced"), " ", S.sub["fetched"].to(str)),
                        rx.fragment(),
                    ),
                    size="2",
                    data_testid="feed-status",
                ),
                rx.hstack(
                    rx.button(T("Replace the link"), size="2", variant="soft", on_click=S.subscribe, id="feed-create"),
                    rx.button(
                        T("Revoke"),
                        size="2",
                        variant="soft",
                        color_scheme="red",
                        on_click=S.unsubscribe,
                        id="feed-revoke",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                spacing="2",
            ),
            rx.button(
                rx.icon("calendar_plus", size=16, aria_hidden="true"),
                T("Create my calendar link"),
                on_click=S.subscribe,
                id="feed-create",
            ),
        ),
    )


def _timeline() -> rx.Component:
    return rx.vstack(
        rx.card(
            rx.hstack(
                rx.vstack(
                    rx.text(
                        S.count.to(str),
                        " ",
                        T("items"),
                        rx.cond(
                            S.overlaps > 0,
                            rx.text.span(" · ", S.overlaps.to(str), " ", T("overlapping"), color=rx.color("amber", 11)),
                            rx.fragment(),
                        ),
                        size="3",
                        weight="medium",
                        data_testid="timeline-summary",
                    ),
                    rx.text(T("Times in"), " ", S.timezone, size="2", color_scheme="gray"),
                    spacing="1",
                ),
                rx.spacer(),
                rx.link(
                    rx.button(rx.icon("printer", size=16, aria_hidden="true"), T("Run sheet (PDF)"), variant="soft"),
                    href=S.api_base + "/timeline.pdf",
                    is_external=True,
                ),
                rx.cond(
                    S.can_edit,
                    rx.button(
                        rx.icon("plus", size=16, aria_hidden="true"),
                        T("Add an item"),
                        on_click=S.new_item(""),
                        id="timeline-new",
                    ),
                    rx.fragment(),
                ),
                align="center",
                spacing="3",
                wrap="wrap",
                width="100%",
            ),
            size="3",
            width="100%",
        ),
        rx.cond(S.message != "", rx.callout(S.message, icon="info", size="1", width="100%"), rx.fragment()),
        rx.cond(
            S.rows.length() == 0,
            empty_state(
                "clock",
                "No timeline yet",
                "Plan the day hour by hour: who does what, where and when.",
                rx.cond(
                    S.can_edit, rx.button(T("Add an item"), on_click=S.new_item(""), variant="soft"), rx.fragment()
                ),
            ),
            rx.card(
                rx.vstack(rx.foreach(S.rows, lambda r: _row(r, editable=True)), spacing="0", width="100%"),
                size="3",
                width="100%",
            ),
        ),
        rx.cond(S.can_edit, _sharing(), rx.fragment()),
        _calendar(),
        _item_form(),
        confirm_dialog(
            "Remove this item?",
            rx.text.strong(S.delete_title),
            S.confirm_delete,
            confirm_label="Delete",
            open=S.delete_id != "",
            on_open_change=S.cancel_delete,
            id="timeline-delete-confirm",
        ),
        confirm_dialog(
            "Revoke this link?",
            "Whoever has it will no longer see the timeline.",
            S.confirm_revoke,
            confirm_label="Revoke",
            open=S.revoke_id != "",
            on_open_change=S.cancel_revoke,
            id="share-revoke-confirm",
        ),
        spacing="4",
        width="100%",
        max_width="960px",
    )


def timeline_page() -> rx.Component:
    return app_layout(
        rx.cond(~S.loaded, page_loading(), rx.cond(S.not_found, not_found_card(), _timeline())),
        title="Timeline",
    )


def _shared_layout(*children: rx.Component) -> rx.Component:
    """A light frame for vendors and the wedding party: no account needed, so no log-in buttons."""
    return rx.box(
        rx.el.header(
            rx.hstack(logo(), rx.spacer(), language_switcher(), align="center", spacing="3", class_name="container"),
            class_name="site-header",
            padding_y="12px",
        ),
        rx.el.main(*children, id="main"),
        rx.el.footer(
            rx.text("Attitudes.vip · ", T("Self-hostable wedding planning"), size="1", color_scheme="gray"),
            class_name="container",
            padding_y="24px",
        ),
        on_mount=LangState.detect,
    )


def shared_timeline_page() -> rx.Component:
    P = SharedTimelineState
    return _shared_layout(
        rx.box(
            rx.cond(
                ~P.loaded,
                page_loading(),
                rx.cond(
                    P.valid,
                    rx.vstack(
                        rx.vstack(
                            rx.text(T("Wedding day timeline"), size="2", color_scheme="gray", weight="medium"),
                            rx.heading(P.couple, size="7", as_="h1"),
                            rx.text(
                                P.date,
                                rx.cond(P.venue != "", rx.text.span(" · ", P.venue), rx.fragment()),
                                size="3",
                                color_scheme="gray",
                            ),
                            rx.hstack(
                                rx.badge(T("Times in"), " ", P.timezone, variant="soft"),
                                rx.link(
                                    rx.button(
                                        rx.icon("printer", size=14, aria_hidden="true"),
                                        T("Run sheet (PDF)"),
                                        size="1",
                                        variant="soft",
                                    ),
                                    href=P.pdf_url,
                                    is_external=True,
                                ),
                                spacing="3",
                                align="center",
                                wrap="wrap",
                            ),
                            spacing="2",
                        ),
                        rx.cond(
                            P.rows.length() == 0,
                            rx.text(T("Nothing scheduled yet."), color_scheme="gray"),
                            rx.card(
                                rx.vstack(
                                    rx.foreach(P.rows, lambda r: _row(r, editable=False)), spacing="0", width="100%"
                                ),
                                size="2",
                                width="100%",
                                data_testid="shared-timeline",
                            ),
                        ),
                        spacing="4",
                        width="100%",
                    ),
                    rx.card(
                        rx.vstack(
                            rx.icon("link_2_off", size=32, color=rx.color("plum", 9), aria_hidden="true"),
                            rx.heading(T("Timeline"), size="6", as_="h1"),
                            rx.callout(
                                P.problem, icon="triangle_alert", color_scheme="amber", data_testid="share-problem"
                            ),
                            align="center",
                            spacing="3",
                        ),
                        size="4",
                    ),
                ),
            ),
            class_name="container",
            max_width="760px",
            padding_y="24px",
        )
    )


ON_LOAD = [ShellState.enter("timeline"), TimelineState.load]
ON_LOAD_SHARED = [ShellState.peek, SharedTimelineState.load]
