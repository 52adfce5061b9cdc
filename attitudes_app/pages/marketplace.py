"""The couple side of vendors: /w/<id>/vendors (search), /w/<id>/vendors/<vendor_id>, /w/<id>/vendors/compare."""

from __future__ import annotations

import reflex as rx

from attitudes_app.pages.vendor_profile import image_url
from components.bookings import quote_button, reviews_section
from components.cards import not_found_card, section
from components.forms import form_error
from components.i18n import T
from components.shell import app_layout, empty_state, page_loading
from services import vendors
from state.shell import ShellState
from state.vendor_marketplace import CompareState, MarketplaceState, VendorDetailState

M, D, C = MarketplaceState, VendorDetailState, CompareState
WID = ShellState.current_wedding_id

FORMULA = (
    "Why this order: score = text match × 0.6 + rating × 0.3 + profile completeness × 0.1. Text match is "
    "PostgreSQL ts_rank (or SQLite bm25) scaled to 0–1; rating is the Bayesian average "
    "(reviews × average + 5 × 3.5) ÷ (reviews + 5), divided by 5; completeness is the share of description, "
    "packages, pictures, languages, prices and base city filled in. No vendor can pay to rank higher."
)


def _native_select(name: str, label: str, options: list[tuple[str, str]], value: rx.Var, translate: bool = True):
    return rx.el.label(
        rx.el.span(T(label), class_name="field-label"),
        rx.el.select(
            *[rx.el.option(T(text) if translate else text, value=v) for v, text in options],
            name=name,
            default_value=value,
            class_name="native-select",
        ),
        class_name="field",
        width="100%",
    )


def _filters() -> rx.Component:
    type_options = [("", "All types"), *vendors.TYPE_LABELS.items()]
    lang_options = [("", "Any language"), *vendors.SPOKEN_LANGUAGES.items()]
    return rx.card(
        rx.form(
            rx.vstack(
                rx.hstack(
                    rx.el.label(
                        rx.el.span(T("Search vendors"), class_name="sr-only"),
                        rx.input(
                            rx.input.slot(rx.icon("search", size=16, aria_hidden="true")),
                            name="q",
                            default_value=M.q,
                            placeholder=T("Words: style, package, city…"),
                            size="3",
                            width="100%",
                            type="search",
                        ),
                        flex="1",
                        width="100%",
                    ),
                    rx.button(T("Search"), type="submit", size="3", loading=M.searching, id="market-search"),
                    width="100%",
                    spacing="2",
                ),
                rx.grid(
                    _native_select("vendor_type", "Type", type_options, M.vendor_type),
                    _native_select("language", "Language", lang_options, M.language),
                    rx.el.label(
                        rx.el.span(T("Budget from"), class_name="field-label"),
                        rx.input(name="price_min", default_value=M.price_min, inputmode="decimal", size="2"),
                        rx.text(M.errors["price_min"].to(str), size="1", color_scheme="red", role="alert"),
                        class_name="field",
                    ),
                    rx.el.label(
                        rx.el.span(T("Budget up to"), class_name="field-label"),
                        rx.input(name="price_max", default_value=M.price_max, inputmode="decimal", size="2"),
                        rx.text(M.errors["price_max"].to(str), size="1", color_scheme="red", role="alert"),
                        class_name="field",
                    ),
                    _native_select(
                        "min_rating",
                        "Minimum rating",
                        [("", "Any rating"), ("3", "3 ★ and up"), ("4", "4 ★ and up"), ("4.5", "4.5 ★ and up")],
                        M.min_rating,
                    ),
                    _native_select(
                        "sort",
                        "Sort by",
                        [("relevance", "Relevance"), ("rating", "Rating"), ("price", "Price, lowest first")],
                        M.sort,
                    ),
                    columns=rx.breakpoints(initial="2", md="3", lg="6"),
                    spacing="3",
                    width="100%",
                ),
                rx.hstack(
                    rx.el.label(
                        rx.switch(checked=M.in_area, on_change=M.toggle_area),
                        rx.cond(
                            M.city != "",
                            rx.text.span(T("Serves the wedding's area"), " (", M.city, ")"),
                            T("Serves the wedding's area"),
                        ),
                        class_name="radio-label",
                        style={"display": "inline-flex", "gap": "8px", "align_items": "center"},
                    ),
                    rx.el.label(
                        rx.switch(checked=M.available, on_change=M.toggle_available),
                        rx.text.span(T("Available on"), " ", M.date_label),
                        class_name="radio-label",
                        style={"display": "inline-flex", "gap": "8px", "align_items": "center"},
                    ),
                    spacing="5",
                    wrap="wrap",
                ),
                rx.cond(
                    M.in_area & ~M.area_applied,
                    rx.text(
                        T("The area filter is off: the wedding has no town yet."),
                        " ",
                        rx.link(
                            T("Choose its town in the wedding details."),
                            href="/w/" + WID + "/settings",
                            data_testid="choose-wedding-town",
                        ),
                        size="1",
                        color_scheme="amber",
                    ),
                    rx.fragment(),
                ),
                form_error(M.form_error),
                spacing="3",
                width="100%",
            ),
            on_submit=M.search,
            key=M.form_key.to(str),
            width="100%",
        ),
        size="3",
        width="100%",
    )


