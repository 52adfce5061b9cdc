"""/vendor: the vendor's profile editor, publishing, packages and portfolio pictures."""

from __future__ import annotations

import reflex as rx

from components.cards import edit_delete_buttons, not_found_card, section
from components.city_picker import city_field
from components.forms import field, form_error, select_field
from components.i18n import T
from components.shell import page_loading
from components.vendor_shell import vendor_layout
from models.vendors import PROFILE_LANGS
from services import i18n, vendors
from services.config import get_settings
from services.vendor_cities import region_names
from services.weddings import CURRENCIES
from state.shell import ShellState
from state.vendor_profile import VendorProfileState

S = VendorProfileState
UPLOAD_ID = "portfolio-files"
CURRENCY_OPTIONS = [(c, c) for c in ("EUR", "USD", "GBP", "CHF", "CAD", "MXN") if c in CURRENCIES]
PROFILE_LANG_OPTIONS = [(code, i18n.LANGUAGES[code]) for code in PROFILE_LANGS]


def image_url(image_id: rx.Var, size: str) -> rx.Var:
    return f"{get_settings().api_url}/api/v1/vendor-images/" + image_id + f"/{size}"


def textarea_field(name: str, label: str, errors: rx.Var, default_value: rx.Var | str, rows: str = "5", hint: str = ""):
    error = errors[name].to(str)
    return rx.box(
        rx.el.label(
            rx.el.span(T(label), class_name="field-label"),
            rx.text_area(
                name=name,
                default_value=default_value,
                rows=rows,
                aria_describedby=f"e-{name}",
                aria_invalid=rx.cond(error, "true", "false"),
                width="100%",
                size="3",
            ),
            class_name="field",
        ),
        rx.text(T(hint), size="1", color_scheme="gray") if hint else rx.fragment(),
        rx.text(error, id=f"e-{name}", size="2", color_scheme="red", role="alert", min_height="1.2em"),
        width="100%",
        class_name="field",
    )


def _check(label: rx.Var | str, checked: rx.Var, on_change, test_id: str) -> rx.Component:
    # Radix renders the checkbox as a <button>: the wrapping <label> does not name it, aria-label does.
    label = rx.Var.create(label) if isinstance(label, str) else label
    return rx.el.label(
        rx.checkbox(checked=checked, on_change=on_change, data_testid=test_id, aria_label=label.to(str)),
        rx.text.span(label),
        class_name="radio-label",
        style={"display": "inline-flex", "gap": "6px", "align_items": "center"},
    )


def _status() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.cond(
                    S.published,
                    rx.badge(
                        rx.icon("eye", size=14, aria_hidden="true"), T("Published"), color_scheme="green", size="2"
                    ),
                    rx.badge(
                        rx.icon("eye_off", size=14, aria_hidden="true"),
                        T("Draft: not visible to couples"),
                        color_scheme="gray",
                        size="2",
                    ),
                ),
                rx.spacer(),
                rx.cond(
                    S.published,
                    rx.button(
                        T("Hide from the marketplace"),
                        variant="soft",
                        color_scheme="gray",
                        on_click=S.change_visibility(False),
                        id="vendor-unpublish",
                    ),
                    rx.button(
                        rx.icon("rocket", size=16, aria_hidden="true"),
                        T("Publish"),
                        on_click=S.change_visibility(True),
                        id="vendor-publish",
                    ),
                ),
                align="center",
                width="100%",
                wrap="wrap",
                spacing="3",
            ),
            rx.hstack(
                rx.text(T("Profile completeness"), size="2", color_scheme="gray"),
                rx.text(S.completeness.to(str) + " %", size="2", weight="bold", data_testid="completeness"),
                spacing="2",
            ),
            rx.progress(value=S.completeness, max=100, aria_label=T("Profile completeness")),
            rx.cond(
                ~S.published & (S.problems.length() > 0),
                rx.vstack(
                    rx.text(T("Before you publish:"), size="2", weight="medium"),
                    rx.el.ul(
                        rx.foreach(S.problems, lambda p: rx.el.li(rx.text(p, size="2"))),
                        style={"padding_left": "20px", "margin": 0},
                    ),
                    spacing="1",
                ),
                rx.fragment(),
            ),
            spacing="3",
            width="100%",
        ),
        size="3",
        width="100%",
    )


