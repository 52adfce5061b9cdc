"""Seating canvas round trips: a plan of 500 guests and 60 tables, through the production build's real socket.

    flock /tmp/attitudes-e2e.lock .venv/bin/python bench/seating_canvas.py [POSTGRES_ADMIN_URL]

Builds a scratch PostgreSQL database (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres) with a
wedding of 500 guests on a reception, 60 tables of 10 and ~400 guests seated; times the services the canvas
calls (plan_view, plan_version, assign, update_table); then starts the app as in production
(`reflex run --env prod`, two workers, Redis db 13) and, with a Socket.IO client speaking Reflex's event
protocol on /_event (the browser's own path), times the round trip of a table move and of a guest drop:
from sending the event to receiving the update that shows it (the floor `plan` for a move, the tables'
`seating` for a drop), and the size of that update. The live poll runs meanwhile, as in a browser.
Run it under the e2e lock: it builds .web/. Prints numbers; never fails on timing.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADMIN_URL = sys.argv[1] if len(sys.argv) > 1 else "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REDIS_URL = os.environ.get("ATTITUDES_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
GUESTS, TABLES, ROUNDS = 500, 60, 30
NAMESPACE = "/_event"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return (
        f"median {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms   max {values[-1]:7.1f} ms   (n={len(values)})"
    )


def _timed(fn, rounds: int) -> list[float]:
    out = []
    for i in range(rounds):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def seed(database_url: str):
    """A couple, a reception with 500 guests (households of 1 to 4), 60 round tables, 400 guests seated."""
    from models.guests import Guest, GuestEventInvitation, Household
    from models.weddings import WeddingEvent
    from services.db import transaction
    from services.seating import plans
    from tests.helpers import new_wedding, signup

    owner = signup("Bench Owner")
    p = owner.principal
    wid = new_wedding(p)
    with transaction() as s:
        wedding_tenant = owner.tenant_id
        event = WeddingEvent(tenant_id=wedding_tenant, wedding_id=wid, name="Reception", kind="reception")
        s.add(event)
        s.flush()
        n, h = 0, 0
        while n < GUESTS:
            size = 1 + h % 4
            household = Household(tenant_id=wedding_tenant, wedding_id=wid, name=f"Household {h}")
            s.add(household)
            s.flush()
            for _ in range(min(size, GUESTS - n)):
                guest = Guest(
                    tenant_id=wedding_tenant,
                    wedding_id=wid,
                    household_id=household.id,
                    first_name=f"Guest{n}",
                    last_name=f"Family{h}",
                    side="ab"[h % 2],
                )
                s.add(guest)
                s.flush()
                s.add(
                    GuestEventInvitation(
                        tenant_id=wedding_tenant,
                        wedding_id=wid,
                        guest_id=guest.id,
                        event_id=event.id,
                        rsvp_status="attending",
                    )
                )
                n += 1
            h += 1
        event_id = event.id
    with transaction() as s:
        plan_id = plans.open_plan(s, p, wid, event_id)
    table_ids = []
    with transaction() as s:
        for i in range(TABLES):
            table_ids.append(
                plans.add_table(
                    s,
                    p,
                    wid,
                    plan_id,
                    {
                        "label": str(i + 1),
                        "shape": "round",
                        "capacity": 10,
                        "x": 200 + (i % 10) * 300,
                        "y": 200 + (i // 10) * 300,
                        "width": 180,
                        "height": 180,
                    },
                )
            )
        plans.update_plan(s, p, wid, plan_id, {"width": 3300, "height": 2000})
    with transaction() as s:
        view = plans.plan_view(s, p, wid, plan_id, "en")
        unassigned = [g["id"] for g in view["unassigned"]]
    with transaction() as s:
        for i, tid in enumerate(table_ids[:40]):  # 40 tables x 10 = 400 seated
            plans.assign(s, p, wid, plan_id, unassigned[i * 10 : (i + 1) * 10], tid)
    return owner, wid, event_id, plan_id, table_ids


def service_numbers(owner, wid, plan_id, table_ids) -> None:
    from services.db import transaction
    from services.seating import plans

    p = owner.principal

    def call(fn, *args):
        with transaction() as s:
            return fn(s, p, wid, plan_id, *args)

    view = call(plans.plan_view, "en")
    size = len(json.dumps(view))
    print(f"plan: {view['totals']['guests']} guests, {len(view['tables'])} tables, view {size / 1024:.0f} KiB of JSON")
    print(f"service plan_view            {_ms(_timed(lambda i: call(plans.plan_view, 'en'), ROUNDS))}")
    print(f"service plan_version (poll)  {_ms(_timed(lambda i: call(plans.plan_version), ROUNDS))}")
    print(f"service presence (poll)      {_ms(_timed(lambda i: call(plans.presence), ROUNDS))}")
    table = next(t for t in view["tables"] if t["id"] == table_ids[45])

    def move(i):
        current = call(plans.plan_view, "en")
        t = next(x for x in current["tables"] if x["id"] == table["id"])
        call(plans.update_table, t["id"], {"x": 500 + (i % 2) * 100}, t["version"])

    print(f"service update_table (+view) {_ms(_timed(move, ROUNDS))}")
    versions = {"v": next(x for x in call(plans.plan_view, "en")["tables"] if x["id"] == table["id"])["version"]}

    def move_only(i):
        call(plans.update_table, table["id"], {"x": 500 + (i % 2) * 100}, versions["v"])
        versions["v"] += 1

    print(f"service update_table alone   {_ms(_timed(move_only, ROUNDS))}")
    guest = view["unassigned"][0]["id"]
    print(
        f"service assign               {_ms(_timed(lambda i: call(plans.assign, [guest], table_ids[50 + i % 2]), ROUNDS))}"
    )


class Client:
    """Reflex's event protocol over Socket.IO, with a session cookie, recording when updates arrive."""

    def __init__(self, base_url: str, session_token: str):
        import socketio

        self.updates: list[tuple[float, str]] = []
        self.sizes: list[int] = []  # bytes of the update that ended each send()
        self.arrived = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)
        self.sio.connect(
            f"{base_url}?token={uuid.uuid4()}",
            socketio_path="/_event",
            transports=["websocket"],
            headers={"Cookie": f"attitudes_session={session_token}"},
            namespaces=[NAMESPACE],
            wait_timeout=10,
        )

    def _on_event(self, data) -> None:
        with self.arrived:
            self.updates.append((time.perf_counter(), data if isinstance(data, str) else json.dumps(data)))
            self.arrived.notify_all()

    def send(self, handler: str, payload: dict, params: dict, until: str, timeout: float = 15) -> float:
        """Send one event; milliseconds until an update mentioning `until` arrives."""
        with self.arrived:
            before = len(self.updates)
        start = time.perf_counter()
        self.sio.emit(
            "event",
            {
                "name": handler,
                "payload": payload,
                "router_data": {
                    "pathname": "/w/[wedding_id]/seating/[plan_event]",
                    "query": params,
                    "asPath": f"/w/{params['wedding_id']}/seating/{params['plan_event']}",
                },
            },
            namespace=NAMESPACE,
        )
        deadline = start + timeout
        with self.arrived:
            while True:
                for at, text in self.updates[before:]:
                    if until in text:
                        self.sizes.append(len(text))
                        return (at - start) * 1000
                before = len(self.updates)
                if not self.arrived.wait(timeout=max(0.0, deadline - time.perf_counter())):
                    raise TimeoutError(f"no update mentioning {until!r} after {handler}")

    def close(self) -> None:
        self.sio.disconnect()


