// The seating canvas: a floor plan of tables and room elements, and the unassigned-guests panel.
// Wrapped in components/seating_canvas.py; the data is services.seating.plans.plan_view's dict, in parts that
// change at different rates (state/seating.py sends only the parts a change touched): `plan` is the floor
// (tables without their guests, elements, violations), `seating` maps a table id to its guests, meals and
// dietary counts, `unassigned` and `households` are the panel's lists. A table move resends `plan` only.
// Dragging happens only here (pointer events: mouse, pen and touch) and sends one event on drop:
//   onDropGuests(guestIds, tableId, seat)   seat = -1 for "any free seat"
//   onUnassign(guestIds)                    a seated guest dropped back on the panel
//   onMoveTable(id, x, y, rotation, width, height, version) / onMoveElement(same)
//   onSelect(kind, id)   kind "table" | "guest" | "element" | "" ; onCursor(x, y) at most five times a second
//   onUndo() / onRedo()  Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) anywhere outside a form field
// Zoom: wheel, the +/- buttons, or two fingers (pinch) on a touch screen, around the point between them.
// A guest who brings a plus-one (plus_one) takes two seats; the plus-one's seat (companion) drags its guest.
// Every string shown comes translated in `labels`; "{n}"-style placeholders are filled here.
import React, { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";

const SEAT_R = 22; // floor units (1 unit = 1 cm)
const DRAG_START_PX = 5;
const CURSOR_EVERY_MS = 200;
const BASE_SCALE = 0.4; // pixels per floor unit at 100 %
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 4;

function fill(text, values) {
  return String(text || "").replace(/\{(\w+)\}/g, (_, k) => (values && k in values ? values[k] : `{${k}}`));
}

function snap(v, grid) {
  const g = grid > 0 ? grid : 1;
  return Math.round(v / g) * g;
}

// Seat centres relative to the table centre, before the table's rotation.
export function seatOffsets(shape, capacity, width, height) {
  const out = [];
  const n = Math.max(0, capacity | 0);
  if (shape === "round") {
    const r = Math.max(width, height) / 2 + SEAT_R * 1.15;
    for (let i = 0; i < n; i++) {
      const a = -Math.PI / 2 + (i * 2 * Math.PI) / n;
      out.push([r * Math.cos(a), r * Math.sin(a)]);
    }
    return out;
  }
  const y = height / 2 + SEAT_R * 1.15;
  if (shape === "banquet") {
    for (let i = 0; i < n; i++) out.push([-width / 2 + ((i + 0.5) * width) / n, y]);
    return out;
  }
  const top = Math.ceil(n / 2);
  const bottom = n - top;
  for (let i = 0; i < top; i++) out.push([-width / 2 + ((i + 0.5) * width) / top, -y]);
  for (let i = 0; i < bottom; i++) out.push([-width / 2 + ((i + 0.5) * width) / bottom, y]);
  return out;
}

const NO_SEATS = { guests: [], meals: [], dietary: [] };

function sameFields(a, b) {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

function sameSeats(a, b) {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

// Each table whole again (floor part + its guests), keeping the previous object of every table that did not
// change, so that only the moved or re-seated tables render again.
function useWholeTables(floorTables, seating) {
  const cache = useRef({});
  return useMemo(() => {
    const prev = cache.current;
    const next = {};
    const out = (floorTables || []).map((t) => {
      const seats = (seating && seating[t.id]) || (t.guests ? t : NO_SEATS);
      const old = prev[t.id];
      const keep = old && sameFields(old.floor, t) && sameSeats(old.seats, seats);
      const whole = keep ? old.whole : { ...t, guests: seats.guests || [], meals: seats.meals || [], dietary: seats.dietary || [] };
      next[t.id] = { floor: t, seats, whole };
      return whole;
    });
    cache.current = next;
    return out;
  }, [floorTables, seating]);
}

function rotate([x, y], deg) {
  const a = (deg * Math.PI) / 180;
  return [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)];
}

function isTyping(target) {
  if (!target) return false;
  const tag = (target.tagName || "").toLowerCase();
  return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
}

const SeatDot = memo(function SeatDot({ table, index, offset, guest, label, onGuestDown, presenceColor }) {
  const [sx, sy] = offset;
  const style = {
    left: table.width / 2 + sx - SEAT_R,
    top: table.height / 2 + sy - SEAT_R,
    width: SEAT_R * 2,
    height: SEAT_R * 2,
    transform: `rotate(${-table.rotation}deg)`,
  };
  if (presenceColor) style.boxShadow = `0 0 0 6px ${presenceColor}`;
  return (
    <div
      className={
        "seat" + (guest ? " taken" : "") + (guest && guest.locked ? " locked" : "") + (guest && guest.companion ? " companion" : "")
      }
      style={style}
      data-table-id={table.id}
      data-seat={index}
      aria-hidden="true"
      title={guest ? guest.name : label}
      onPointerDown={guest ? (e) => onGuestDown(e, guest, table.id) : undefined}
    >
      {guest ? guest.initials : ""}
      {guest ? <span className="seat-name">{guest.name}</span> : null}
    </div>
  );
});

const TableView = memo(function TableView({
  table,
  geom,
  selected,
  drop,
  labels,
  presence,
  onTableDown,
  onGuestDown,
  onTableKey,
  onHandleDown,
  canEdit,
}) {
  const t = geom ? { ...table, ...geom } : table;
  const offsets = useMemo(() => seatOffsets(t.shape, t.capacity, t.width, t.height), [t.shape, t.capacity, t.width, t.height]);
  const bySeat = useMemo(() => {
    const m = {};
    (t.guests || []).forEach((g) => (m[g.seat] = g));
    return m;
  }, [t.guests]);
  const presenceBySeat = {};
  let tableColor = "";
  (presence || []).forEach((p) => {
    if (p.selection === t.id) tableColor = p.color;
    (t.guests || []).forEach((g) => {
      if (p.selection === g.id) presenceBySeat[g.seat] = p.color;
    });
  });
  const full = t.free <= 0;
  const cls =
    "table shape-" + t.shape + (selected ? " selected" : "") + (drop ? " drop-" + drop : "") + (full ? " full" : "") +
    (t.locked ? " locked" : "");
  const seats = fill(labels.table_seats, { seated: t.seated, capacity: t.capacity });
  return (
    <div
      className={cls}
      style={{
        left: t.x - t.width / 2,
        top: t.y - t.height / 2,
        width: t.width,
        height: t.height,
        transform: `rotate(${t.rotation}deg)`,
        outline: tableColor ? `6px solid ${tableColor}` : undefined,
      }}
      data-table-id={t.id}
      data-testid="seating-table"
      data-label={t.label}
      role="button"
      tabIndex={0}
      aria-pressed={selected ? "true" : "false"}
      onPointerDown={(e) => onTableDown(e, t)}
      onKeyDown={(e) => onTableKey(e, t)}
    >
      <div className="table-top" data-table-id={t.id}>
        <span className="table-label">{t.label}</span>
        <span className="table-count" data-testid="table-count" aria-hidden="true">
          {t.seated}/{t.capacity}
        </span>
        <span className="sr-only">{seats}</span>
      </div>
      {offsets.map((off, i) => (
        <SeatDot
          key={i}
          table={t}
          index={i}
          offset={off}
          guest={bySeat[i]}
          label={fill(labels.seat_free, { n: i + 1 })}
          onGuestDown={onGuestDown}
          presenceColor={presenceBySeat[i]}
        />
      ))}
      {selected && canEdit ? (
        <>
          <div className="handle rotate" title={labels.rotate} onPointerDown={(e) => onHandleDown(e, "rotate", t, "table")} />
          <div className="handle resize" title={labels.resize} onPointerDown={(e) => onHandleDown(e, "resize", t, "table")} />
        </>
      ) : null}
    </div>
  );
});

const ElementView = memo(function ElementView({ el, geom, selected, labels, onElementDown, onElementKey, onHandleDown, canEdit }) {
  const e = geom ? { ...el, ...geom } : el;
  return (
    <div
      className={"room-element kind-" + e.kind + (selected ? " selected" : "")}
      style={{
        left: e.x - e.width / 2,
        top: e.y - e.height / 2,
        width: e.width,
        height: e.height,
        transform: `rotate(${e.rotation}deg)`,
      }}
      data-testid="room-element"
      role="button"
      tabIndex={0}
      aria-label={e.label || labels["kind_" + e.kind] || e.kind}
      aria-pressed={selected ? "true" : "false"}
      onPointerDown={(ev) => onElementDown(ev, e)}
      onKeyDown={(ev) => onElementKey(ev, e)}
    >
      <span className="element-label">{e.label || labels["kind_" + e.kind] || e.kind}</span>
      {selected && canEdit ? (
        <>
          <div className="handle rotate" title={labels.rotate} onPointerDown={(ev) => onHandleDown(ev, "rotate", e, "element")} />
          <div className="handle resize" title={labels.resize} onPointerDown={(ev) => onHandleDown(ev, "resize", e, "element")} />
        </>
      ) : null}
    </div>
  );
});

const GuestRow = memo(function GuestRow({ g, checked, onToggle, onGuestDown, labels }) {
  return (
    <li className="guest-row" data-testid="unassigned-guest" data-guest-id={g.id}>
      <input
        type="checkbox"
        checked={checked}
        onChange={() => onToggle([g.id])}
        aria-label={fill(labels.select_guest, { name: g.name })}
      />
      <span className="guest-grip" onPointerDown={(e) => onGuestDown(e, g, "")} title={labels.drag_hint}>
        <span className="guest-name">{g.name}</span>
        <span className="guest-meta">
          {g.rsvp === "pending" ? <span className="pill pending">{labels.rsvp_pending}</span> : null}
          {g.plus_one ? <span className="pill plus-one" title={labels.plus_one_hint}>{labels.plus_one}</span> : null}
          {(g.dietary || []).length ? <span className="pill diet">{g.dietary.join(", ")}</span> : null}
        </span>
      </span>
    </li>
  );
});

export function SeatingCanvas({
  plan,
  seating,
  unassigned: unassignedProp,
  households: householdsProp,
  labels,
  presence,
  onDropGuests,
  onUnassign,
  onMoveTable,
  onMoveElement,
  onSelect,
  onCursor,
  onUndo,
  onRedo,
  ref: _reflexRef,
  ...rest
}) {
  const L = labels || {};
  const p = plan || {};
  const tables = useWholeTables(p.tables, seating);
  const elements = p.elements || [];
  const unassigned = unassignedProp || p.unassigned || [];
  const grid = p.grid || 50;
  const canEdit = !!p.can_edit;
  const floorW = p.width || 2400;
  const floorH = p.height || 1600;

  const viewportRef = useRef(null);
  const [view, setView] = useState({ zoom: 1, tx: 20, ty: 20 });
  const viewRef = useRef(view);
  viewRef.current = view;
  const [geoms, setGeoms] = useState({}); // id -> {x, y, rotation, width, height} while dragging or saving
  const [selected, setSelected] = useState("");
  const [checked, setChecked] = useState({});
  const [dragGhost, setDragGhost] = useState(""); // the dragged guests' label while a drag is on
  const ghostRef = useRef(null); // moved directly (no re-render per pointer move)
  const ghostAt = useRef([0, 0]);
  const [dropTarget, setDropTarget] = useState({ table: "", state: "" });
  const [showNames, setShowNames] = useState(false);
  const [query, setQuery] = useState("");
  const [side, setSide] = useState("");
  const [tag, setTag] = useState("");
  const [household, setHousehold] = useState("");
  const [rsvp, setRsvp] = useState("");
  const [seatAt, setSeatAt] = useState("");
  const dragRef = useRef(null);
  const keyTimers = useRef({}); // id -> timeout of a keyboard move not sent yet
  const lastCursor = useRef(0);
  const fitted = useRef(false);
  const handlers = useRef({});
  handlers.current = { onDropGuests, onUnassign, onMoveTable, onMoveElement, onSelect, onCursor, onUndo, onRedo };

  // A new plan from the server replaces the positions kept while a move was being saved (except for the
  // item still under the pointer, or waiting for its keyboard move to be sent).
  useEffect(() => {
    const d = dragRef.current;
    const keep = d && d.origin && d.active ? d.origin.id : "";
    setGeoms((g) => {
      const next = {};
      if (keep && g[keep]) next[keep] = g[keep];
      Object.keys(keyTimers.current).forEach((id) => g[id] && (next[id] = g[id]));
      return next;
    });
  }, [plan]);

  const tableById = useMemo(() => {
    const m = {};
    tables.forEach((t) => (m[t.id] = t));
    return m;
  }, [tables]);

  const fit = useCallback(() => {
    const vp = viewportRef.current;
    if (!vp) return;
    const w = vp.clientWidth || 800;
    const h = vp.clientHeight || 500;
    const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, Math.min((w - 24) / (floorW * BASE_SCALE), (h - 24) / (floorH * BASE_SCALE))));
    setView({ zoom, tx: (w - floorW * BASE_SCALE * zoom) / 2, ty: (h - floorH * BASE_SCALE * zoom) / 2 });
  }, [floorW, floorH]);

  useEffect(() => {
    if (!fitted.current && p.id) {
      fitted.current = true;
      fit();
    }
  }, [p.id, fit]);

  const zoomAt = useCallback((factor, cx, cy) => {
    setView((v) => {
      const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, v.zoom * factor));
      const k = zoom / v.zoom;
      return { zoom, tx: cx - (cx - v.tx) * k, ty: cy - (cy - v.ty) * k };
    });
  }, []);

  // Wheel zoom around the pointer (a non-passive listener, so the page does not scroll instead).
  useEffect(() => {
    const vp = viewportRef.current;
    if (!vp) return undefined;
    const onWheel = (e) => {
      e.preventDefault();
      const r = vp.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    vp.addEventListener("wheel", onWheel, { passive: false });
    return () => vp.removeEventListener("wheel", onWheel);
  }, [zoomAt]);

  // Undo / redo from the keyboard.
  useEffect(() => {
    const onKey = (e) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        handlers.current.onUndo && handlers.current.onUndo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        handlers.current.onRedo && handlers.current.onRedo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const toFloor = useCallback((clientX, clientY) => {
    const vp = viewportRef.current;
    const r = vp.getBoundingClientRect();
    const v = viewRef.current;
    const s = BASE_SCALE * v.zoom;
    return [(clientX - r.left - v.tx) / s, (clientY - r.top - v.ty) / s];
  }, []);

  const select = useCallback((kind, id) => {
    setSelected(id);
    handlers.current.onSelect && handlers.current.onSelect(kind, id);
  }, []);

  // ---- the one drag machine: tables, elements, handles, guests, panning ----
  const hitTarget = (clientX, clientY) => {
    const el = document.elementFromPoint(clientX, clientY);
    if (!el) return { table: "", seat: -1, panel: false };
    const seatEl = el.closest("[data-seat]");
    if (seatEl) return { table: seatEl.getAttribute("data-table-id"), seat: Number(seatEl.getAttribute("data-seat")), panel: false };
    const tableEl = el.closest("[data-table-id]");
    if (tableEl) return { table: tableEl.getAttribute("data-table-id"), seat: -1, panel: false };
    return { table: "", seat: -1, panel: !!el.closest("[data-drop-panel]") };
  };

  // Guests who bring a plus-one (they need two seats).
  const plusOnes = useMemo(() => {
    const m = {};
    unassigned.forEach((g) => g.plus_one && (m[g.id] = true));
    tables.forEach((t) => (t.guests || []).forEach((g) => g.plus_one && (m[g.id] = true)));
    return m;
  }, [unassigned, tables]);

  const ctx = useRef({});
  ctx.current = { grid, tableById, floorW, floorH, plusOnes };

  // Stable listeners (added on pointer down, removed on pointer up): they read the latest values from ctx.
  const onMove = useCallback((e) => {
    const { grid, tableById, plusOnes } = ctx.current;
    const d = dragRef.current;
    if (!d || e.pointerId !== d.pointerId) return;
    const dx = e.clientX - d.startX;
    const dy = e.clientY - d.startY;
    if (!d.active) {
      if (Math.hypot(dx, dy) < DRAG_START_PX) return;
      d.active = true;
    }
    e.preventDefault();
    const s = BASE_SCALE * viewRef.current.zoom;
    if (d.kind === "pan") {
      setView((v) => ({ ...v, tx: d.origin.tx + dx, ty: d.origin.ty + dy }));
    } else if (d.kind === "table" || d.kind === "element") {
      const o = d.origin;
      d.geom = { x: o.x + dx / s, y: o.y + dy / s, rotation: o.rotation, width: o.width, height: o.height };
      setGeoms((g) => ({ ...g, [o.id]: d.geom }));
    } else if (d.kind === "rotate" || d.kind === "resize") {
      const o = d.origin;
      const [fx, fy] = toFloor(e.clientX, e.clientY);
      if (d.kind === "rotate") {
        const deg = (Math.atan2(fy - o.y, fx - o.x) * 180) / Math.PI + 90;
        const rotation = ((Math.round(deg / 15) * 15) % 360 + 360) % 360;
        d.geom = { x: o.x, y: o.y, rotation, width: o.width, height: o.height };
      } else {
        const [lx, ly] = rotate([fx - o.x, fy - o.y], -o.rotation);
        let width = Math.max(grid, snap(Math.abs(lx) * 2, grid / 2));
        let height = Math.max(grid, snap(Math.abs(ly) * 2, grid / 2));
        if (o.shape === "round") width = height = Math.max(width, height);
        d.geom = { x: o.x, y: o.y, rotation: o.rotation, width, height };
      }
      setGeoms((g) => ({ ...g, [o.id]: d.geom }));
    } else if (d.kind === "guests") {
      ghostAt.current = [e.clientX + 12, e.clientY + 12];
      if (ghostRef.current) ghostRef.current.style.transform = `translate(${e.clientX + 12}px, ${e.clientY + 12}px)`;
      else setDragGhost(d.text);
      const hit = hitTarget(e.clientX, e.clientY);
      let state = "";
      if (hit.table) {
        const t = tableById[hit.table];
        const moving = t ? d.ids.filter((id) => !(t.guests || []).some((g) => g.id === id)) : [];
        const need = moving.reduce((n, id) => n + (plusOnes[id] ? 2 : 1), 0); // a plus-one takes a seat too
        state = t && t.free >= need ? "ok" : "full";
      }
      setDropTarget((cur) => (cur.table === hit.table && cur.state === state ? cur : { table: hit.table, state }));
    }
  }, [toFloor]);

  const onUp = useCallback((e) => {
    const { grid, floorW, floorH } = ctx.current;
    const d = dragRef.current;
    if (!d || e.pointerId !== d.pointerId) return;
    dragRef.current = null;
    window.removeEventListener("pointermove", onMove);
    window.removeEventListener("pointerup", onUp);
    window.removeEventListener("pointercancel", onUp);
    const h = handlers.current;
    if (d.kind === "guests") {
      setDragGhost("");
      setDropTarget({ table: "", state: "" });
      if (!d.active) {
        if (d.fromTable) select("guest", d.ids[0]);
        return;
      }
      const hit = hitTarget(e.clientX, e.clientY);
      if (hit.table && hit.table !== d.fromTable) {
        h.onDropGuests && h.onDropGuests(d.ids, hit.table, hit.seat);
        setChecked({});
      } else if (hit.table && hit.table === d.fromTable && hit.seat >= 0) {
        h.onDropGuests && h.onDropGuests(d.ids, hit.table, hit.seat);
      } else if (hit.panel && d.fromTable) {
        h.onUnassign && h.onUnassign(d.ids);
      }
      return;
    }
    if (d.kind === "pan") {
      if (!d.active) select("", "");
      return;
    }
    const o = d.origin;
    if (!d.active || !d.geom) {
      if (d.kind === "table" || d.kind === "element") select(d.kind, o.id);
      return;
    }
    const g = {
      x: snap(d.geom.x, grid),
      y: snap(d.geom.y, grid),
      rotation: d.geom.rotation,
      width: d.geom.width,
      height: d.geom.height,
    };
    g.x = Math.max(0, Math.min(floorW, g.x));
    g.y = Math.max(0, Math.min(floorH, g.y));
    setGeoms((cur) => ({ ...cur, [o.id]: g }));
    const send = d.target === "element" || d.kind === "element" ? h.onMoveElement : h.onMoveTable;
    send && send(o.id, g.x, g.y, g.rotation, g.width, g.height, o.version);
  }, [onMove, select]);

  const begin = (e, d) => {
    if (e.button !== undefined && e.button > 0) return;
    e.stopPropagation();
    if (pinchRef.current) return; // a second finger zooms, it does not drag
    dragRef.current = { ...d, pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, active: false };
    window.addEventListener("pointermove", onMove, { passive: false });
    window.addEventListener("pointerup", onUp);
    window.addEventListener("pointercancel", onUp);
  };

  // ---- two-finger pinch zoom (touch): the floor point between the fingers stays between them ----
  const touches = useRef(new Map()); // pointerId -> [clientX, clientY] of the fingers on the viewport
  const pinchRef = useRef(null); // {dist, mid, view} from when the second finger came down
  const cancelDrag = () => {
    const d = dragRef.current;
    if (!d) return;
    dragRef.current = null;
    window.removeEventListener("pointermove", onMove);
    window.removeEventListener("pointerup", onUp);
    window.removeEventListener("pointercancel", onUp);
    if (d.kind === "guests") {
      setDragGhost("");
      setDropTarget({ table: "", state: "" });
    } else if (d.kind !== "pan" && d.origin && d.origin.id) {
      // the first finger's move is dropped: the table or element goes back where it was
      setGeoms((g) => {
        const next = { ...g };
        delete next[d.origin.id];
        return next;
      });
    }
  };
  const onTouchDown = (e) => {
    if (e.pointerType !== "touch") return;
    touches.current.set(e.pointerId, [e.clientX, e.clientY]);
    if (touches.current.size !== 2 || !viewportRef.current) return;
    cancelDrag();
    const [a, b] = [...touches.current.values()];
    const r = viewportRef.current.getBoundingClientRect();
    pinchRef.current = {
      dist: Math.max(1, Math.hypot(a[0] - b[0], a[1] - b[1])),
      mid: [(a[0] + b[0]) / 2 - r.left, (a[1] + b[1]) / 2 - r.top],
      view: { ...viewRef.current },
    };
  };
  useEffect(() => {
    const move = (e) => {
      if (!touches.current.has(e.pointerId)) return;
      touches.current.set(e.pointerId, [e.clientX, e.clientY]);
      const p = pinchRef.current;
      const vp = viewportRef.current;
      if (!p || !vp || touches.current.size < 2) return;
      e.preventDefault();
      const [a, b] = [...touches.current.values()];
      const r = vp.getBoundingClientRect();
      const dist = Math.max(1, Math.hypot(a[0] - b[0], a[1] - b[1]));
      const mx = (a[0] + b[0]) / 2 - r.left;
      const my = (a[1] + b[1]) / 2 - r.top;
      const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, (p.view.zoom * dist) / p.dist));
      const k = zoom / p.view.zoom;
      setView({ zoom, tx: mx - (p.mid[0] - p.view.tx) * k, ty: my - (p.mid[1] - p.view.ty) * k });
    };
    const up = (e) => {
      if (touches.current.delete(e.pointerId) && touches.current.size < 2) pinchRef.current = null;
    };
    window.addEventListener("pointermove", move, { passive: false, capture: true });
    window.addEventListener("pointerup", up, true);
    window.addEventListener("pointercancel", up, true);
    return () => {
      window.removeEventListener("pointermove", move, { capture: true });
      window.removeEventListener("pointerup", up, true);
      window.removeEventListener("pointercancel", up, true);
    };
  }, []);

  const onTableDown = useCallback((e, t) => {
    if (!canEdit) {
      e.stopPropagation();
      select("table", t.id);
      return;
    }
    begin(e, { kind: "table", origin: { ...t } });
  }, [canEdit, onMove, onUp]); // eslint-disable-line react-hooks/exhaustive-deps

  const onElementDown = useCallback((e, el) => {
    if (!canEdit) {
      e.stopPropagation();
      select("element", el.id);
      return;
    }
    begin(e, { kind: "element", origin: { ...el } });
  }, [canEdit, onMove, onUp]); // eslint-disable-line react-hooks/exhaustive-deps

  const onHandleDown = useCallback((e, which, item, target) => {
    begin(e, { kind: which, target, origin: { ...item } });
  }, [onMove, onUp]); // eslint-disable-line react-hooks/exhaustive-deps

  const onGuestDown = useCallback((e, guest, fromTable) => {
    if (!canEdit) {
      e.stopPropagation();
      if (fromTable) select("guest", guest.id);
      return;
    }
    const ids = !fromTable && checked[guest.id] ? Object.keys(checked).filter((k) => checked[k]) : [guest.id];
    const text = ids.length > 1 ? fill(L.n_guests, { n: ids.length }) : guest.name;
    begin(e, { kind: "guests", ids, fromTable, text });
  }, [canEdit, checked, L.n_guests, onMove, onUp]); // eslint-disable-line react-hooks/exhaustive-deps

  const householdDownRef = useRef(null);
  householdDownRef.current = (e, hh, members) => {
    if (!canEdit || !members.length) return;
    begin(e, { kind: "guests", ids: members.map((g) => g.id), fromTable: "", text: fill(L.household_drag, { name: hh.name, n: members.length }) });
  };

  const onViewportDown = (e) => {
    if (e.target.closest("[data-table-id]") || e.target.closest(".room-element") || e.target.closest(".canvas-tools")) return;
    begin(e, { kind: "pan", origin: { ...viewRef.current } });
  };

  const onViewportMove = (e) => {
    const now = Date.now();
    if (now - lastCursor.current < CURSOR_EVERY_MS || !handlers.current.onCursor) return;
    lastCursor.current = now;
    const [x, y] = toFloor(e.clientX, e.clientY);
    handlers.current.onCursor(Math.round(x), Math.round(y));
  };

  // Keyboard: arrows move (Shift: five grid steps), R / Shift+R rotate by 15 degrees, Enter seats the
  // guests ticked in the panel at this table (or opens its details).
  const keyMove = (e, item, kind) => {
    const checkedIds = Object.keys(checked).filter((k) => checked[k]);
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      if (kind === "table" && checkedIds.length && canEdit) {
        handlers.current.onDropGuests && handlers.current.onDropGuests(checkedIds, item.id, -1);
        setChecked({});
      } else {
        select(kind, item.id);
      }
      return;
    }
    if (!canEdit) return;
    const step = grid * (e.shiftKey ? 5 : 1);
    const g = { x: item.x, y: item.y, rotation: item.rotation, width: item.width, height: item.height };
    if (e.key === "ArrowLeft") g.x -= step;
    else if (e.key === "ArrowRight") g.x += step;
    else if (e.key === "ArrowUp") g.y -= step;
    else if (e.key === "ArrowDown") g.y += step;
    else if (e.key === "r" || e.key === "R") g.rotation = (((g.rotation + (e.shiftKey ? -15 : 15)) % 360) + 360) % 360;
    else return;
    e.preventDefault();
    g.x = Math.max(0, Math.min(floorW, g.x));
    g.y = Math.max(0, Math.min(floorH, g.y));
    setGeoms((cur) => ({ ...cur, [item.id]: g }));
    // Several key presses in a row become one move (one saved version, one undo step).
    const version = item.version;
    clearTimeout(keyTimers.current[item.id]);
    keyTimers.current[item.id] = setTimeout(() => {
      delete keyTimers.current[item.id];
      const send = kind === "table" ? handlers.current.onMoveTable : handlers.current.onMoveElement;
      send && send(item.id, g.x, g.y, g.rotation, g.width, g.height, version);
    }, 350);
  };
  const keyRef = useRef(keyMove);
  keyRef.current = keyMove;
  const geomsRef = useRef(geoms);
  geomsRef.current = geoms;
  const onTableKey = useCallback((e, t) => keyRef.current(e, { ...t, ...(geomsRef.current[t.id] || {}) }, "table"), []);
  const onElementKey = useCallback((e, el) => keyRef.current(e, { ...el, ...(geomsRef.current[el.id] || {}) }, "element"), []);

  // ---- the unassigned panel: filters, households, the keyboard "Seat at" form ----
  const sides = useMemo(() => [...new Set(unassigned.map((g) => g.side).filter(Boolean))].sort(), [unassigned]);
  const tags = useMemo(() => [...new Set(unassigned.flatMap((g) => g.tags || []))].sort(), [unassigned]);
  const households = householdsProp || p.households || [];
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const out = [];
    const index = {};
    unassigned
      .filter(
        (g) =>
          (!q || g.name.toLowerCase().includes(q) || (g.household || "").toLowerCase().includes(q)) &&
          (!side || g.side === side) &&
          (!tag || (g.tags || []).includes(tag)) &&
          (!household || g.household_id === household) &&
          (!rsvp || g.rsvp === rsvp)
      )
      .forEach((g) => {
        const key = g.household_id || "guest:" + g.id;
        if (!(key in index)) {
          index[key] = out.length;
          out.push({ key, id: g.household_id, name: g.household || "", members: [] });
        }
        out[index[key]].members.push(g);
      });
    return out;
  }, [unassigned, query, side, tag, household, rsvp]);
  const checkedIds = Object.keys(checked).filter((k) => checked[k]);
  const toggle = useCallback(
    (ids) =>
      setChecked((cur) => {
        const next = { ...cur };
        const on = !ids.every((id) => cur[id]);
        ids.forEach((id) => (on ? (next[id] = true) : delete next[id]));
        return next;
      }),
    []
  );
  const seatChecked = (e) => {
    e.preventDefault();
    if (!seatAt || !checkedIds.length) return;
    handlers.current.onDropGuests && handlers.current.onDropGuests(checkedIds, seatAt, -1);
    setChecked({});
  };

  // ---- red links between guests who break a rule ----
  const seatPoint = (tableId, guestId) => {
    const t0 = tableById[tableId];
    if (!t0) return null;
    const t = { ...t0, ...(geoms[tableId] || {}) };
    const g = (t.guests || []).find((x) => x.id === guestId || x.name === guestId);
    if (!g) return [t.x, t.y];
    const off = seatOffsets(t.shape, t.capacity, t.width, t.height)[g.seat] || [0, 0];
    const [rx, ry] = rotate(off, t.rotation);
    return [t.x + rx, t.y + ry];
  };
  const links = (p.violations || [])
    .map((v, i) => {
      const a = seatPoint(v.table_a, v.guest_a);
      const b = seatPoint(v.table_b, v.guest_b);
      return a && b ? { key: (v.rule_id || "") + i, a, b, message: v.message } : null;
    })
    .filter(Boolean);

  // The panel's list only re-renders when its guests, filters or ticks change (not on every drag frame).
  const groupList = useMemo(
    () => (
        <ul className="guest-groups">
          {groups.length === 0 ? (
            <li className="panel-empty" data-testid="unassigned-empty">
              {unassigned.length ? L.no_match : L.everyone_seated}
            </li>
          ) : null}
          {groups.map((grp) => (
            <li key={grp.key} className="guest-group" data-testid="household-group">
              {grp.id && grp.members.length > 1 ? (
                <div className="household-head">
                  <input
                    type="checkbox"
                    checked={grp.members.every((g) => checked[g.id])}
                    onChange={() => toggle(grp.members.map((g) => g.id))}
                    aria-label={fill(L.select_household, { name: grp.name })}
                  />
                  <span
                    className="household-grip"
                    data-testid="household-grip"
                    title={L.drag_household}
                    onPointerDown={(e) => householdDownRef.current(e, grp, grp.members)}
                  >
                    {grp.name} <span className="panel-count">{grp.members.length}</span>
                  </span>
                </div>
              ) : null}
              <ul className="guest-list">
                {grp.members.map((g) => (
                  <GuestRow key={g.id} g={g} checked={!!checked[g.id]} onToggle={toggle} onGuestDown={onGuestDown} labels={L} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
    ),
    [groups, checked, canEdit, L, unassigned.length, onGuestDown, toggle]
  );
  const s = BASE_SCALE * view.zoom;
  const others = presence || [];
  const empty = tables.length === 0 && elements.length === 0;

  return (
    <div className={"seating-app" + (dragGhost ? " dragging" : "")} {...rest}>
      <aside className="seat-panel" data-drop-panel="true" aria-label={L.unassigned_title}>
        <div className="panel-head">
          <h2 className="panel-title">
            {L.unassigned_title} <span className="panel-count" data-testid="unassigned-count">{unassigned.length}</span>
          </h2>
          <input
            type="search"
            className="panel-input"
            value={query}
            placeholder={L.search}
            aria-label={L.search}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="unassigned-search"
          />
          <div className="panel-filters">
            <select className="panel-select" value={side} onChange={(e) => setSide(e.target.value)} aria-label={L.filter_side}>
              <option value="">{L.all_sides}</option>
              {sides.map((x) => (
                <option key={x} value={x}>{L["side_" + x] || x}</option>
              ))}
            </select>
            <select className="panel-select" value={rsvp} onChange={(e) => setRsvp(e.target.value)} aria-label={L.filter_rsvp}>
              <option value="">{L.all_rsvp}</option>
              <option value="attending">{L.rsvp_attending}</option>
              <option value="pending">{L.rsvp_pending}</option>
            </select>
            <select className="panel-select" value={tag} onChange={(e) => setTag(e.target.value)} aria-label={L.filter_tag}>
              <option value="">{L.all_tags}</option>
              {tags.map((x) => (
                <option key={x} value={x}>{x}</option>
              ))}
            </select>
            <select className="panel-select" value={household} onChange={(e) => setHousehold(e.target.value)} aria-label={L.filter_household}>
              <option value="">{L.all_households}</option>
              {households.filter((h) => h.unassigned > 0).map((h) => (
                <option key={h.id} value={h.id}>{h.name}</option>
              ))}
            </select>
          </div>
        </div>
        {canEdit ? (
          <form className="seat-at" onSubmit={seatChecked} data-testid="seat-at-form">
            <span className="seat-at-count">{fill(L.n_selected, { n: checkedIds.length })}</span>
            <select className="panel-select" value={seatAt} onChange={(e) => setSeatAt(e.target.value)} aria-label={L.seat_at}>
              <option value="">{L.choose_table}</option>
              {tables.map((t) => (
                <option key={t.id} value={t.id}>
                  {fill(L.table_option, { label: t.label, free: t.free })}
                </option>
              ))}
            </select>
            <button type="submit" className="panel-button" disabled={!seatAt || !checkedIds.length} data-testid="seat-at-submit">
              {L.seat}
            </button>
          </form>
        ) : null}
        {groupList}
      </aside>
      <div className="seat-stage">
        <div className="canvas-tools" role="toolbar" aria-label={L.canvas_tools}>
          <button type="button" className="tool" onClick={() => zoomAt(1 / 1.25, viewportRef.current.clientWidth / 2, viewportRef.current.clientHeight / 2)} aria-label={L.zoom_out} title={L.zoom_out}>−</button>
          <span className="zoom-value" aria-live="polite">{Math.round(view.zoom * 100)}%</span>
          <button type="button" className="tool" onClick={() => zoomAt(1.25, viewportRef.current.clientWidth / 2, viewportRef.current.clientHeight / 2)} aria-label={L.zoom_in} title={L.zoom_in}>+</button>
          <button type="button" className="tool wide" onClick={fit}>{L.fit}</button>
          <label className="tool-check">
            <input type="checkbox" checked={showNames} onChange={(e) => setShowNames(e.target.checked)} /> {L.show_names}
          </label>
        </div>
        <div
          ref={viewportRef}
          className="seat-viewport"
          data-testid="seating-viewport"
          onPointerDownCapture={onTouchDown}
          onPointerDown={onViewportDown}
          onPointerMove={onViewportMove}
        >
          <div
            className={"seat-world" + (showNames ? " show-names" : "")}
            style={{ transform: `translate(${view.tx}px, ${view.ty}px) scale(${s})`, width: floorW, height: floorH }}
          >
            <div className="seat-floor" style={{ width: floorW, height: floorH, backgroundSize: `${grid}px ${grid}px` }} />
            {elements.map((el) => (
              <ElementView
                key={el.id}
                el={el}
                geom={geoms[el.id]}
                selected={selected === el.id}
                labels={L}
                onElementDown={onElementDown}
                onElementKey={onElementKey}
                onHandleDown={onHandleDown}
                canEdit={canEdit}
              />
            ))}
            {tables.map((t) => (
              <TableView
                key={t.id}
                table={t}
                geom={geoms[t.id]}
                selected={selected === t.id}
                drop={dropTarget.table === t.id ? dropTarget.state : ""}
                labels={L}
                presence={others}
                onTableDown={onTableDown}
                onGuestDown={onGuestDown}
                onTableKey={onTableKey}
                onHandleDown={onHandleDown}
                canEdit={canEdit}
              />
            ))}
            <svg className="seat-links" width={floorW} height={floorH} aria-hidden="true">
              {links.map((l) => (
                <line key={l.key} x1={l.a[0]} y1={l.a[1]} x2={l.b[0]} y2={l.b[1]} data-testid="violation-link">
                  <title>{l.message}</title>
                </line>
              ))}
            </svg>
            {others
              .filter((o) => o.x !== null && o.x !== undefined && o.y !== null && o.y !== undefined)
              .map((o) => (
                <div key={o.user_id} className="peer-cursor" style={{ left: o.x, top: o.y, color: o.color }} data-testid="peer-cursor">
                  <svg width="36" height="36" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M3 2l7 19 2.5-7.5L20 11z" fill="currentColor" stroke="white" strokeWidth="1.5" />
                  </svg>
                  <span className="peer-name" style={{ background: o.color }}>{o.name}</span>
                </div>
              ))}
          </div>
          {empty ? <div className="canvas-empty" data-testid="canvas-empty">{L.empty_canvas}</div> : null}
        </div>
      </div>
      {dragGhost ? (
        <div
          ref={ghostRef}
          className="drag-ghost"
          style={{ transform: `translate(${ghostAt.current[0]}px, ${ghostAt.current[1]}px)` }}
          data-testid="drag-ghost"
        >
          {dragGhost}
        </div>
      ) : null}
    </div>
  );
}
