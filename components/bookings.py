"""Shared pieces of the bookings pages: the live message thread, stars, status badges, and the vendor's
reviews section that the vendor profile page shows (`reviews_section()`)."""

from __future__ import annotations

import reflex as rx

from components.i18n import T
from state.bookings import ThreadState, VendorReviewsState

THREAD_UPLOAD = "thread-files"
STATUS_COLORS = {"requested": "amber", "proposed": "blue", "accepted": "green", "declined": "gray", "withdrawn": "gray"}


def status_badge(status: rx.Var, label: rx.Var) -> rx.Component:
    return rx.badge(
        label,
        color_scheme=rx.match(status, *STATUS_COLORS.items(), "gray"),
        variant="soft",
        radius="full",
        data_testid="quote-status",
    )


def stars(count: rx.Var, size: int = 14) -> rx.Component:
    """Five stars, `count` of them filled; the number is given to screen readers."""
    return rx.hstack(
        *[
            rx.icon(
                "star",
                size=size,
                color=rx.cond(count >= n, rx.color("amber", 9), rx.color("gray", 6)),
                fill=rx.cond(count >= n, "currentColor", "none"),
                aria_hidden="true",
            )
            for n in range(1, 6)
        ],
        rx.el.span(count.to(str), " / 5", class_name="sr-only"),
        spacing="0",
        align="center",
    )


def unread_badge(n: rx.Var) -> rx.Component:
    return rx.cond(
        n > 0,
        rx.badge(n.to(str), color_scheme="red", variant="solid", radius="full", data_testid="unread-badge"),
        rx.fragment(),
    )


def _file(f: rx.Var) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon("paperclip", size=14, aria_hidden="true"),
            rx.text(f["name"].to(str), size="2"),
            rx.text(f["size"].to(str), size="1", color_scheme="gray"),
            spacing="1",
            align="center",
        ),
        href=f["url"].to(str),
        is_external=True,
        data_testid="attachment",
    )


def _message(m: rx.Var) -> rx.Component:
    mine = m["mine"].to(bool)
    return rx.box(
        rx.vstack(
            rx.hstack(
                rx.text(m["author"].to(str), size="1", weight="bold"),
                rx.text(m["when"].to(str), size="1", color_scheme="gray"),
                spacing="2",
                align="center",
            ),
            rx.cond(
                m["body"].to(str) != "",
                rx.text(m["body"].to(str), size="2", white_space="pre-wrap", data_testid="message-body"),
                rx.fragment(),
            ),
            rx.foreach(m["files"].to(list[dict[str, str]]), _file),
            spacing="1",
            align_items=rx.cond(mine, "end", "start"),
        ),
        background=rx.cond(mine, rx.color("plum", 3), rx.color("gray", 3)),
        border_radius="12px",
        padding="8px 12px",
        max_width="85%",
        align_self=rx.cond(mine, "flex-end", "flex-start"),
        data_testid="message",
    )


