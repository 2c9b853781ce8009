"""The storage layer keeps files outside static/, content-addressed, and never follows a bad key."""

import io

import pytest

from ecri_lms.infra.storage import LocalStorage, get_storage


def test_local_storage_saves_opens_and_deletes_by_content_hash(tmp_path):
    storage = LocalStorage(tmp_path / "store")

    stored = storage.save(io.BytesIO(b"slides"))
    again = storage.save(io.BytesIO(b"slides"))

    assert stored == again and stored.size == 6 and len(stored.key) == 64
    with storage.open(stored.key) as handle:
        assert handle.read() == b"slides"
    assert sorted(p.name for p in (tmp_path / "store").rglob("*") if p.is_file()) == [stored.key]
    storage.delete(stored.key)
    assert not storage.exists(stored.key)


@pytest.mark.parametrize("key", ["../../etc/passwd", "a" * 63, "A" * 64, "", "0" * 64 + "/x"])
def test_a_key_that_is_not_a_hash_is_refused(tmp_path, key):
    with pytest.raises(ValueError):
        LocalStorage(tmp_path).open(key)


def test_the_app_storage_lives_in_storage_dir_outside_static(app):
    storage = get_storage()

    assert isinstance(storage, LocalStorage)
    assert str(storage.root) == app.config["STORAGE_DIR"] and "static" not in storage.root.parts


def test_a_derived_file_keeps_its_first_version_stays_out_of_backups_and_goes_with_its_group(tmp_path):
    storage = LocalStorage(tmp_path / "store")
    upload = storage.save(io.BytesIO(b"slides")).key
    name, other = "certificate-pdf/7/" + "a" * 64, "certificate-pdf/8/" + "a" * 64

    assert storage.read_derived(name) is None
    assert storage.save_derived(name, b"first rendering") == b"first rendering"
    assert storage.save_derived(name, b"second rendering") == b"first rendering"  # a racing process
    storage.save_derived(other, b"another certificate")
    assert storage.read_derived(name) == b"first rendering"
    assert list(storage.keys()) == [upload]
    storage.delete_derived("certificate-pdf/7")
    assert storage.read_derived(name) is None and storage.read_derived(other) == b"another certificate"
    assert not [p for p in (tmp_path / "store").rglob(".render-*")]


@pytest.mark.parametrize(
    "name",
    [
        "certificate-pdf/7/../../x",
        "certificate-pdf/7/" + "a" * 63,
        "../7/" + "a" * 64,
        "Certificate/7/" + "a" * 64,
        "certificate-pdf/x/" + "a" * 64,
        "",
    ],
)
def test_a_derived_name_out_of_pattern_is_refused(tmp_path, name):
    storage = LocalStorage(tmp_path)
    with pytest.raises(ValueError):
        storage.read_derived(name)
    with pytest.raises(ValueError):
        storage.save_derived(name, b"x")
    with pytest.raises(ValueError):
        storage.delete_derived(name.rpartition("/")[0] + "/..")