def socket_numbers(base_url: str, owner, wid, event_id, table_ids) -> None:
    from state.seating import SeatingState

    name = SeatingState.get_full_name()
    params = {"wedding_id": str(wid), "plan_event": str(event_id)}
    client = Client(base_url, owner.token)
    try:
        client.send(f"{name}.load", {}, params, until="plan_rx_state_")
        time.sleep(1.0)  # the live loop starts; measure with it running, as in a browser

        def latest(var: str):
            for _, text in reversed(client.updates):
                if var in text:
                    for values in json.loads(text)["delta"].values():
                        if var in values:
                            return values[var]
            raise AssertionError(f"no {var} received")

        def plan_of() -> dict:
            return latest("plan_rx_state_")

        moves = []
        client.sizes.clear()
        for i in range(ROUNDS):
            t = next(x for x in plan_of()["tables"] if x["id"] == table_ids[45])
            payload = {
                "table_id": t["id"],
                "x": 600 + (i % 2) * 100,
                "y": t["y"],
                "rotation": 0,
                "width": t["width"],
                "height": t["height"],
                "version": t["version"],
            }
            moves.append(client.send(f"{name}.move_table", payload, params, until="plan_rx_state_"))
        print(f"socket move_table round trip {_ms(moves)}   update {statistics.median(client.sizes) / 1024:.0f} KiB")
        print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        guest = latest("unassigned_rx_state_")[0]["id"]
        client.sizes.clear()
        drops = [
            client.send(
                f"{name}.drop_guests",
                {"guest_ids": [guest], "table_id": table_ids[50 + i % 2], "seat": -1},
                params,
                until="seating_rx_state_",
            )
            for i in range(ROUNDS)
        ]
        print(
            f"socket drop_guests round trip {_ms(drops)}   update {statistics.median(client.sizes) / 1024:.0f} KiB"
            "   (the seating; the live poll's full view follows)"
        )
        print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        live_numbers(client, base_url, owner, name, params, table_ids, plan_of)
    finally:
        client.close()