def _profile_form() -> rx.Component:
    p = S.profile
    return section(
        "Your profile",
        rx.form(
            rx.vstack(
                field(
                    "name",
                    "Business name",
                    S.errors,
                    default_value=p["name"].to(str),
                    required=True,
                    autocomplete="organization",
                ),
                rx.el.fieldset(
                    rx.el.legend(T("What you offer"), class_name="field-label"),
                    rx.flex(
                        *[
                            _check(T(label), S.types.contains(code), S.toggle_type(code), f"type-{code}")
                            for code, label in vendors.TYPE_LABELS.items()
                        ],
                        wrap="wrap",
                        spacing="4",
                    ),
                    rx.text(
                        S.errors["types"].to(str),
                        id="e-types",
                        size="2",
                        color_scheme="red",
                        role="alert",
                        min_height="1.2em",
                    ),
                    class_name="plain-fieldset",
                    style={"border": "none", "padding": 0, "margin": 0},
                ),
                textarea_field(
                    "description",
                    "Description",
                    S.errors,
                    p["description"].to(str),
                    hint="Couples search these words: your style, what makes you different, where you travel.",
                ),
                rx.grid(
                    city_field(
                        "base_city",
                        "Base city",
                        S.errors,
                        p["base_city"].to(str),
                        hint="Your travel radius starts here. Any town of 5,000 people or more.",
                    ),
                    field(
                        "radius_km",
                        "Travel radius (km)",
                        S.errors,
                        type="number",
                        default_value=p["radius_km"].to(str),
                        min="0",
                        max="500",
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                rx.el.details(
                    rx.el.summary(T("Regions you also serve"), rx.text.span(" (", S.regions.length().to(str), ")")),
                    rx.flex(
                        *[
                            _check(name, S.regions.contains(name), S.toggle_region(name), f"region-{i}")
                            for i, name in enumerate(region_names())
                        ],
                        wrap="wrap",
                        spacing="3",
                        padding_top="8px",
                    ),
                    class_name="field",
                ),
                rx.grid(
                    field(
                        "price_min", "Prices from", S.errors, default_value=p["price_min"].to(str), inputmode="decimal"
                    ),
                    field(
                        "price_max", "Prices up to", S.errors, default_value=p["price_max"].to(str), inputmode="decimal"
                    ),
                    select_field(
                        "currency", "Currency", S.errors, CURRENCY_OPTIONS, default_value=p["currency"].to(str)
                    ),
                    columns=rx.breakpoints(initial="1", sm="3"),
                    spacing="3",
                    width="100%",
                ),
                rx.el.fieldset(
                    rx.el.legend(T("Languages you speak"), class_name="field-label"),
                    rx.flex(
                        *[
                            _check(T(label), S.languages.contains(code), S.toggle_language(code), f"lang-{code}")
                            for code, label in vendors.SPOKEN_LANGUAGES.items()
                        ],
                        wrap="wrap",
                        spacing="4",
                    ),
                    style={"border": "none", "padding": 0, "margin": 0},
                ),
                rx.el.label(
                    rx.switch(checked=S.multiple, on_change=S.toggle_multiple),
                    T("We can take several events on the same day"),
                    class_name="radio-label",
                    style={"display": "inline-flex", "gap": "8px", "align_items": "center"},
                ),
                rx.grid(
                    field(
                        "contact_email",
                        "Contact email",
                        S.errors,
                        type="email",
                        default_value=p["contact_email"].to(str),
                        autocomplete="email",
                    ),
                    select_field(
                        "lang",
                        "Language of this profile",
                        S.errors,
                        PROFILE_LANG_OPTIONS,
                        default_value=p["lang"].to(str),
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                form_error(S.form_error),
                rx.button(T("Save profile"), type="submit", size="3", loading=S.saving, id="vendor-save"),
                spacing="3",
                width="100%",
            ),
            on_submit=S.save,
            key=S.form_key.to(str),
            width="100%",
        ),
    )


def _package_card(pkg: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.hstack(
                    rx.text(pkg["name"].to(str), weight="bold", size="3"),
                    rx.badge(pkg["price"].to(str), variant="soft", size="2"),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                ),
                rx.text(pkg["description"].to(str), size="2", color_scheme="gray"),
                rx.flex(
                    rx.foreach(
                        pkg["included"].to(list[str]),
                        lambda item: rx.badge(
                            rx.icon("check", size=12, aria_hidden="true"), item, variant="outline", color_scheme="gray"
                        ),
                    ),
                    wrap="wrap",
                    spacing="1",
                ),
                spacing="1",
                align="start",
                flex="1",
            ),
            edit_delete_buttons(True, S.open_package(pkg["id"].to(str)), S.ask_delete_package(pkg["id"].to(str))),
            align="start",
            width="100%",
        ),
        width="100%",
        data_testid="package-card",
    )


def _packages() -> rx.Component:
    return section(
        "Packages",
        rx.cond(
            S.packages.length() > 0,
            rx.vstack(rx.foreach(S.packages, _package_card), spacing="2", width="100%"),
            rx.text(
                T("No packages yet. Couples compare packages: add at least one to publish."),
                size="2",
                color_scheme="gray",
            ),
        ),
        rx.button(
            rx.icon("plus", size=16, aria_hidden="true"),
            T("Add a package"),
            variant="soft",
            on_click=S.open_package(""),
            id="package-add",
        ),
        _package_dialog(),
        _package_delete_dialog(),
    )


def _package_dialog() -> rx.Component:
    v = S.package_values
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(S.package_edit_id != "", T("Edit package"), T("New package"))),
            rx.dialog.description(T("Prices are in your profile's currency."), size="2", color_scheme="gray"),
            form_error(S.package_error),
            rx.form(
                rx.vstack(
                    field("name", "Package name", S.package_errors, default_value=v["name"].to(str)),
                    textarea_field("description", "Description", S.package_errors, v["description"].to(str), rows="3"),
                    field("price", "Price", S.package_errors, default_value=v["price"].to(str), inputmode="decimal"),
                    textarea_field(
                        "included", "What is included (one per line)", S.package_errors, v["included"].to(str), rows="4"
                    ),
                    rx.hstack(
                        rx.dialog.close(rx.button(T("Cancel"), variant="soft", color_scheme="gray", type="button")),
                        rx.button(T("Save"), type="submit", id="package-save"),
                        justify="end",
                        spacing="3",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=S.save_package,
                key=S.form_key.to(str),
                width="100%",
            ),
            max_width="560px",
        ),
        open=S.package_open,
        on_open_change=S.close_package,
    )


def _package_delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(T("Delete this package?")),
            rx.alert_dialog.description(rx.text.strong(S.confirm_package_name)),
            rx.text(T("This cannot be undone."), size="2", color_scheme="gray", margin_y="8px"),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(T("Cancel"), variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(T("Delete"), color_scheme="red", on_click=S.delete_package, id="package-delete-confirm")
                ),
                justify="end",
                spacing="3",
            ),
        ),
        open=S.confirm_package_id != "",
        on_open_change=S.cancel_delete,
    )


