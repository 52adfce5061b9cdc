"""The seating canvas (assets/seating/canvas.jsx): floor plan, tables, room elements and the unassigned panel.

All dragging happens in the browser; one event goes to the server per drop. `labels` carries every string the
component shows, already translated (T() vars switch with the viewer's language). The plan comes in parts that
change at different rates (state/seating.py): `plan` (the floor: tables without guests, elements, violations),
`seating` (table id -> guests, meals, dietary), `unassigned` and `households`; a table move resends `plan` only.
"""

from __future__ import annotations

import reflex as rx
from reflex.event import no_args_event_spec, passthrough_event_spec

from components.i18n import T

# Strings the canvas shows, by key; "{n}"-style placeholders are filled in the browser.
LABELS: dict[str, str] = {
    "unassigned_title": "Unassigned guests",
    "search": "Search guests",
    "filter_side": "Filter by side",
    "filter_rsvp": "Filter by RSVP",
    "filter_tag": "Filter by tag",
    "filter_household": "Filter by household",
    "all_sides": "All sides",
    "all_rsvp": "Any RSVP",
    "all_tags": "All tags",
    "all_households": "All households",
    "side_a": "Partner A",
    "side_b": "Partner B",
    "side_both": "Both",
    "rsvp_attending": "Attending",
    "rsvp_pending": "Pending",
    "plus_one": "+1",
    "plus_one_hint": "Comes with a plus-one: needs two seats",
    "n_selected": "{n} selected: seat them at",
    "seat_at": "Seat the selected guests at",
    "choose_table": "Choose a table",
    "table_option": "{label} ({free} free)",
    "seat": "Seat",
    "no_match": "No unassigned guest matches these filters.",
    "everyone_seated": "Everyone has a seat.",
    "select_guest": "Select {name}",
    "select_household": "Select household {name}",
    "drag_hint": "Drag onto a table or a seat",
    "drag_household": "Drag the whole household onto a table",
    "household_drag": "{name} ({n})",
    "n_guests": "{n} guests",
    "table_seats": "{seated} of {capacity} seats taken",
    "seat_free": "Seat {n}: free",
    "rotate": "Drag to rotate",
    "resize": "Drag to resize",
    "canvas_tools": "Zoom",
    "zoom_in": "Zoom in",
    "zoom_out": "Zoom out",
    "fit": "Fit",
    "show_names": "Names",
    "empty_canvas": "No tables yet: add a table or start from a layout.",
    "kind_dance_floor": "Dance floor",
    "kind_stage": "Stage",
    "kind_bar": "Bar",
    "kind_exit": "Exit",
    "kind_pillar": "Pillar",
}


class SeatingCanvas(rx.Component):
    library = "$/public/seating/canvas.jsx"
    tag = "SeatingCanvas"

    plan: rx.Var[dict]
    seating: rx.Var[dict]
    unassigned: rx.Var[list]
    households: rx.Var[list]
    labels: rx.Var[dict]
    presence: rx.Var[list]
    on_drop_guests: rx.EventHandler[passthrough_event_spec(list, str, int)]
    on_unassign: rx.EventHandler[passthrough_event_spec(list)]
    on_move_table: rx.EventHandler[passthrough_event_spec(str, float, float, float, float, float, int)]
    on_move_element: rx.EventHandler[passthrough_event_spec(str, float, float, float, float, float, int)]
    on_select: rx.EventHandler[passthrough_event_spec(str, str)]
    on_cursor: rx.EventHandler[passthrough_event_spec(float, float)]
    on_undo: rx.EventHandler[no_args_event_spec]
    on_redo: rx.EventHandler[no_args_event_spec]


def canvas_labels() -> rx.Var:
    return rx.Var.create({key: T(msgid) for key, msgid in LABELS.items()})


seating_canvas = SeatingCanvas.create
