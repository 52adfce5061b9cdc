"""The wedding checklist page: progress, filters, tasks grouped by phase, add/edit dialog."""

from __future__ import annotations

import reflex as rx

from components.cards import edit_delete_buttons, not_found_card
from components.dialogs import confirm_dialog
from components.forms import field, form_error
from components.i18n import T
from components.shell import app_layout, empty_state, page_loading
from services.checklist import FILTER_LABELS, FILTERS
from state.checklist import ChecklistState
from state.shell import ShellState

S = ChecklistState


def _progress() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("list_checks", size=20, color=rx.color("plum", 10), aria_hidden="true"),
                rx.heading(T("Progress"), size="4", as_="h2"),
                rx.spacer(),
                rx.text(S.progress_label, size="3", weight="medium", data_testid="checklist-progress"),
                align="center",
                width="100%",
            ),
            rx.progress(value=S.percent, aria_label=T("Tasks done"), size="3", data_testid="checklist-bar"),
            rx.cond(
                S.overdue > 0,
                rx.button(
                    rx.icon("alarm_clock", size=14, aria_hidden="true"),
                    S.overdue.to(str),
                    " ",
                    T("overdue"),
                    size="1",
                    color_scheme="red",
                    variant="soft",
                    on_click=S.choose_filter("overdue"),
                    data_testid="overdue-count",
                ),
                rx.text(T("Nothing overdue. Well done!"), size="2", color_scheme="gray"),
            ),
            spacing="3",
            width="100%",
        ),
        size="3",
        width="100%",
    )


def _filters() -> rx.Component:
    return rx.hstack(
        rx.hstack(
            *[
                rx.button(
                    T(FILTER_LABELS[key]),
                    size="2",
                    variant=rx.cond(S.flt == key, "solid", "soft"),
                    color_scheme=rx.cond(S.flt == key, "plum", "gray"),
                    on_click=S.choose_filter(key),
                    aria_pressed=rx.cond(S.flt == key, "true", "false"),
                    data_testid=f"filter-{key}",
                )
                for key in FILTERS
            ],
            spacing="2",
            wrap="wrap",
        ),
        rx.el.select(
            rx.el.option(T("All categories"), value=""),
            rx.foreach(S.categories, lambda c: rx.el.option(c, value=c)),
            value=S.category,
            on_change=S.choose_category,
            aria_label=T("Category"),
            class_name="native-select",
            style={"width": "auto", "max_width": "100%"},
            data_testid="category-filter",
        ),
        rx.spacer(),
        rx.cond(
            S.can_edit,
            rx.button(rx.icon("plus", size=16, aria_hidden="true"), T("New task"), on_click=S.new_task, id="task-new"),
            rx.fragment(),
        ),
        spacing="3",
        wrap="wrap",
        align="center",
        width="100%",
    )


def _phase(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.heading(row["label"].to(str), size="3", as_="h3", color=rx.color("plum", 11)),
        rx.badge(row["count"].to(str), variant="soft", radius="full"),
        align="center",
        spacing="2",
        padding_top="14px",
        padding_bottom="4px",
        width="100%",
    )


