"""File storage behind one small interface: local disk in the embedded default, S3-compatible in production.

Keys are generated server side (`new_key`), never taken from a client's file name. Files are served only through
authorized routes (for example GET /api/v1/vendor-images/{id}/{size}); nothing here is under a public path.

Configuration (environment):
- ATTITUDES_STORAGE_URL: "s3://bucket" for S3, "file:///abs/path" or unset for local disk (default var/files).
- ATTITUDES_S3_ENDPOINT_URL: endpoint of an S3-compatible service (MinIO, moto, ...); unset for AWS.
- AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_DEFAULT_REGION: read by boto3 itself.
"""

from __future__ import annotations

import os
import re
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from services.config import ROOT, VAR_DIR
from services.errors import NotFound

_KEY = re.compile(r"^[a-z0-9_-]{1,40}(/[a-z0-9_-]{1,40}){0,4}/[0-9a-f]{32}(\.[a-z0-9]{1,8})?$")


def new_key(prefix: str, suffix: str = "") -> str:
    """A fresh server-side key such as "vendor-images/<tenant>/<uuid>.jpg"."""
    return f"{prefix.strip('/')}/{uuid.uuid4().hex}{suffix}"


def _check_key(key: str) -> str:
    if not isinstance(key, str) or not _KEY.match(key):
        raise NotFound()
    return key


class Storage(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...


class LocalStorage:
    """Files under a root directory (never under assets/ or .web/, which are served publicly)."""

    def __init__(self, root: Path) -> None:
        root = root.resolve()
        for public in (ROOT / "assets", ROOT / ".web"):
            if root == public.resolve() or public.resolve() in root.parents:
                raise ValueError(f"storage root {root} is inside the public folder {public}")
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / _check_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)  # readers never see half a file

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise NotFound() from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()


class S3Storage:
    """An S3 bucket through boto3 (AWS, MinIO, moto server...)."""

    def __init__(self, bucket: str, endpoint_url: str | None = None, client=None) -> None:
        if client is None:
            import boto3

            client = boto3.client("s3", endpoint_url=endpoint_url or None)
        self.client = client
        self.bucket = bucket

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(Bucket=self.bucket, Key=_check_key(key), Body=data, ContentType=content_type)

    def get(self, key: str) -> bytes:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=_check_key(key))
        except self.client.exceptions.NoSuchKey:
            raise NotFound() from None
        return response["Body"].read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=_check_key(key))

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=_check_key(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True


def storage_from_url(url: str | None, endpoint_url: str | None = None) -> Storage:
    if url and url.startswith("s3://"):
        bucket = url.removeprefix("s3://").strip("/")
        if not bucket:
            raise ValueError("ATTITUDES_STORAGE_URL needs a bucket: s3://bucket")
        return S3Storage(bucket, endpoint_url=endpoint_url)
    if url and url.startswith("file://"):
        return LocalStorage(Path(url.removeprefix("file://")))
    if url:
        raise ValueError(f"unsupported ATTITUDES_STORAGE_URL: {url!r} (use s3://bucket or file:///path)")
    return LocalStorage(VAR_DIR / "files")


@lru_cache(maxsize=1)
def get_storage() -> Storage:
    return storage_from_url(os.environ.get("ATTITUDES_STORAGE_URL"), os.environ.get("ATTITUDES_S3_ENDPOINT_URL"))
