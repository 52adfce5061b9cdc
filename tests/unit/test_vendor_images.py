"""Portfolio images: checked by content, size-limited, EXIF stripped, resized; stored only through services.storage
and readable only by the vendor's team or (when published) logged-in users."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from sqlmodel import select

from models.vendors import VendorImage
from services import storage, vendors
from services.db import transaction
from services.errors import NotFound, ValidationError
from tests.vendor_helpers import vendor_org


@pytest.fixture
def files(tmp_path, monkeypatch):
    root = tmp_path / "files"
    monkeypatch.setenv("ATTITUDES_STORAGE_URL", f"file://{root}")
    storage.get_storage.cache_clear()
    yield root
    storage.get_storage.cache_clear()


def call(fn, *args, **kwargs):
    with transaction() as s:
        return fn(s, *args, **kwargs)


def photo(width: int = 3000, height: int = 2000, fmt: str = "JPEG") -> bytes:
    img = Image.new("RGB", (width, height), (200, 120, 80))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 24.0)}  # GPS latitude
    out = io.BytesIO()
    img.save(out, fmt, exif=exif.tobytes()) if fmt == "JPEG" else img.save(out, fmt)
    return out.getvalue()


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_an_uploaded_photo_is_resized_with_a_thumbnail_and_loses_its_exif(files):
    org = vendor_org("Pixel Photo")
    image = call(vendors.add_image, org.principal, photo(), caption="Golden hour")
    assert (image.width, image.height) == (1600, 1067)
    full, content_type = call(vendors.image_content, org.principal, image.id, "full")
    thumb, _ = call(vendors.image_content, org.principal, image.id, "thumb")
    assert content_type == "image/jpeg"
    with Image.open(io.BytesIO(full)) as f, Image.open(io.BytesIO(thumb)) as t:
        assert f.size == (1600, 1067) and max(t.size) == 400
        assert not f.getexif() and b"SecretCam" not in full and b"SecretCam" not in thumb
    assert len(stored_files(files)) == 2
    # Stored under a server-made key, never the client's file name, and outside any public folder.
    assert all(p.name.endswith(".jpg") and len(p.stem) == 32 for p in stored_files(files))
    call(vendors.delete_image, org.principal, image.id)
    assert stored_files(files) == []


@pytest.mark.parametrize(
    "payload",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,  # a Windows .exe renamed .jpg
        "zip",
        b"%PDF-1.7\n1 0 obj << >> endobj\n",
        b"",
    ],
)
def test_files_that_are_not_pictures_are_refused_and_nothing_is_stored(files, payload):
    if payload == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("photo.jpg", photo(50, 50))
        payload = buf.getvalue()
    org = vendor_org("Careful Photo")
    with pytest.raises(ValidationError) as exc:
        call(vendors.add_image, org.principal, payload)
    assert "file" in exc.value.field_errors
    assert stored_files(files) == []
    with transaction() as s:
        assert s.exec(select(VendorImage)).all() == []


def test_a_too_large_file_is_refused_before_decoding(files):
    org = vendor_org("Huge Photo")
    big = photo(100, 100) + b"\x00" * (vendors.MAX_IMAGE_BYTES + 1)
    with pytest.raises(ValidationError) as exc:
        call(vendors.add_image, org.principal, big)
    assert exc.value.field_errors["file"].id == "This file is larger than {n} MB."
    assert stored_files(files) == []


def test_images_of_unpublished_vendors_are_private_and_published_ones_visible_to_logged_in_users(files, camille):
    draft = vendor_org("Draft Photo", publish=False)
    live = vendor_org("Live Photo")
    draft_image = call(vendors.add_image, draft.principal, photo(800, 600, "PNG"))
    live_image = call(vendors.add_image, live.principal, photo(800, 600))
    with pytest.raises(NotFound):
        call(vendors.image_content, camille.principal, draft_image.id, "full")
    with pytest.raises(NotFound):
        call(vendors.image_content, live.principal, draft_image.id, "thumb")  # another vendor
    assert call(vendors.image_content, camille.principal, live_image.id, "thumb")[0][:2] == b"\xff\xd8"
    with pytest.raises(NotFound):
        call(vendors.image_content, camille.principal, live_image.id, "original")
    with pytest.raises(NotFound):  # and one vendor cannot delete another's picture
        call(vendors.delete_image, draft.principal, live_image.id)


def test_storage_keys_are_checked_and_never_escape_the_root(tmp_path):
    local = storage.LocalStorage(tmp_path / "root")
    key = storage.new_key("vendor-images/abc", ".jpg")
    local.put(key, b"data", "image/jpeg")
    assert local.exists(key) and local.get(key) == b"data"
    for bad in ("../../etc/passwd", "vendor-images/../x/0123", "/abs/path", "vendor-images/photo.jpg"):
        with pytest.raises(NotFound):
            local.get(bad)
    local.delete(key)
    assert not local.exists(key)
    with pytest.raises(NotFound):
        local.get(key)
    with pytest.raises(ValueError):
        storage.LocalStorage(storage.ROOT / "assets" / "files")


def test_demo_marketplace_has_published_vendors_and_a_vendor_login(files):
    from services import demo, vendor_demo
    from services.auth import principal_from_token
    from services.vendor_search import SearchQuery, search_vendors
    from services.weddings import list_weddings
    from tests.helpers import login

    demo.seed_demo()
    vendor = principal_from_token(login(vendor_demo.VENDOR_EMAIL, vendor_demo.VENDOR_PASSWORD))
    couple = principal_from_token(login(demo.DEMO_EMAIL, demo.DEMO_PASSWORD))
    with transaction() as s:
        assert vendors.is_vendor_only(s, vendor) and not vendors.is_vendor_only(s, couple)
        profile = vendors.load_own_vendor(s, vendor)
        assert profile.published and "photographer" in profile.types
        assert len(vendors.list_images(s, profile.id)) == 3
        [wedding] = list_weddings(s, couple)
        page = search_vendors(s, couple, wedding.id, SearchQuery(per_page=50))
        assert page.total == len(vendor_demo._VENDORS) == 24
        drone = search_vendors(s, couple, wedding.id, SearchQuery(text="drone", vendor_type="photographer"))
        assert drone.hits[0].name == "Lumière Photo"
        _, shortlist = vendors.shortlist(s, couple, wedding.id)
        assert {i.vendor.name for i in shortlist} == {"Lumière Photo", "Saveurs & Co"}
    assert len(stored_files(files / "vendor-images")) == 6  # 3 pictures, full size and thumbnail
