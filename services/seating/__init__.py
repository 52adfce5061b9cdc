"""Seating optimizer (format: shared/specs/seating.md).

    from services.seating import parse_instance, solve
    result = solve(parse_instance(data), time_limit_s=10, seed=0)
    result.to_spec_dict()   # {"status", "objective", "bound", "assignment", "elapsed_s", "conflicts"}

- `instance`: TableSpec, PartySpec, Relation, Instance, parse_instance, instance_to_dict, InstanceError.
- `checker`: objective(inst, assignment), violations(inst, assignment) -> [Violation] (readable English).
- `solver`: solve(...) -> SolveResult, Progress. Repair mode: solve(..., keep=current_seating).
- `explain`: conflicts for the app to translate: `SolveResult.conflict_msgs` is a list of
  `services.errors.Msg` (message id + params); `render_conflicts(msgs, lang)` gives sentences in
  the viewer's language through services.i18n.gettext. `SolveResult.conflicts` holds English.

The solver modules import ortools lazily (only `solve` needs it).
"""

from services.seating.checker import Violation, objective, violations
from services.seating.instance import (
    Instance,
    InstanceError,
    PartySpec,
    Relation,
    TableSpec,
    instance_to_dict,
    parse_instance,
)

__all__ = [
    "Instance",
    "InstanceError",
    "PartySpec",
    "Progress",
    "Relation",
    "SolveResult",
    "TableSpec",
    "Violation",
    "conflict_messages",
    "instance_to_dict",
    "objective",
    "parse_instance",
    "render_conflicts",
    "solve",
    "violations",
]


def __getattr__(name: str):
    if name in ("solve", "SolveResult", "Progress"):
        from services.seating import solver

        return getattr(solver, name)
    if name in ("render_conflicts", "conflict_messages"):
        from services.seating import explain

        return explain.render_conflicts if name == "render_conflicts" else explain.conflict_messages
    raise AttributeError(name)
