"""The seating canvas's instant feedback: the view patched after a drop or a move, before the full rebuild."""

from __future__ import annotations

from state.seating import _free_spot, _patched_geometry, _patched_seating, _split_view, _whole_tables


def _guest(gid: str, seat: int | None = None) -> dict:
    g = {"id": gid, "name": f"Guest {gid.upper()}", "household_id": "h", "rsvp": "attending", "meal": "", "dietary": []}
    if seat is not None:
        g.update(seat=seat, initials="G" + gid.upper(), locked=False)
    return g


def _view() -> dict:
    return {
        "version": 7,
        "grid": 50,
        "width": 2400,
        "height": 1600,
        "tables": [
            {
                "id": "t1",
                "label": "1",
                "capacity": 4,
                "seated": 2,
                "free": 2,
                "x": 400,
                "y": 400,
                "width": 180,
                "height": 180,
                "rotation": 0,
                "version": 3,
                "guests": [_guest("a", 0), _guest("b", 2)],
            },
            {
                "id": "t2",
                "label": "2",
                "capacity": 2,
                "seated": 0,
                "free": 2,
                "x": 900,
                "y": 400,
                "width": 180,
                "height": 180,
                "rotation": 0,
                "version": 1,
                "guests": [],
            },
        ],
        "elements": [],
        "unassigned": [_guest("c"), _guest("d"), _guest("e")],
        "totals": {"guests": 5, "seated": 2, "unassigned": 3, "tables": 2, "seats": 6},
    }


def test_a_household_takes_the_lowest_free_seats_and_leaves_the_unassigned_list():
    view = _patched_seating(_view(), ["c", "d"], "t1", None)
    t1 = view["tables"][0]
    assert [(g["id"], g["seat"]) for g in t1["guests"]] == [("a", 0), ("c", 1), ("b", 2), ("d", 3)]
    assert (t1["seated"], t1["free"]) == (4, 0)
    assert [g["id"] for g in view["unassigned"]] == ["e"]
    assert view["totals"]["seated"] == 4 and view["totals"]["unassigned"] == 1
    assert t1["guests"][1]["initials"] == "GC"


def test_a_guest_dropped_on_a_seat_of_another_table_frees_the_old_one():
    view = _patched_seating(_view(), ["b"], "t2", 1)
    t1, t2 = view["tables"]
    assert [g["id"] for g in t1["guests"]] == ["a"] and (t1["seated"], t1["free"]) == (1, 3)
    assert [(g["id"], g["seat"]) for g in t2["guests"]] == [("b", 1)]
    assert view["totals"]["seated"] == 2  # moved between tables: nobody left the list


def test_the_original_view_is_left_untouched():
    original = _view()
    _patched_seating(original, ["c"], "t2", None)
    assert original["tables"][1]["guests"] == [] and len(original["unassigned"]) == 3


def test_a_moved_table_has_its_new_geometry_and_the_next_version():
    view = _patched_geometry(
        _view(), "tables", "t2", {"x": 1200.4, "y": 650.0, "rotation": 45.0, "width": 200.0, "height": 200.0}
    )
    t2 = view["tables"][1]
    assert (t2["x"], t2["y"], t2["rotation"], t2["width"], t2["version"]) == (1200, 650, 45, 200, 2)
    assert view["tables"][0]["version"] == 3


def test_a_new_table_goes_where_nothing_else_stands():
    view = _view()
    x, y = _free_spot(view, 180, 180)
    for t in view["tables"]:
        assert abs(x - t["x"]) >= 180 + 80 or abs(y - t["y"]) >= 180 + 80
    assert 0 <= x <= 2400 and 0 <= y <= 1600 and x % 50 == 0 and y % 50 == 0


def test_a_move_travels_without_the_guests_and_the_view_comes_back_whole():
    view = {**_view(), "rules": [{"id": "r1"}], "households": [{"id": "h"}]}
    view["tables"][0]["meals"] = [{"name": "Fish", "count": 2}]
    floor, seating = _split_view(view)
    assert all("guests" not in t and "meals" not in t for t in floor["tables"])
    assert "unassigned" not in floor and "rules" not in floor and "households" not in floor
    assert [g["id"] for g in seating["t1"]["guests"]] == ["a", "b"] and seating["t2"]["guests"] == []
    assert _whole_tables(floor, seating) == [
        {**t, "meals": t.get("meals", []), "dietary": t.get("dietary", [])} for t in view["tables"]
    ]
    moved = _patched_geometry(floor, "tables", "t1", {"x": 500.0, "y": 400.0, "rotation": 0.0})
    t1 = _whole_tables(moved, seating)[0]
    assert (t1["x"], t1["version"], [g["id"] for g in t1["guests"]]) == (500, 4, ["a", "b"])