def _hit(h: rx.Var) -> rx.Component:
    vid = h["id"].to(str)
    return rx.card(
        rx.vstack(
            rx.cond(
                h["thumb"].to(str) != "",
                rx.image(
                    src=image_url(h["thumb"].to(str), "thumb"),
                    alt="",
                    width="100%",
                    height="160px",
                    object_fit="cover",
                    border_radius="8px",
                    loading="lazy",
                ),
                rx.center(
                    rx.icon("image", size=32, color=rx.color("gray", 8), aria_hidden="true"),
                    height="160px",
                    width="100%",
                    background=rx.color("gray", 3),
                    border_radius="8px",
                ),
            ),
            rx.link(
                rx.heading(h["name"].to(str), size="4", as_="h3"),
                href="/w/" + WID + "/vendors/" + vid,
                underline="hover",
                data_testid="vendor-link",
            ),
            rx.text(h["types"].to(str), " · ", h["city"].to(str), size="2", color_scheme="gray"),
            rx.text(h["snippet"].to(str), size="2"),
            rx.flex(
                rx.badge(h["price"].to(str), variant="soft"),
                rx.badge(h["rating"].to(str), variant="soft", color_scheme="amber"),
                rx.cond(
                    h["distance"].to(str) != "",
                    rx.badge(h["distance"].to(str), variant="outline", color_scheme="gray"),
                    rx.fragment(),
                ),
                rx.cond(
                    h["languages"].to(str) != "",
                    rx.badge(h["languages"].to(str), variant="outline", color_scheme="gray"),
                    rx.fragment(),
                ),
                wrap="wrap",
                spacing="1",
            ),
            rx.text(T("Score"), " ", h["why"].to(str), size="1", color_scheme="gray", data_testid="why-score"),
            rx.cond(
                M.can_book,
                rx.button(
                    rx.cond(
                        h["shortlisted"].to(bool),
                        rx.icon("bookmark_check", size=16, aria_hidden="true"),
                        rx.icon("bookmark_plus", size=16, aria_hidden="true"),
                    ),
                    rx.cond(h["shortlisted"].to(bool), T("On your shortlist"), T("Add to shortlist")),
                    variant=rx.cond(h["shortlisted"].to(bool), "solid", "soft"),
                    on_click=M.toggle_shortlist(vid),
                    size="2",
                    aria_pressed=rx.cond(h["shortlisted"].to(bool), "true", "false"),
                    data_testid="shortlist-toggle",
                ),
                rx.fragment(),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        data_testid="vendor-card",
    )


def _results() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(M.total_label, weight="medium", data_testid="result-count"),
            rx.spacer(),
            rx.link(
                rx.button(
                    rx.icon("columns_3", size=16, aria_hidden="true"), T("Compare shortlist"), variant="soft", size="2"
                ),
                href="/w/" + WID + "/vendors/compare",
            ),
            width="100%",
            align="center",
        ),
        rx.callout(T(FORMULA), icon="info", color_scheme="gray", size="1", data_testid="ranking-formula"),
        rx.cond(
            M.hits.length() > 0,
            rx.grid(
                rx.foreach(M.hits, _hit), columns=rx.breakpoints(initial="1", sm="2", xl="3"), spacing="3", width="100%"
            ),
            empty_state("search_x", "No vendor matches", "Try fewer words, another type, or switch off a filter."),
        ),
        rx.cond(
            M.pages > 1,
            rx.hstack(
                rx.button(T("Previous"), variant="soft", disabled=M.page <= 1, on_click=M.go_page(M.page - 1)),
                rx.text(T("Page"), " ", M.page.to(str), " / ", M.pages.to(str), size="2"),
                rx.button(
                    T("Next"),
                    variant="soft",
                    disabled=M.page >= M.pages,
                    on_click=M.go_page(M.page + 1),
                    id="market-next",
                ),
                justify="center",
                align="center",
                spacing="3",
                width="100%",
            ),
            rx.fragment(),
        ),
        spacing="3",
        width="100%",
    )