def thread_panel() -> rx.Component:
    """The open thread: messages (live), a text box, attachments, send. Empty state when none is open."""
    S = ThreadState
    zone = rx.upload(
        rx.hstack(
            rx.icon("paperclip", size=16, aria_hidden="true"),
            rx.text(T("Attach files (up to 10 MB each)"), size="2"),
            rx.foreach(rx.selected_files(THREAD_UPLOAD), lambda f: rx.badge(f, variant="soft")),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        id=THREAD_UPLOAD,
        multiple=True,
        max_files=5,
        border=f"1px dashed {rx.color('gray', 7)}",
        border_radius="8px",
        padding="8px 12px",
        width="100%",
    )
    zone.children[0].children[0].custom_attrs["aria-label"] = T("Attach files")
    return rx.card(
        rx.cond(
            S.open_id == "",
            rx.vstack(
                rx.icon("messages_square", size=32, color=rx.color("plum", 9), aria_hidden="true"),
                rx.text(T("Choose a conversation to read and answer it."), color_scheme="gray", size="2"),
                align="center",
                padding="24px",
                width="100%",
            ),
            rx.vstack(
                rx.hstack(
                    rx.vstack(
                        rx.heading(S.title, size="4", as_="h2", data_testid="thread-title"),
                        rx.text(S.day, " · ", S.status, size="2", color_scheme="gray"),
                        spacing="0",
                    ),
                    rx.spacer(),
                    rx.cond(
                        S.live,
                        rx.badge(T("Live"), color_scheme="green", variant="soft", radius="full"),
                        rx.fragment(),
                    ),
                    rx.icon_button(
                        rx.icon("x", size=16),
                        variant="ghost",
                        color_scheme="gray",
                        on_click=S.close,
                        aria_label=T("Close"),
                        title=T("Close"),
                    ),
                    align="start",
                    width="100%",
                ),
                rx.separator(),
                rx.vstack(
                    rx.foreach(S.items, _message),
                    spacing="2",
                    width="100%",
                    max_height="420px",
                    overflow_y="auto",
                    role="log",
                    aria_live="polite",
                    aria_label=T("Messages"),
                    data_testid="thread-messages",
                ),
                rx.el.label(
                    rx.el.span(T("Your message"), class_name="field-label"),
                    rx.text_area(
                        default_value="",
                        on_blur=S.keep_draft,
                        rows="3",
                        width="100%",
                        key=S.draft_key.to(str),
                        name="thread-body",
                    ),
                    class_name="field",
                    width="100%",
                ),
                zone,
                rx.cond(
                    S.error != "",
                    rx.callout(S.error, icon="triangle_alert", color_scheme="red", role="alert", width="100%"),
                    rx.fragment(),
                ),
                rx.hstack(
                    rx.button(
                        rx.icon("send", size=16, aria_hidden="true"),
                        T("Send"),
                        on_click=S.send(rx.upload_files(upload_id=THREAD_UPLOAD)),
                        data_testid="thread-send",
                    ),
                    justify="end",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
        ),
        size="2",
        width="100%",
        on_unmount=S.stop,
        id="thread-panel",
        class_name=rx.cond(S.open_id == "", "hide-mobile", ""),  # phones show it once a thread is opened
        data_testid="thread-panel",
    )


def _review(r: rx.Var) -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.hstack(
                stars(r["stars"].to(int)),
                rx.text(r["overall"].to(str), weight="bold", size="2"),
                rx.text(r["author"].to(str), " · ", r["when"].to(str), size="1", color_scheme="gray"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.hstack(
                rx.foreach(
                    r["aspects"].to(list[dict[str, str]]),
                    lambda a: rx.text(a["label"].to(str), " ", a["stars"].to(str), "/5", size="1", color_scheme="gray"),
                ),
                spacing="3",
                wrap="wrap",
            ),
            rx.text(r["text"].to(str), size="2", white_space="pre-wrap"),
            rx.cond(
                r["reply"].to(str) != "",
                rx.box(
                    rx.text(T("The vendor's reply"), size="1", weight="bold"),
                    rx.text(r["reply"].to(str), size="2", white_space="pre-wrap"),
                    border_left=f"3px solid {rx.color('plum', 7)}",
                    padding_left="10px",
                ),
                rx.fragment(),
            ),
            spacing="2",
            width="100%",
        ),
        padding_y="10px",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        width="100%",
        data_testid="review",
    )


def reviews_section() -> rx.Component:
    """The vendor's visible reviews; reads the vendor id from the page's URL (/.../vendors/<vendor_id>)."""
    S = VendorReviewsState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(T("Reviews"), size="4", as_="h2"),
                rx.spacer(),
                rx.cond(
                    S.count > 0,
                    rx.hstack(
                        rx.icon("star", size=16, color=rx.color("amber", 9), fill="currentColor", aria_hidden="true"),
                        rx.text(S.rating, weight="bold"),
                        rx.text("(", S.count.to(str), ")", color_scheme="gray", size="2"),
                        spacing="1",
                        align="center",
                        data_testid="rating",
                    ),
                    rx.fragment(),
                ),
                width="100%",
                align="center",
            ),
            rx.cond(
                S.count > 0,
                rx.vstack(rx.foreach(S.reviews, _review), spacing="0", width="100%"),
                rx.text(
                    T("No reviews yet. Couples can review a vendor after their wedding day."),
                    size="2",
                    color_scheme="gray",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        size="3",
        width="100%",
        on_mount=S.load,
        data_testid="reviews-section",
    )


def quote_button() -> rx.Component:
    """ "Request a quote" on a vendor's profile page: opens the request form on the wedding's bookings page."""
    return rx.button(
        rx.icon("send", size=16, aria_hidden="true"),
        T("Request a quote"),
        size="3",
        on_click=VendorReviewsState.request_quote,
        data_testid="request-quote",
        width="fit-content",
    )
