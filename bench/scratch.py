"""The database a bench runs on: a temp SQLite file, or a scratch PostgreSQL database.

Every bench script takes an optional PostgreSQL URL as its first argument; with it, a
scratch database is created next to the given one and dropped afterwards.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def run_on_scratch_database(run: Callable[[], None]) -> None:
    admin_url = sys.argv[1] if len(sys.argv) > 1 else None
    os.environ["ATTITUDES_VAR_DIR"] = tempfile.mkdtemp(prefix="attitudes-bench-")
    os.environ.setdefault("ATTITUDES_SECRET_KEY", "bench-secret-key-0123456789-0123456789")
    if not admin_url:
        os.environ["ATTITUDES_DATABASE_URL"] = f"sqlite:///{os.environ['ATTITUDES_VAR_DIR']}/bench.db"
        run()
        return
    scratch = f"attitudes_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{scratch}"'))
    os.environ["ATTITUDES_DATABASE_URL"] = admin_url.rsplit("/", 1)[0] + f"/{scratch}"
    try:
        run()
    finally:
        from services.db import dispose_engines

        dispose_engines()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()