def _task(row: rx.Var) -> rx.Component:
    done = row["done"].to(bool)
    overdue = row["overdue"].to(bool)
    task_id = row["id"].to(str)
    return rx.hstack(
        rx.checkbox(
            checked=done,
            on_change=lambda value: S.toggle_done(task_id, value),
            disabled=~S.can_edit,
            size="3",
            aria_label=row["title"].to(str),
            margin_top="3px",
        ),
        rx.vstack(
            rx.text(
                row["title"].to(str),
                size="3",
                weight="medium",
                color=rx.cond(done, rx.color("gray", 10), rx.color("gray", 12)),
                text_decoration=rx.cond(done, "line-through", "none"),
                data_testid="task-title",
            ),
            rx.hstack(
                rx.cond(
                    row["category"].to(str) != "", rx.badge(row["category"].to(str), variant="surface"), rx.fragment()
                ),
                rx.cond(
                    row["due"].to(str) != "",
                    rx.text(
                        row["due"].to(str),
                        size="1",
                        color=rx.cond(overdue, rx.color("red", 11), rx.color("gray", 11)),
                        weight=rx.cond(overdue, "bold", "regular"),
                        data_testid="task-due",
                    ),
                    rx.fragment(),
                ),
                rx.cond(overdue, rx.badge(T("Overdue"), color_scheme="red", variant="soft"), rx.fragment()),
                rx.cond(
                    row["assignee"].to(str) != "",
                    rx.hstack(
                        rx.icon("user", size=12, aria_hidden="true", color=rx.color("gray", 10)),
                        rx.text(row["assignee"].to(str), size="1", color_scheme="gray"),
                        spacing="1",
                        align="center",
                    ),
                    rx.fragment(),
                ),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            rx.cond(
                row["notes"].to(str) != "",
                rx.text(row["notes"].to(str), size="1", color_scheme="gray"),
                rx.fragment(),
            ),
            spacing="1",
            flex="1",
            min_width="0",
        ),
        edit_delete_buttons(S.can_edit, S.edit_task(task_id), S.ask_delete(task_id)),
        align="start",
        spacing="3",
        width="100%",
        padding_y="8px",
        border_bottom=f"1px solid {rx.color('gray', 3)}",
        data_testid="task-row",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.cond(row["kind"].to(str) == "phase", _phase(row), _task(row))


def _labelled(name: str, label: str, control: rx.Component) -> rx.Component:
    return rx.box(
        rx.el.label(rx.el.span(T(label), class_name="field-label"), control, class_name="field"),
        rx.text(S.errors[name].to(str), id=f"e-{name}", size="2", color_scheme="red", role="alert", min_height="1.2em"),
        width="100%",
    )


def _form() -> rx.Component:
    v = S.values
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(S.editing_id != "", T("Edit task"), T("New task"))),
            rx.dialog.description(
                T("Tasks can be assigned to anyone on the wedding's team."), size="2", color_scheme="gray"
            ),
            form_error(S.form_error),
            rx.form(
                rx.vstack(
                    field(
                        "title", "Task", S.errors, default_value=v["title"].to(str), placeholder="", autocomplete="off"
                    ),
                    rx.grid(
                        field(
                            "category",
                            "Category",
                            S.errors,
                            default_value=v["category"].to(str),
                            list="task-categories",
                        ),
                        field("due_date", "Due date", S.errors, type="date", default_value=v["due_date"].to(str)),
                        columns=rx.breakpoints(initial="1", sm="2"),
                        spacing="3",
                        width="100%",
                    ),
                    rx.el.datalist(rx.foreach(S.categories, lambda c: rx.el.option(value=c)), id="task-categories"),
                    _labelled(
                        "assignee",
                        "Assigned to",
                        rx.el.select(
                            rx.el.option(T("Nobody yet"), value=""),
                            rx.foreach(S.members, lambda m: rx.el.option(m["name"], value=m["id"])),
                            name="assignee",
                            default_value=v["assignee"].to(str),
                            aria_describedby="e-assignee",
                            class_name="native-select",
                        ),
                    ),
                    _labelled(
                        "notes",
                        "Notes",
                        rx.text_area(
                            name="notes", default_value=v["notes"].to(str), rows="3", aria_describedby="e-notes"
                        ),
                    ),
                    rx.hstack(
                        rx.dialog.close(rx.button(T("Cancel"), variant="soft", color_scheme="gray", type="button")),
                        rx.button(T("Save"), type="submit", id="task-save"),
                        justify="end",
                        spacing="3",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=S.save_task,
                key=S.form_key.to(str),
                width="100%",
            ),
            max_width="560px",
        ),
        open=S.form_open,
        on_open_change=S.close_form,
    )


def _delete_dialog() -> rx.Component:
    return confirm_dialog(
        "Delete this task?",
        rx.text.strong(S.delete_title),
        S.confirm_delete,
        confirm_label="Delete",
        detail="This cannot be undone.",
        open=S.delete_id != "",
        on_open_change=S.cancel_delete,
        id="task-delete-confirm",
    )


def _checklist() -> rx.Component:
    return rx.vstack(
        _progress(),
        _filters(),
        rx.cond(S.message != "", rx.callout(S.message, icon="info", size="1", width="100%"), rx.fragment()),
        rx.cond(
            S.total == 0,
            empty_state(
                "list_checks",
                "No tasks yet",
                "Add the first thing to do, or create the wedding from a template to start with a full checklist.",
                rx.cond(S.can_edit, rx.button(T("New task"), on_click=S.new_task, variant="soft"), rx.fragment()),
            ),
            rx.cond(
                S.shown == 0,
                rx.card(rx.text(T("No task matches this filter."), color_scheme="gray"), width="100%"),
                rx.card(
                    rx.vstack(rx.foreach(S.rows, _row), spacing="0", width="100%"),
                    size="2",
                    width="100%",
                    data_testid="checklist",
                ),
            ),
        ),
        _form(),
        _delete_dialog(),
        spacing="4",
        width="100%",
        max_width="960px",
    )


def checklist_page() -> rx.Component:
    return app_layout(
        rx.cond(~S.loaded, page_loading(), rx.cond(S.not_found, not_found_card(), _checklist())),
        title="Checklist",
    )


ON_LOAD = [ShellState.enter("checklist"), ChecklistState.load]