def _shortlist_box() -> rx.Component:
    return section(
        "Shortlist",
        rx.cond(
            M.shortlist.length() > 0,
            rx.vstack(
                rx.foreach(
                    M.shortlist,
                    lambda s: rx.link(
                        s["name"], href="/w/" + WID + "/vendors/" + s["id"], size="2", data_testid="shortlist-item"
                    ),
                ),
                spacing="1",
            ),
            rx.text(T("Vendors you shortlist appear here, ready to compare."), size="2", color_scheme="gray"),
        ),
    )


def marketplace_page() -> rx.Component:
    return app_layout(
        rx.cond(
            ~M.loaded,
            page_loading(),
            rx.cond(
                M.not_found,
                not_found_card(),
                rx.vstack(
                    _filters(),
                    rx.grid(
                        _results(),
                        _shortlist_box(),
                        columns=rx.breakpoints(initial="1", lg="1fr 280px"),
                        spacing="4",
                        width="100%",
                    ),
                    spacing="4",
                    width="100%",
                ),
            ),
        ),
        title="Vendors",
    )


# ------------------------------------------------------------------------------------------------ vendor page


def _fact(icon: str, text: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=16, color=rx.color("plum", 10), aria_hidden="true"),
        rx.text(text, size="2"),
        spacing="2",
        align="center",
    )


