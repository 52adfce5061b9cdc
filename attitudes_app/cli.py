"""The `attitudes` command: migrate, seed-demo, create-admin, purge-sessions, seating solve, run."""

from __future__ import annotations

import argparse
import getpass
import os
import sys


def _migrate(_args) -> int:
    from services.migrations import upgrade_to_head

    upgrade_to_head()
    print("Database is at the latest schema.")
    return 0


def _seed(_args) -> int:
    from services import demo

    created = demo.seed_demo()
    print("Demo data created." if created else "Demo data already present.")
    print(f"  Demo couple:    {demo.DEMO_EMAIL} / {demo.DEMO_PASSWORD}")
    print(f"  Platform admin: {demo.ADMIN_EMAIL} / {demo.ADMIN_PASSWORD}")
    from services import vendor_demo

    print(f"  Demo vendor:    {vendor_demo.VENDOR_EMAIL} / {vendor_demo.VENDOR_PASSWORD}")
    return 0


def _create_admin(args) -> int:
    from services.auth import create_platform_admin
    from services.errors import ValidationError

    password = os.environ.get("ATTITUDES_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    try:
        create_platform_admin(args.email, password)
    except ValidationError as exc:
        print("; ".join(f"{k or 'error'}: {m.id.format(**m.params)}" for k, m in exc.field_errors.items()))
        return 2
    print(f"{args.email} is a platform admin.")
    return 0


def _purge_sessions(_args) -> int:
    from services.sessions import DatabaseSessionStore

    print(f"Removed {DatabaseSessionStore().purge_expired()} expired sessions.")
    return 0


def _i18n_extract(_args) -> int:
    from attitudes_app.i18n_tools import extract

    for lang, count in extract().items():
        print(f"{lang}: {count} messages to translate")
    return 0


def _seating_solve(args) -> int:
    import json
    import time

    started = time.monotonic()

    from services.seating import InstanceError, parse_instance
    from services.seating.solver import solve

    try:
        with open(args.instance, encoding="utf-8") as fh:
            inst = parse_instance(
                json.load(fh),
                skip_unknown_relations=lambda msg: print(f"attitudes seating solve: warning: {msg}", file=sys.stderr),
            )
    except OSError as exc:
        print(f"attitudes seating solve: cannot read {args.instance}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(f"attitudes seating solve: {args.instance} is not valid JSON: {exc}", file=sys.stderr)
        return 2
    except InstanceError as exc:
        print(f"attitudes seating solve: {args.instance}: {exc}", file=sys.stderr)
        return 2
    if args.time_limit <= 0:
        print("attitudes seating solve: --time-limit must be positive", file=sys.stderr)
        return 2
    # The budget covers loading the solver and the file too.
    result = solve(inst, time_limit_s=max(0.05, args.time_limit - (time.monotonic() - started)), seed=args.seed)
    json.dump(result.to_spec_dict(), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _run(args) -> int:
    _migrate(args)
    if args.demo:
        _seed(args)
    env = {**os.environ, "GRANIAN_WORKERS": os.environ.get("GRANIAN_WORKERS", "1")}
    cmd = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-host", args.host]
    print(f"Starting Attitudes.vip on http://localhost:{os.environ.get('REFLEX_FRONTEND_PORT', '3000')}")
    os.execvpe(cmd[0], cmd, env)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="attitudes", description="Attitudes.vip administration")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the database to the latest schema").set_defaults(fn=_migrate)
    sub.add_parser("seed-demo", help="create the demo couple and admin accounts").set_defaults(fn=_seed)
    admin = sub.add_parser("create-admin", help="create or promote a platform admin")
    admin.add_argument("email")
    admin.set_defaults(fn=_create_admin)
    sub.add_parser("purge-sessions", help="delete expired login sessions").set_defaults(fn=_purge_sessions)
    sub.add_parser("i18n-extract", help="update the translation catalogs from the code").set_defaults(fn=_i18n_extract)
    seating = sub.add_parser("seating", help="seating optimizer").add_subparsers(dest="seating_command", required=True)
    seat_solve = seating.add_parser("solve", help="solve a seating instance (JSON) and print the result as JSON")
    seat_solve.add_argument("instance", help="instance file in the seating format")
    seat_solve.add_argument("--time-limit", type=float, default=10.0, help="wall-clock budget in seconds (default 10)")
    seat_solve.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    seat_solve.set_defaults(fn=_seating_solve)
    run = sub.add_parser("run", help="migrate, optionally seed, and serve the production build")
    run.add_argument("--demo", action="store_true", help="seed the demo data first")
    run.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 in containers)")
    run.set_defaults(fn=_run)
    args = parser.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    raise SystemExit(main())