def _shows_x(text: str, table_id: str, x: int) -> bool:
    """Whether an update carries the floor with this table at x."""
    if "plan_rx_state_" not in text:
        return False
    for values in json.loads(text)["delta"].values():
        for t in (values.get("plan_rx_state_") or {}).get("tables", []):
            if t["id"] == table_id:
                return t["x"] == x
    return False


def live_numbers(client: Client, base_url: str, owner, name: str, params: dict, table_ids, plan_of) -> None:
    """A second tab on the same plan: how long until it shows a table the first tab moved (the live poll)."""
    other = Client(base_url, owner.token)
    try:
        other.send(f"{name}.load", {}, params, until="plan_rx_state_")
        time.sleep(1.0)
        seen = []
        for i in range(10):
            t = next(x for x in plan_of()["tables"] if x["id"] == table_ids[46])
            x = 900 + (i % 2) * 100
            payload = {**{k: t[k] for k in ("y", "width", "height", "version")}, "table_id": t["id"], "x": x}
            with other.arrived:
                before = len(other.updates)
            client.send(f"{name}.move_table", {**payload, "rotation": 0}, params, until="plan_rx_state_")
            start = time.perf_counter()
            deadline = start + 5
            with other.arrived:
                while True:
                    hit = next((at for at, text in other.updates[before:] if _shows_x(text, t["id"], x)), None)
                    if hit is not None:
                        seen.append((hit - start) * 1000)
                        break
                    if not other.arrived.wait(timeout=max(0.0, deadline - time.perf_counter())):
                        raise TimeoutError("the second tab never saw the move")
            time.sleep(0.5)
        print(f"live: another tab sees a move  {_ms(seen)}   (after the mover's own update; poll every 0.4 s)")
    finally:
        other.close()


def main() -> None:
    scratch = f"attitudes_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{scratch}"'))
    database_url = ADMIN_URL.rsplit("/", 1)[0] + f"/{scratch}"
    var_dir = Path(tempfile.mkdtemp(prefix="attitudes-bench-"))
    port = _free_port()
    base_url = f"http://localhost:{port}"
    env = {
        **os.environ,
        "ATTITUDES_DATABASE_URL": database_url,
        "ATTITUDES_REDIS_URL": REDIS_URL,
        "ATTITUDES_BASE_URL": base_url,
        "ATTITUDES_VAR_DIR": str(var_dir),
        "ATTITUDES_SECRET_KEY": "bench-secret-key-0123456789-0123456789",
        "ATTITUDES_SIGNUP_RATE_LIMIT": "1000",
        "ATTITUDES_LOGIN_RATE_LIMIT": "1000",
        "REFLEX_FRONTEND_PORT": str(port),
        "REFLEX_BACKEND_PORT": str(port),
        "GRANIAN_WORKERS": "2",
        "PATH": f"{ROOT / '.tools/bun/node_modules/.bin'}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("REFLEX_API_URL", None)
    for key, value in (
        ("REFLEX_USE_SYSTEM_BUN", "1"),
        ("REFLEX_TELEMETRY_ENABLED", "false"),
        ("REFLEX_CHECK_LATEST_VERSION", "0"),
        ("SE_OFFLINE", "true"),
    ):
        env.setdefault(key, value)
    os.environ.update(
        {
            k: env[k]
            for k in (
                "ATTITUDES_DATABASE_URL",
                "ATTITUDES_REDIS_URL",
                "ATTITUDES_BASE_URL",
                "ATTITUDES_VAR_DIR",
                "ATTITUDES_SECRET_KEY",
                "ATTITUDES_SIGNUP_RATE_LIMIT",
                "ATTITUDES_LOGIN_RATE_LIMIT",
            )
        }
    )
    proc = None
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        subprocess.run(
            [sys.executable, "-m", "attitudes_app.cli", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        started = time.perf_counter()
        owner, wid, event_id, plan_id, table_ids = seed(database_url)
        print(f"seeded {GUESTS} guests and {TABLES} tables in {time.perf_counter() - started:.1f} s")
        service_numbers(owner, wid, plan_id, table_ids)
        log = (var_dir / "app.log").open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-host", "127.0.0.1"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        import httpx

        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited: see {var_dir / 'app.log'}")
            try:
                if httpx.get(f"{base_url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        socket_numbers(base_url, owner, wid, event_id, table_ids)
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        from services.db import dispose_engines

        dispose_engines()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
