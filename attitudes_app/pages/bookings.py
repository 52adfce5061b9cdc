"""Bookings pages: the couple's quotes and bookings, the vendor's requests and messages, admin review moderation."""

from __future__ import annotations

import reflex as rx

from components.bookings import stars, status_badge, thread_panel, unread_badge
from components.cards import not_found_card, section
from components.dialogs import confirm_dialog, form_dialog, reason_dialog
from components.forms import field, form_error
from components.i18n import T
from components.shell import app_layout, empty_state, page_loading
from components.vendor_shell import vendor_layout
from models.bookings import REVIEW_ASPECTS
from services.reviews import ASPECT_LABELS
from state.bookings import (
    AdminReviewsState,
    BookingsState,
    ThreadState,
    VendorMessagesState,
    VendorRequestsState,
)
from state.shell import ShellState

B, V, M, A = BookingsState, VendorRequestsState, VendorMessagesState, AdminReviewsState


def _labelled(name: str, label: str, control: rx.Component, errors: rx.Var) -> rx.Component:
    return rx.box(
        rx.el.label(rx.el.span(T(label), class_name="field-label"), control, class_name="field"),
        rx.text(errors[name].to(str), id=f"e-{name}", size="2", color_scheme="red", role="alert", min_height="1.2em"),
        width="100%",
    )


def _fact(label: str, value: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(T(label), size="1", color_scheme="gray"),
        rx.text(value, size="2", weight="medium"),
        spacing="0",
    )


def _proposal(row: rx.Var) -> rx.Component:
    return rx.cond(
        row["has_proposal"].to(bool),
        rx.box(
            rx.grid(
                _fact("Package", rx.cond(row["package"].to(str) != "", row["package"].to(str), T("Custom offer"))),
                _fact("Price", row["price"].to(str)),
                rx.cond(
                    row["deposit"].to(str) != "",
                    _fact("Deposit", row["deposit"].to(str) + " · " + row["deposit_due"].to(str)),
                    _fact("Deposit", T("None")),
                ),
                _fact("Balance due", row["balance_due"].to(str)),
                columns=rx.breakpoints(initial="2", sm="4"),
                spacing="3",
                width="100%",
            ),
            rx.cond(
                row["note"].to(str) != "",
                rx.text(row["note"].to(str), size="2", color_scheme="gray", white_space="pre-wrap", margin_top="8px"),
                rx.fragment(),
            ),
            background=rx.color("plum", 2),
            border_radius="8px",
            padding="10px 12px",
            width="100%",
            data_testid="proposal",
        ),
        rx.fragment(),
    )


def _messages_button(row: rx.Var) -> rx.Component:
    return rx.cond(row["thread_id"].to(str) != "", _thread_button(row), rx.fragment())


def _thread_button(row: rx.Var) -> rx.Component:
    return rx.button(
        rx.icon("messages_square", size=16, aria_hidden="true"),
        T("Messages"),
        unread_badge(row["unread"].to(int)),
        variant=rx.cond(ThreadState.open_id == row["thread_id"].to(str), "solid", "soft"),
        on_click=ThreadState.open(row["thread_id"].to(str)),
        data_testid="open-thread",
    )


# ---- couple side --------------------------------------------------------------------------------


