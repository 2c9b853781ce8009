"""Where uploaded files live: a small `Storage` interface, with a local-directory implementation.

Files are content-addressed (the key is the SHA-256 of the bytes), so identical uploads are stored
once and a key can never name a path outside the store. An object-storage backend only has to
implement the same methods and be added to BACKENDS.

Beside uploads, the store keeps derived files: documents the application renders from the database
(a certificate's PDF) and keeps so as not to render them again. They are named
`<kind>/<owner id>/<digest>`, where the digest covers everything the document is made from, so a
changed source gets a new name and a stale file is never read. They are a cache: `keys()` (and so
every backup) leaves them out, and a missing one is rendered again.
"""

import hashlib
import os
import re
import secrets
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import Flask, current_app

KEY_PATTERN = re.compile(r"[0-9a-f]{64}")
DERIVED_GROUP = re.compile(r"[a-z][a-z0-9-]{0,39}/[0-9]{1,19}")
DERIVED_NAME = re.compile(DERIVED_GROUP.pattern + r"/[0-9a-f]{64}")
DERIVED_DIR = "derived"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    sha256: str


class Storage(ABC):
    @abstractmethod
    def save(self, stream: BinaryIO) -> StoredObject:
        """Store the stream's bytes and return their key."""

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """A readable binary stream of a stored object (FileNotFoundError if absent)."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """Whether an object with this key is stored."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove an object (absent objects are ignored)."""

    @abstractmethod
    def keys(self) -> Iterator[str]:
        """The keys of every stored object (for backups); derived files are not among them."""

    @abstractmethod
    def read_derived(self, name: str) -> bytes | None:
        """A derived file's bytes, or None when it was never stored (or was deleted)."""

    @abstractmethod
    def save_derived(self, name: str, data: bytes) -> bytes:
        """Store a derived file unless one is already stored under that name; return the stored bytes.

        The first version stored under a name stays, so every reader gets the same bytes (two
        renderings of one document may differ in their timestamps)."""

    @abstractmethod
    def delete_derived(self, group: str) -> None:
        """Remove every derived file of a group, `<kind>/<owner id>` (absent ones are ignored)."""


def check_key(key: str) -> str:
    if not KEY_PATTERN.fullmatch(key or ""):
        raise ValueError("invalid storage key")
    return key


def check_derived(name: str, pattern: re.Pattern = DERIVED_NAME) -> str:
    if not pattern.fullmatch(name or ""):
        raise ValueError("invalid derived file name")
    return name


class LocalStorage(Storage):
    """Files under a directory outside static/, at <root>/ab/cd/<sha256>."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        check_key(key)
        return self.root / key[:2] / key[2:4] / key

    def save(self, stream: BinaryIO) -> StoredObject:
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with tempfile.NamedTemporaryFile(dir=self.root, prefix=".upload-", delete=False) as temporary:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                temporary.write(chunk)
        key = digest.hexdigest()
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.unlink(temporary.name)
        else:
            os.replace(temporary.name, target)
        return StoredObject(key, size, key)

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        for path in self.root.glob("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*"):
            if KEY_PATTERN.fullmatch(path.name) and path.is_file():
                yield path.name

    def read_derived(self, name: str) -> bytes | None:
        try:
            return (self.root / DERIVED_DIR / check_derived(name)).read_bytes()
        except FileNotFoundError:
            return None

    def save_derived(self, name: str, data: bytes) -> bytes:
        target = self.root / DERIVED_DIR / check_derived(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.parent / f".render-{secrets.token_hex(8)}"
        try:
            temporary.write_bytes(data)
            try:
                os.link(temporary, target)  # atomic, and refused if another process stored it first
            except FileExistsError:
                data = target.read_bytes()
        except FileNotFoundError:
            pass  # the group was deleted meanwhile (an erasure): serve these bytes, keep nothing
        finally:
            temporary.unlink(missing_ok=True)
        return data

    def delete_derived(self, group: str) -> None:
        shutil.rmtree(self.root / DERIVED_DIR / check_derived(group, DERIVED_GROUP), ignore_errors=True)


BACKENDS = {"local": lambda app: LocalStorage(app.config["STORAGE_DIR"])}


def storage_for(app: Flask) -> Storage:
    """The app's storage backend (STORAGE_BACKEND, default 'local'), created once per app."""
    if "ecri_storage" not in app.extensions:
        app.extensions["ecri_storage"] = BACKENDS[app.config.get("STORAGE_BACKEND", "local")](app)
    return app.extensions["ecri_storage"]


def get_storage() -> Storage:
    return storage_for(current_app)