def vendor_detail_page() -> rx.Component:
    v = D.vendor
    body = rx.vstack(
        rx.link(
            rx.hstack(
                rx.icon("arrow_left", size=16, aria_hidden="true"),
                T("Back to the marketplace"),
                align="center",
                spacing="1",
            ),
            href="/w/" + WID + "/vendors",
            size="2",
        ),
        rx.card(
            rx.vstack(
                rx.heading(v["name"].to(str), size="7", as_="h2", data_testid="vendor-name"),
                rx.text(v["types"].to(str), color_scheme="gray"),
                rx.flex(
                    rx.badge(v["rating"].to(str), color_scheme="amber", variant="soft", size="2"),
                    rx.badge(v["price"].to(str), variant="soft", size="2"),
                    rx.cond(
                        v["available"].to(bool),
                        rx.badge(
                            rx.icon("calendar_check", size=14, aria_hidden="true"),
                            T("Available on"),
                            " ",
                            v["date"].to(str),
                            color_scheme="green",
                            size="2",
                            data_testid="availability",
                        ),
                        rx.badge(
                            rx.icon("calendar_x", size=14, aria_hidden="true"),
                            T("Not available on"),
                            " ",
                            v["date"].to(str),
                            color_scheme="red",
                            size="2",
                            data_testid="availability",
                        ),
                    ),
                    wrap="wrap",
                    spacing="2",
                ),
                rx.text(v["description"].to(str), white_space="pre-wrap"),
                rx.cond(  # bookings: ask this vendor for a quote (state/bookings.py)
                    v["can_book"].to(bool),
                    quote_button(),
                    rx.fragment(),
                ),
                rx.grid(
                    _fact("map_pin", v["city"].to(str)),
                    _fact("route", v["radius"].to(str)),
                    _fact("navigation", v["area"].to(str)),
                    rx.cond(v["distance"].to(str) != "", _fact("ruler", v["distance"].to(str)), rx.fragment()),
                    rx.cond(v["regions"].to(str) != "", _fact("map", v["regions"].to(str)), rx.fragment()),
                    _fact("languages", v["languages"].to(str)),
                    rx.cond(
                        v["several"].to(bool),
                        _fact("calendar_plus", T("Takes several events on the same day")),
                        rx.fragment(),
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="2",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            size="3",
            width="100%",
        ),
        rx.cond(
            D.images.length() > 0,
            section(
                "Portfolio",
                rx.grid(
                    rx.foreach(
                        D.images,
                        lambda img: rx.link(
                            rx.image(
                                src=image_url(img["id"].to(str), "thumb"),
                                alt=T("Portfolio picture"),
                                width="100%",
                                height="150px",
                                object_fit="cover",
                                border_radius="8px",
                                loading="lazy",
                            ),
                            href=image_url(img["id"].to(str), "full"),
                            is_external=True,
                        ),
                    ),
                    columns=rx.breakpoints(initial="2", md="4"),
                    spacing="2",
                    width="100%",
                ),
            ),
            rx.fragment(),
        ),
        section(
            "Packages",
            rx.cond(
                D.packages.length() > 0,
                rx.grid(
                    rx.foreach(
                        D.packages,
                        lambda p: rx.card(
                            rx.vstack(
                                rx.hstack(
                                    rx.text(p["name"].to(str), weight="bold"),
                                    rx.spacer(),
                                    rx.badge(p["price"].to(str), size="2"),
                                    width="100%",
                                ),
                                rx.text(p["description"].to(str), size="2", color_scheme="gray"),
                                rx.el.ul(
                                    rx.foreach(p["included"].to(list[str]), lambda i: rx.el.li(rx.text(i, size="2"))),
                                    style={"padding_left": "18px", "margin": 0},
                                ),
                                spacing="2",
                                width="100%",
                            ),
                            width="100%",
                        ),
                    ),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="3",
                    width="100%",
                ),
                rx.text(T("No packages listed."), size="2", color_scheme="gray"),
            ),
        ),
        reviews_section(),  # bookings: the vendor's visible reviews (components/bookings.py)
        rx.cond(
            v["can_book"].to(bool),
            section(
                "Shortlist",
                rx.form(
                    rx.vstack(
                        rx.el.label(
                            rx.el.span(T("Your note (only your team sees it)"), class_name="field-label"),
                            rx.text_area(name="note", default_value=D.note, rows="3", width="100%", max_length=1000),
                            class_name="field",
                            width="100%",
                        ),
                        rx.hstack(
                            rx.button(
                                rx.cond(v["shortlisted"].to(bool), T("Save note"), T("Add to shortlist")),
                                type="submit",
                                id="detail-shortlist",
                            ),
                            rx.cond(
                                v["shortlisted"].to(bool),
                                rx.button(
                                    T("Remove from shortlist"),
                                    type="button",
                                    variant="soft",
                                    color_scheme="red",
                                    on_click=D.remove_shortlist,
                                    id="detail-unshortlist",
                                ),
                                rx.fragment(),
                            ),
                            spacing="3",
                            wrap="wrap",
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    on_submit=D.save_shortlist,
                    key=D.form_key.to(str),
                    width="100%",
                ),
                rx.cond(
                    D.message != "",
                    rx.callout(D.message, icon="check", color_scheme="green", role="status"),
                    rx.fragment(),
                ),
                rx.cond(
                    D.error != "",
                    rx.callout(D.error, icon="triangle_alert", color_scheme="red", role="alert"),
                    rx.fragment(),
                ),
            ),
            rx.fragment(),
        ),
        spacing="4",
        width="100%",
    )
    return app_layout(rx.cond(~D.loaded, page_loading(), rx.cond(D.not_found, not_found_card(), body)), title="Vendor")


# ------------------------------------------------------------------------------------------------ compare


def _row(label: str, key: str) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(T(label)),
        rx.foreach(C.columns, lambda c: rx.table.cell(rx.text(c[key].to(str), size="2"))),
    )


def compare_page() -> rx.Component:
    picker = section(
        "Choose 2 to 4 shortlisted vendors",
        rx.cond(
            C.shortlist.length() > 0,
            rx.flex(
                rx.foreach(
                    C.shortlist,
                    lambda s: rx.el.label(
                        rx.checkbox(
                            checked=C.chosen.contains(s["id"]),
                            on_change=C.toggle(s["id"]),
                            aria_label=s["name"].to(str),
                        ),
                        s["name"],
                        class_name="radio-label",
                        style={"display": "inline-flex", "gap": "6px", "align_items": "center"},
                    ),
                ),
                wrap="wrap",
                spacing="4",
            ),
            empty_state(
                "bookmark",
                "Your shortlist is empty",
                "Add vendors to your shortlist from the marketplace, then compare them here.",
                rx.link(rx.button(T("Find vendors")), href="/w/" + WID + "/vendors"),
            ),
        ),
        rx.cond(
            C.error != "", rx.callout(C.error, icon="triangle_alert", color_scheme="red", role="alert"), rx.fragment()
        ),
    )
    table = rx.cond(
        C.columns.length() >= 2,
        rx.card(
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(rx.el.span(T("Vendor"), class_name="sr-only")),
                            rx.foreach(
                                C.columns,
                                lambda c: rx.table.column_header_cell(
                                    rx.link(c["name"].to(str), href="/w/" + WID + "/vendors/" + c["id"].to(str))
                                ),
                            ),
                        )
                    ),
                    rx.table.body(
                        _row("Types", "types"),
                        _row("Price range", "price"),
                        rx.table.row(
                            rx.table.row_header_cell(T("Packages")),
                            rx.foreach(
                                C.columns,
                                lambda c: rx.table.cell(
                                    rx.vstack(
                                        rx.foreach(c["packages"].to(list[str]), lambda p: rx.text(p, size="2")),
                                        spacing="1",
                                    )
                                ),
                            ),
                        ),
                        _row("Rating", "rating"),
                        _row("Languages", "languages"),
                        rx.table.row(
                            rx.table.row_header_cell(T("Available on"), " ", C.date_label),
                            rx.foreach(
                                C.columns,
                                lambda c: rx.table.cell(
                                    rx.badge(
                                        c["available"].to(str),
                                        color_scheme=rx.cond(c["is_available"].to(bool), "green", "red"),
                                    )
                                ),
                            ),
                        ),
                        _row("Distance", "distance"),
                        _row("Your note", "note"),
                    ),
                    width="100%",
                    data_testid="compare-table",
                ),
                overflow_x="auto",
                width="100%",
            ),
            width="100%",
        ),
        rx.cond(
            C.shortlist.length() > 0,
            rx.text(T("Choose at least two vendors to compare them."), size="2", color_scheme="gray"),
            rx.fragment(),
        ),
    )
    return app_layout(
        rx.cond(
            ~C.loaded,
            page_loading(),
            rx.cond(
                C.not_found,
                not_found_card(),
                rx.vstack(
                    rx.link(
                        rx.hstack(
                            rx.icon("arrow_left", size=16, aria_hidden="true"),
                            T("Back to the marketplace"),
                            align="center",
                            spacing="1",
                        ),
                        href="/w/" + WID + "/vendors",
                        size="2",
                    ),
                    picker,
                    table,
                    spacing="4",
                    width="100%",
                ),
            ),
        ),
        title="Compare vendors",
    )


ON_LOAD_MARKET = [ShellState.enter("vendors"), MarketplaceState.load]
ON_LOAD_DETAIL = [ShellState.enter("vendors"), VendorDetailState.load]
ON_LOAD_COMPARE = [ShellState.enter("vendors"), CompareState.load]
