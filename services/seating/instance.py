"""Seating instances: the JSON format of /work/shared/specs/seating.md as frozen dataclasses.

`parse_instance(dict)` validates and builds an `Instance` (raising `InstanceError` with a
message a planner can act on); `instance_to_dict(Instance)` writes the spec format back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

HARD_KINDS = ("apart", "together")


class InstanceError(ValueError):
    """The instance file does not follow the seating format."""


@dataclass(frozen=True)
class TableSpec:
    id: str
    capacity: int
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class PartySpec:
    id: str
    size: int
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class Relation:
    a: str
    b: str
    weight: int = 0
    hard: str | None = None  # "apart" | "together"


@dataclass(frozen=True)
class Instance:
    name: str
    tables: tuple[TableSpec, ...]
    parties: tuple[PartySpec, ...]
    relations: tuple[Relation, ...]
    fixed: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def party(self, party_id: str) -> PartySpec:
        return self._parties_by_id()[party_id]

    def table(self, table_id: str) -> TableSpec:
        return self._tables_by_id()[table_id]

    def _parties_by_id(self) -> dict[str, PartySpec]:
        cached = self.__dict__.get("_pcache")
        if cached is None:
            cached = {p.id: p for p in self.parties}
            object.__setattr__(self, "_pcache", cached)
        return cached

    def _tables_by_id(self) -> dict[str, TableSpec]:
        cached = self.__dict__.get("_tcache")
        if cached is None:
            cached = {t.id: t for t in self.tables}
            object.__setattr__(self, "_tcache", cached)
        return cached


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise InstanceError(f"{where} must be a whole number, not {value!r}")
    return value


def _ident(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value) == "":
        raise InstanceError(f"{where} must be a non-empty string id, not {value!r}")
    return str(value)


def _name(item: Mapping, where: str) -> str:
    value = item.get("name", "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InstanceError(f"{where} name must be text, not {value!r}")
    return value.strip()


def parse_instance(data: Any, *, skip_unknown_relations: Callable[[str], None] | None = None) -> Instance:
    """Build an Instance from the spec's JSON object; raise InstanceError on any mistake.

    With `skip_unknown_relations`, a relation naming a party that is not in the instance (the spec's own
    example has one) is reported through that callback and left out instead of refusing the file; the
    command line uses this, the app's import stays strict.
    """
    if not isinstance(data, Mapping):
        raise InstanceError("the instance must be a JSON object with tables, parties and relations")
    name = data.get("name", "")
    if not isinstance(name, str):
        raise InstanceError("the instance name must be text")
    raw_tables, raw_parties = data.get("tables"), data.get("parties")
    raw_relations, raw_fixed = data.get("relations", []), data.get("fixed", {})
    if not isinstance(raw_tables, list):
        raise InstanceError("'tables' must be a list of {id, capacity}")
    if not isinstance(raw_parties, list):
        raise InstanceError("'parties' must be a list of {id, size}")
    if raw_relations is None:
        raw_relations = []
    if not isinstance(raw_relations, list):
        raise InstanceError("'relations' must be a list of {a, b, weight | hard}")
    if raw_fixed is None:
        raw_fixed = {}
    if not isinstance(raw_fixed, Mapping):
        raise InstanceError("'fixed' must be an object mapping party ids to table ids")

    tables: list[TableSpec] = []
    for i, item in enumerate(raw_tables):
        where = f"table #{i + 1}"
        if not isinstance(item, Mapping):
            raise InstanceError(f"{where} must be an object with id and capacity")
        tid = _ident(item.get("id"), f"{where} id")
        cap = _int(item.get("capacity"), f"capacity of table {tid!r}")
        if cap < 0:
            raise InstanceError(f"capacity of table {tid!r} cannot be negative")
        tables.append(TableSpec(tid, cap, _name(item, f"table {tid!r}")))
    table_ids = [t.id for t in tables]
    if len(set(table_ids)) != len(table_ids):
        dup = next(t for t in table_ids if table_ids.count(t) > 1)
        raise InstanceError(f"table id {dup!r} appears twice")

    parties: list[PartySpec] = []
    for i, item in enumerate(raw_parties):
        where = f"party #{i + 1}"
        if not isinstance(item, Mapping):
            raise InstanceError(f"{where} must be an object with id and size")
        pid = _ident(item.get("id"), f"{where} id")
        size = _int(item.get("size"), f"size of party {pid!r}")
        if size < 1:
            raise InstanceError(f"size of party {pid!r} must be at least 1")
        parties.append(PartySpec(pid, size, _name(item, f"party {pid!r}")))
    party_ids = {p.id for p in parties}
    if len(party_ids) != len(parties):
        ids = [p.id for p in parties]
        dup = next(p for p in ids if ids.count(p) > 1)
        raise InstanceError(f"party id {dup!r} appears twice")

    relations: list[Relation] = []
    seen_pairs: set[frozenset[str]] = set()
    for i, item in enumerate(raw_relations):
        where = f"relation #{i + 1}"
        if not isinstance(item, Mapping):
            raise InstanceError(f"{where} must be an object with a, b and weight or hard")
        a, b = _ident(item.get("a"), f"{where} 'a'"), _ident(item.get("b"), f"{where} 'b'")
        unknown = [pid for pid in (a, b) if pid not in party_ids]
        if unknown:
            if skip_unknown_relations is None:
                raise InstanceError(f"{where} refers to unknown party {unknown[0]!r}")
            skip_unknown_relations(f"{where} refers to unknown party {unknown[0]!r}: ignored")
            continue
        if a == b:
            raise InstanceError(f"{where} relates party {a!r} to itself")
        pair = frozenset((a, b))
        if pair in seen_pairs:
            raise InstanceError(f"{where}: parties {a!r} and {b!r} have more than one relation")
        seen_pairs.add(pair)
        hard = item.get("hard")
        if hard is not None and hard not in HARD_KINDS:
            raise InstanceError(f"{where}: 'hard' must be 'apart' or 'together', not {hard!r}")
        weight = _int(item.get("weight", 0) if item.get("weight") is not None else 0, f"{where} weight")
        relations.append(Relation(a, b, weight, hard))

    fixed: dict[str, str] = {}
    tables_set = set(table_ids)
    for pid, tid in raw_fixed.items():
        pid = str(pid)
        if pid not in party_ids:
            raise InstanceError(f"'fixed' refers to unknown party {pid!r}")
        tid = _ident(tid, f"table fixed for party {pid!r}")
        if tid not in tables_set:
            raise InstanceError(f"party {pid!r} is fixed to unknown table {tid!r}")
        fixed[pid] = tid
    return Instance(name, tuple(tables), tuple(parties), tuple(relations), MappingProxyType(fixed))


def instance_to_dict(inst: Instance) -> dict:
    """The spec format (names only when non-empty; `fixed` only when some party is pinned)."""

    def table(t: TableSpec) -> dict:
        out: dict[str, Any] = {"id": t.id, "capacity": t.capacity}
        if t.name:
            out["name"] = t.name
        return out

    def party(p: PartySpec) -> dict:
        out: dict[str, Any] = {"id": p.id, "size": p.size}
        if p.name:
            out["name"] = p.name
        return out

    def relation(r: Relation) -> dict:
        out: dict[str, Any] = {"a": r.a, "b": r.b}
        if r.hard:
            out["hard"] = r.hard
        if r.weight or not r.hard:
            out["weight"] = r.weight
        return out

    out: dict[str, Any] = {
        "name": inst.name,
        "tables": [table(t) for t in inst.tables],
        "parties": [party(p) for p in inst.parties],
        "relations": [relation(r) for r in inst.relations],
    }
    if inst.fixed:
        out["fixed"] = dict(inst.fixed)
    return out
