"""services.storage against an S3-compatible server: moto in server mode on a loopback port (a real HTTP server,
boto3 talks to it exactly as to AWS or MinIO)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import httpx
import pytest

from services import storage
from services.errors import NotFound

MOTO = Path(sys.executable).with_name("moto_server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    if not MOTO.exists():
        pytest.fail(f"moto_server is missing at {MOTO}: install the test requirements (moto[server]).")
    port = _free_port()
    proc = subprocess.Popen(
        [str(MOTO), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url, timeout=1)
            break
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("moto_server did not start")
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def s3_env(s3_endpoint, monkeypatch):
    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("ATTITUDES_STORAGE_URL", "s3://attitudes-files"),
        ("ATTITUDES_S3_ENDPOINT_URL", s3_endpoint),
    ):
        monkeypatch.setenv(name, value)
    boto3.client("s3", endpoint_url=s3_endpoint).create_bucket(Bucket="attitudes-files")
    storage.get_storage.cache_clear()
    yield s3_endpoint
    storage.get_storage.cache_clear()


def test_round_trip_through_s3(s3_env):
    store = storage.get_storage()
    assert isinstance(store, storage.S3Storage)
    key = storage.new_key("contracts/abc", ".pdf")
    body = b"%PDF-1.7\n" + bytes(range(256)) * 40
    assert not store.exists(key)
    store.put(key, body, "application/pdf")
    assert store.exists(key)
    assert store.get(key) == body
    head = boto3.client("s3", endpoint_url=s3_env).head_object(Bucket="attitudes-files", Key=key)
    assert head["ContentType"] == "application/pdf" and head["ContentLength"] == len(body)
    store.delete(key)
    assert not store.exists(key)


def test_a_missing_key_is_not_found(s3_env):
    store = storage.get_storage()
    with pytest.raises(NotFound):
        store.get(storage.new_key("vendor-images/x", ".jpg"))
    with pytest.raises(NotFound):  # keys are made by the server; anything else is refused before any request
        store.get("../../etc/passwd")


def test_portfolio_pictures_are_stored_in_s3(s3_env, pg):
    import io

    from PIL import Image

    from services import vendors
    from services.db import transaction
    from tests.vendor_helpers import vendor_org

    org = vendor_org("S3 Studio")
    out = io.BytesIO()
    Image.new("RGB", (2000, 1000), (1, 2, 3)).save(out, "JPEG")
    with transaction() as s:
        image = vendors.add_image(s, org.principal, out.getvalue())
        keys = (image.storage_key, image.thumb_key)
    listed = boto3.client("s3", endpoint_url=s3_env).list_objects_v2(Bucket="attitudes-files")
    assert set(keys) <= {o["Key"] for o in listed.get("Contents", [])}
    with transaction() as s:
        thumb, content_type = vendors.image_content(s, org.principal, image.id, "thumb")
    assert content_type == "image/jpeg" and Image.open(io.BytesIO(thumb)).size == (400, 200)