def _image_delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(T("Delete this picture?")),
            rx.alert_dialog.description(T("It disappears from your profile. This cannot be undone.")),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(T("Cancel"), variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(T("Delete"), color_scheme="red", on_click=S.delete_image, id="image-delete-confirm")
                ),
                justify="end",
                spacing="3",
                margin_top="12px",
            ),
        ),
        open=S.confirm_image_id != "",
        on_open_change=S.cancel_delete,
    )


def _dropzone(*children: rx.Component, **props) -> rx.Component:
    zone = rx.upload(*children, **props)
    zone.children[0].children[0].custom_attrs["aria-label"] = T("Portfolio pictures (JPEG, PNG or WebP)")
    return zone


def _images() -> rx.Component:
    return section(
        "Portfolio",
        rx.text(
            T("JPEG, PNG or WebP up to 8 MB each. We remove location and camera data and resize them."),
            size="2",
            color_scheme="gray",
        ),
        rx.cond(
            S.images.length() > 0,
            rx.grid(
                rx.foreach(
                    S.images,
                    lambda img: rx.box(
                        rx.image(
                            src=image_url(img["id"].to(str), "thumb"),
                            alt=T("Portfolio picture"),
                            width="100%",
                            height="140px",
                            object_fit="cover",
                            border_radius="8px",
                            loading="lazy",
                        ),
                        rx.icon_button(
                            rx.icon("trash_2", size=14),
                            size="1",
                            color_scheme="red",
                            variant="solid",
                            on_click=S.ask_delete_image(img["id"].to(str)),
                            aria_label=T("Delete picture"),
                            position="absolute",
                            top="6px",
                            right="6px",
                        ),
                        position="relative",
                        data_testid="portfolio-image",
                    ),
                ),
                columns=rx.breakpoints(initial="2", sm="3", md="4"),
                spacing="2",
                width="100%",
            ),
            rx.text(T("No pictures yet."), size="2", color_scheme="gray"),
        ),
        _dropzone(
            rx.vstack(
                rx.icon("image_plus", size=28, color=rx.color("plum", 9), aria_hidden="true"),
                rx.text(T("Drop pictures here, or click to choose them"), weight="medium", size="2"),
                rx.foreach(rx.selected_files(UPLOAD_ID), lambda f: rx.badge(f, variant="soft")),
                align="center",
                spacing="2",
            ),
            id=UPLOAD_ID,
            multiple=True,
            max_files=10,
            border=f"2px dashed {rx.color('plum', 7)}",
            border_radius="12px",
            padding="24px",
            width="100%",
        ),
        rx.cond(
            S.upload_error != "",
            rx.callout(S.upload_error, icon="triangle_alert", color_scheme="red", role="alert", width="100%"),
            rx.fragment(),
        ),
        rx.button(
            rx.icon("upload", size=16, aria_hidden="true"),
            T("Upload pictures"),
            on_click=S.handle_upload(rx.upload_files(upload_id=UPLOAD_ID)),
            loading=S.uploading,
            id="portfolio-upload",
        ),
        _image_delete_dialog(),
    )


def vendor_profile_page() -> rx.Component:
    return vendor_layout(
        rx.cond(
            ~S.loaded,
            page_loading(),
            rx.cond(
                S.not_found,
                not_found_card(),
                rx.vstack(
                    rx.cond(
                        S.message != "",
                        rx.callout(S.message, icon="check", color_scheme="green", width="100%", role="status"),
                        rx.fragment(),
                    ),
                    _status(),
                    rx.grid(
                        _profile_form(),
                        rx.vstack(_packages(), _images(), spacing="4", width="100%"),
                        columns=rx.breakpoints(initial="1", lg="2"),
                        spacing="4",
                        width="100%",
                    ),
                    spacing="4",
                    width="100%",
                ),
            ),
        ),
        title="Your vendor profile",
    )


ON_LOAD = [ShellState.enter("vendor_profile"), VendorProfileState.load]