def _quote_card(row: rx.Var) -> rx.Component:
    qid, booking_id = row["id"].to(str), row["booking_id"].to(str)
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(row["vendor"].to(str), size="4", as_="h3"),
                status_badge(row["status"].to(str), row["status_label"].to(str)),
                rx.spacer(),
                rx.text(T("For"), " ", row["day"].to(str), size="2", weight="medium"),
                align="center",
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            rx.text(T("Requested on"), " ", row["requested"].to(str), size="1", color_scheme="gray"),
            _proposal(row),
            rx.hstack(
                _messages_button(row),
                rx.cond(  # contracts to sign (attitudes_app/pages/contracts.py), once a booking exists
                    booking_id != "",
                    rx.link(
                        rx.button(rx.icon("file_text", size=16, aria_hidden="true"), T("Contracts"), variant="soft"),
                        href="/w/" + ShellState.current_wedding_id + "/contracts",
                        data_testid="booking-contracts",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    row["can_answer"].to(bool),
                    rx.hstack(
                        rx.button(
                            rx.icon("check", size=16, aria_hidden="true"),
                            T("Accept and book"),
                            color_scheme="green",
                            on_click=B.ask(qid, "accept"),
                            data_testid="accept-proposal",
                        ),
                        rx.button(T("Decline"), variant="soft", color_scheme="gray", on_click=B.ask(qid, "decline")),
                        spacing="2",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    row["can_withdraw"].to(bool),
                    rx.button(
                        T("Withdraw request"), variant="soft", color_scheme="gray", on_click=B.ask(qid, "withdraw")
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    row["can_review"].to(bool),
                    rx.button(
                        rx.icon("star", size=16, aria_hidden="true"),
                        T("Review this vendor"),
                        variant="soft",
                        color_scheme="amber",
                        on_click=B.start_review(booking_id),
                        data_testid="start-review",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    row["reviewed"].to(bool),
                    rx.badge(
                        rx.icon("star", size=12, aria_hidden="true"),
                        T("Your review"),
                        " ",
                        row["review_overall"].to(str),
                        color_scheme="amber",
                        variant="soft",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    row["review_pending"].to(bool),
                    rx.text(T("You can review this vendor after the day."), size="1", color_scheme="gray"),
                    rx.fragment(),
                ),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
        data_testid="quote-card",
    )


def _request_dialog() -> rx.Component:
    return form_dialog(
        (T("Request a quote"), " · ", B.request_vendor),
        "The vendor sees your wedding's date, your names and your guest count, never your guest list.",
        [
            field("day", "Day", B.errors, type="date", default_value=B.request_day),
            _labelled(
                "message",
                "Message",
                rx.text_area(
                    name="message",
                    rows="5",
                    placeholder=T("Tell the vendor about your wedding and what you need."),
                    aria_describedby="e-message",
                ),
                B.errors,
            ),
        ],
        rx.button(T("Send request"), type="submit", loading=B.request_busy, data_testid="send-request"),
        B.send_request,
        open=B.request_open,
        on_open_change=B.close_request,
        key=B.form_key.to(str),
        error=form_error(B.form_error),
        max_width="560px",
    )


def _confirm_dialog() -> rx.Component:
    kind = B.confirm_kind
    return confirm_dialog(
        rx.match(
            kind,
            ("accept", T("Book this vendor?")),
            ("decline", T("Decline this proposal?")),
            T("Withdraw this request?"),
        ),
        rx.fragment(
            rx.text.strong(B.confirm_vendor),
            rx.cond(kind == "accept", rx.text.span(" · ", B.confirm_price), rx.fragment()),
        ),
        B.confirm,
        detail=rx.cond(
            kind == "accept",
            T("The date is reserved for you and the deposit and balance are added to your budget."),
            T("The vendor is told. You can send a new request later."),
        ),
        confirm_label=rx.cond(kind == "accept", T("Accept and book"), T("Confirm")),
        color=rx.cond(kind == "accept", "green", "red"),
        open=B.confirm_id != "",
        on_open_change=B.cancel_confirm,
        data_testid="confirm-action",
    )


def _stars_select(aspect: str) -> rx.Component:
    return _labelled(
        aspect,
        ASPECT_LABELS[aspect],
        rx.el.select(
            rx.el.option("—", value=""),
            *[rx.el.option("★" * n + f" ({n})", value=str(n)) for n in range(5, 0, -1)],
            name=aspect,
            default_value="",
            aria_describedby=f"e-{aspect}",
            class_name="native-select",
        ),
        B.errors,
    )


def _review_dialog() -> rx.Component:
    return form_dialog(
        (T("Review"), " · ", B.review_vendor),
        "Your review is shown on the vendor's page with your name.",
        [
            rx.grid(
                *[_stars_select(a) for a in REVIEW_ASPECTS],
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            _labelled(
                "text",
                "How did it go?",
                rx.text_area(name="text", rows="5", aria_describedby="e-text"),
                B.errors,
            ),
        ],
        rx.button(T("Publish review"), type="submit", data_testid="send-review"),
        B.send_review,
        open=B.review_booking != "",
        on_open_change=B.close_review,
        key=B.form_key.to(str),
        error=form_error(B.form_error),
        max_width="560px",
    )


def _message_callout(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="info", size="1", width="100%", role="status", data_testid="page-message"),
        rx.fragment(),
    )


def _couple() -> rx.Component:
    return rx.vstack(
        rx.card(
            rx.hstack(
                rx.vstack(
                    rx.heading(T("Quotes and bookings"), size="4", as_="h2"),
                    rx.text(
                        T("Ask vendors for a quote, compare their proposals, book, and talk with them here."),
                        size="2",
                        color_scheme="gray",
                    ),
                    spacing="1",
                ),
                rx.spacer(),
                rx.link(
                    rx.button(rx.icon("search", size=16, aria_hidden="true"), T("Find vendors"), variant="soft"),
                    href="/w/" + ShellState.current_wedding_id + "/vendors",
                ),
                align="center",
                wrap="wrap",
                spacing="3",
                width="100%",
            ),
            size="3",
            width="100%",
        ),
        _message_callout(B.message),
        rx.grid(
            rx.cond(
                B.rows.length() > 0,
                rx.vstack(rx.foreach(B.rows, _quote_card), spacing="3", width="100%", data_testid="quotes"),
                empty_state(
                    "handshake",
                    "No quotes yet",
                    "Find a vendor in the marketplace and ask them for a quote for your day.",
                    rx.link(
                        rx.button(T("Find vendors"), variant="soft"),
                        href="/w/" + ShellState.current_wedding_id + "/vendors",
                    ),
                ),
            ),
            thread_panel(),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
            align_items="start",
        ),
        _request_dialog(),
        _confirm_dialog(),
        _review_dialog(),
        spacing="4",
        width="100%",
        max_width="1200px",
    )


def bookings_page() -> rx.Component:
    return app_layout(
        rx.cond(~B.loaded, page_loading(), rx.cond(B.not_found, not_found_card(), _couple())),
        title="Bookings",
    )


# ---- vendor side --------------------------------------------------------------------------------


def _vendor_card(row: rx.Var) -> rx.Component:
    qid = row["id"].to(str)
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(row["couple"].to(str), size="4", as_="h3"),
                status_badge(row["status"].to(str), row["status_label"].to(str)),
                rx.spacer(),
                rx.text(T("For"), " ", row["day"].to(str), size="2", weight="medium"),
                align="center",
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            rx.hstack(
                rx.hstack(
                    rx.icon("calendar_heart", size=14, aria_hidden="true"),
                    rx.text(T("Wedding"), " ", row["wedding_day"].to(str), size="2"),
                    spacing="1",
                    align="center",
                ),
                rx.hstack(
                    rx.icon("users", size=14, aria_hidden="true"),
                    rx.text(row["guests"].to(str), " ", T("guests"), size="2", data_testid="guest-count"),
                    spacing="1",
                    align="center",
                ),
                rx.text(T("Requested on"), " ", row["requested"].to(str), size="1", color_scheme="gray"),
                spacing="4",
                wrap="wrap",
                align="center",
            ),
            rx.text(row["message"].to(str), size="2", white_space="pre-wrap", data_testid="request-message"),
            _proposal(row),
            rx.hstack(
                _messages_button(row),
                rx.cond(  # contracts (attitudes_app/pages/contracts.py) attach to a confirmed booking
                    row["booking_id"].to(str) != "",
                    rx.link(
                        rx.button(rx.icon("file_text", size=16, aria_hidden="true"), T("Contracts"), variant="soft"),
                        href="/vendor/contracts?booking=" + row["booking_id"].to(str),
                        data_testid="booking-contracts",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    row["can_answer"].to(bool),
                    rx.hstack(
                        rx.button(
                            rx.icon("file_pen_line", size=16, aria_hidden="true"),
                            rx.cond(row["has_proposal"].to(bool), T("Change the proposal"), T("Send a proposal")),
                            on_click=V.start_proposal(qid),
                            data_testid="start-proposal",
                        ),
                        rx.button(T("Decline"), variant="soft", color_scheme="gray", on_click=V.ask_decline(qid)),
                        spacing="2",
                    ),
                    rx.fragment(),
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
        data_testid="request-card",
    )


def _proposal_dialog() -> rx.Component:
    v = V.values
    return form_dialog(
        (T("Proposal"), " · ", V.propose_couple),
        "Choose one of your packages or make a custom offer. Amounts are in the couple's currency.",
        [
            _labelled(
                "package_id",
                "Package",
                rx.el.select(
                    rx.el.option(T("Custom offer"), value=""),
                    rx.foreach(V.packages, lambda p: rx.el.option(p["label"], value=p["id"])),
                    name="package_id",
                    default_value=v["package_id"].to(str),
                    aria_describedby="e-package_id",
                    class_name="native-select",
                ),
                V.errors,
            ),
            field(
                "price",
                "Price",
                V.errors,
                default_value=v["price"].to(str),
                hint="Leave empty to use the package's price.",
                input_mode="decimal",
            ),
            rx.grid(
                field("deposit", "Deposit", V.errors, default_value=v["deposit"].to(str), input_mode="decimal"),
                field(
                    "deposit_due",
                    "Deposit due on",
                    V.errors,
                    type="date",
                    default_value=v["deposit_due"].to(str),
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            field("balance_due", "Balance due on", V.errors, type="date", default_value=v["balance_due"].to(str)),
            _labelled(
                "note",
                "Note to the couple",
                rx.text_area(name="note", rows="3", default_value=v["note"].to(str), aria_describedby="e-note"),
                V.errors,
            ),
        ],
        rx.button(T("Send proposal"), type="submit", data_testid="send-proposal"),
        V.send_proposal,
        open=V.propose_id != "",
        on_open_change=V.close_proposal,
        key=V.form_key.to(str),
        error=form_error(V.form_error),
        max_width="600px",
    )


def _decline_dialog() -> rx.Component:
    return reason_dialog(
        "Decline this request?",
        rx.text.strong(V.decline_couple),
        rx.el.label(
            rx.el.span(T("A word for the couple (optional)"), class_name="field-label"),
            rx.text_area(name="reason", rows="3"),
            class_name="field",
            width="100%",
        ),
        "Decline",
        V.confirm_decline,
        open=V.decline_id != "",
        on_open_change=V.cancel_decline,
        alert=True,
    )


def _own_review(r: rx.Var) -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.hstack(
                stars(r["stars"].to(int)),
                rx.text(r["couple"].to(str), " · ", r["when"].to(str), size="1", color_scheme="gray"),
                rx.cond(
                    r["hidden"].to(bool),
                    rx.badge(T("Hidden by moderation"), color_scheme="red", variant="soft"),
                    rx.fragment(),
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(r["text"].to(str), size="2", white_space="pre-wrap"),
            rx.cond(
                r["replied"].to(bool),
                rx.box(
                    rx.text(T("Your reply"), size="1", weight="bold"),
                    rx.text(r["reply"].to(str), size="2"),
                    border_left=f"3px solid {rx.color('plum', 7)}",
                    padding_left="10px",
                ),
                rx.button(
                    T("Reply"), size="1", variant="soft", on_click=V.start_reply(r["id"].to(str)), data_testid="reply"
                ),
            ),
            spacing="2",
            width="100%",
        ),
        padding_y="10px",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        width="100%",
        data_testid="own-review",
    )


def _reply_dialog() -> rx.Component:
    return form_dialog(
        "Reply to this review",
        "Your reply is public and can be written only once.",
        [_labelled("reply", "Reply", rx.text_area(name="reply", rows="4", aria_describedby="e-reply"), V.errors)],
        rx.button(T("Publish reply"), type="submit"),
        V.send_reply,
        open=V.reply_id != "",
        on_open_change=V.cancel_reply,
        key=V.form_key.to(str),
    )


_VENDOR_FILTERS = (("open", "To answer"), ("booked", "Booked"), ("closed", "Closed"), ("all", "All"))


def _filters(state, options) -> rx.Component:
    return rx.hstack(
        *[
            rx.button(
                T(label),
                size="2",
                variant=rx.cond(state.flt == key, "solid", "soft"),
                color_scheme=rx.cond(state.flt == key, "plum", "gray"),
                aria_pressed=rx.cond(state.flt == key, "true", "false"),
                on_click=state.choose(key),
                data_testid=f"filter-{key}",
            )
            for key, label in options
        ],
        spacing="2",
        wrap="wrap",
    )


def _vendor_requests() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            _filters(V, _VENDOR_FILTERS),
            rx.spacer(),
            rx.cond(
                V.open_count > 0,
                rx.badge(V.open_count.to(str), " ", T("new"), color_scheme="amber", variant="soft", radius="full"),
                rx.fragment(),
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        _message_callout(V.message),
        rx.grid(
            rx.cond(
                V.shown.length() > 0,
                rx.vstack(rx.foreach(V.shown, _vendor_card), spacing="3", width="100%"),
                empty_state(
                    "inbox",
                    "Nothing here",
                    "Quote requests from couples appear here once your profile is published.",
                ),
            ),
            thread_panel(),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
            align_items="start",
        ),
        section(
            "Reviews",
            rx.cond(
                V.my_reviews.length() > 0,
                rx.vstack(rx.foreach(V.my_reviews, _own_review), spacing="0", width="100%"),
                rx.text(T("No reviews yet."), size="2", color_scheme="gray"),
            ),
        ),
        _proposal_dialog(),
        _decline_dialog(),
        _reply_dialog(),
        spacing="4",
        width="100%",
        max_width="1200px",
    )


def _vendor_not_found() -> rx.Component:
    return not_found_card()


def vendor_requests_page() -> rx.Component:
    return vendor_layout(
        rx.cond(~V.loaded, page_loading(), rx.cond(V.not_found, _vendor_not_found(), _vendor_requests())),
        title="Requests and bookings",
    )


def _thread_item(t: rx.Var) -> rx.Component:
    active = ThreadState.open_id == t["id"].to(str)
    return rx.button(
        rx.vstack(
            rx.hstack(
                rx.text(t["title"].to(str), weight="bold", size="2"),
                rx.spacer(),
                unread_badge(t["unread"].to(int)),
                width="100%",
                align="center",
            ),
            rx.text(t["day"].to(str), " · ", t["status"].to(str), size="1", color_scheme="gray"),
            rx.text(t["preview"].to(str), size="1", color_scheme="gray", trim="both", class_name="clamp-1"),
            spacing="1",
            align_items="start",
            width="100%",
        ),
        variant=rx.cond(active, "soft", "ghost"),
        color_scheme=rx.cond(active, "plum", "gray"),
        height="auto",
        padding="10px",
        width="100%",
        text_align="left",
        on_click=M.open_thread(t["id"].to(str)),
        data_testid="thread-item",
    )


def _vendor_messages() -> rx.Component:
    return rx.grid(
        rx.card(
            rx.cond(
                M.threads.length() > 0,
                rx.vstack(rx.foreach(M.threads, _thread_item), spacing="1", width="100%"),
                rx.text(T("No conversations yet."), size="2", color_scheme="gray"),
            ),
            size="2",
            width="100%",
        ),
        thread_panel(),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
        max_width="1200px",
        align_items="start",
    )


def vendor_messages_page() -> rx.Component:
    return vendor_layout(
        rx.cond(~M.loaded, page_loading(), rx.cond(M.not_found, _vendor_not_found(), _vendor_messages())),
        title="Messages",
    )


# ---- admin ----------------------------------------------------------------------------------------


def _admin_row(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(r["vendor"].to(str), weight="bold"),
                stars(r["stars"].to(int)),
                rx.text(r["overall"].to(str), size="2"),
                rx.text(r["author"].to(str), " · ", r["when"].to(str), size="1", color_scheme="gray"),
                rx.cond(
                    r["hidden"].to(bool),
                    rx.badge(T("Hidden"), color_scheme="red", variant="soft"),
                    rx.badge(T("Visible"), color_scheme="green", variant="soft"),
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(r["text"].to(str), size="2", white_space="pre-wrap"),
            rx.cond(
                r["hidden"].to(bool),
                rx.text(T("Reason"), ": ", r["hidden_reason"].to(str), size="2", color_scheme="red"),
                rx.fragment(),
            ),
            rx.cond(
                r["hidden"].to(bool),
                rx.button(T("Show again"), size="1", variant="soft", on_click=A.unhide(r["id"].to(str))),
                rx.button(
                    T("Hide"),
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=A.ask_hide(r["id"].to(str)),
                    data_testid="hide-review",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        data_testid="admin-review",
    )


def _hide_dialog() -> rx.Component:
    return reason_dialog(
        "Hide this review?",
        "Hidden reviews no longer count in the vendor's rating. The reason is recorded.",
        _labelled("reason", "Reason", rx.text_area(name="reason", rows="3", aria_describedby="e-reason"), A.errors),
        "Hide",
        A.hide,
        open=A.hide_id != "",
        on_open_change=A.cancel_hide,
        key=A.form_key.to(str),
    )


def _admin() -> rx.Component:
    return rx.vstack(
        _filters(A, (("all", "All"), ("visible", "Visible"), ("hidden", "Hidden"))),
        _message_callout(A.message),
        rx.cond(
            A.rows.length() > 0,
            rx.vstack(rx.foreach(A.rows, _admin_row), spacing="3", width="100%"),
            rx.text(T("No reviews to show."), color_scheme="gray"),
        ),
        _hide_dialog(),
        spacing="4",
        width="100%",
        max_width="960px",
    )


def admin_reviews_page() -> rx.Component:
    return app_layout(
        rx.cond(~A.loaded, page_loading(), rx.cond(A.not_found, not_found_card(), _admin())),
        title="Reviews",
        wedding_nav=False,
    )


ON_LOAD = [ShellState.enter("bookings"), BookingsState.load]
ON_LOAD_VENDOR_REQUESTS = [ShellState.enter("vendor_requests"), VendorRequestsState.load]
ON_LOAD_VENDOR_MESSAGES = [ShellState.enter("vendor_messages"), VendorMessagesState.load]
ON_LOAD_ADMIN = [ShellState.enter("admin_reviews"), AdminReviewsState.load]
