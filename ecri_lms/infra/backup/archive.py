"""The archive format: a zip with `manifest.json`, `tables/<name>.jsonl` and `files/<key>`.

The manifest lists every member with its SHA-256, so a truncated or altered archive is refused
before anything is written.
"""

import hashlib
import json
import zipfile
from pathlib import Path

FORMAT = "ecri-lms-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


def table_member(name: str) -> str:
    return f"tables/{name}.jsonl"


def file_member(key: str) -> str:
    return f"files/{key}"


class ArchiveWriter:
    """Writes members one at a time, remembering their checksums for the manifest."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True)
        self.checksums: dict[str, str] = {}

    def write_lines(self, member: str, lines) -> None:
        digest = hashlib.sha256()
        with self.zip.open(member, "w", force_zip64=True) as out:
            for line in lines:
                data = line.encode("utf-8") + b"\n"
                digest.update(data)
                out.write(data)
        self.checksums[member] = digest.hexdigest()

    def write_stream(self, member: str, stream) -> None:
        digest = hashlib.sha256()
        with self.zip.open(member, "w", force_zip64=True) as out:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        self.checksums[member] = digest.hexdigest()

    def close(self, manifest: dict) -> None:
        manifest = manifest | {"format": FORMAT, "format_version": FORMAT_VERSION, "checksums": self.checksums}
        self.zip.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        self.zip.close()


class ArchiveReader:
    """Opens an archive and checks it whole (format, members, checksums) before use."""

    def __init__(self, path: Path):
        try:
            self.zip = zipfile.ZipFile(path)
            self.manifest = json.loads(self.zip.read(MANIFEST))
        except FileNotFoundError:
            raise BackupError(f"{path}: no such file.") from None
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as error:
            raise BackupError(f"{path}: not a readable backup archive ({error}).") from None
        if not isinstance(self.manifest, dict) or self.manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: not an ECRI LMS backup (no manifest of this format).")
        if self.manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(f"{path}: backup format {self.manifest.get('format_version')} is not supported.")
        self.checksums: dict[str, str] = self.manifest.get("checksums") or {}
        self._verify()

    def _verify(self) -> None:
        names = set(self.zip.namelist()) - {MANIFEST}
        if names != set(self.checksums):
            raise BackupError("The archive's members do not match its manifest: it is incomplete or altered.")
        for member, expected in self.checksums.items():
            digest = hashlib.sha256()
            try:
                with self.zip.open(member) as stream:
                    while chunk := stream.read(CHUNK):
                        digest.update(chunk)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
                raise BackupError(f"{member}: cannot be read ({error}).") from None
            if digest.hexdigest() != expected:
                raise BackupError(f"{member}: checksum mismatch, the archive is corrupted.")

    def rows(self, table_name: str):
        """The JSON objects stored for a table, one per line."""
        member = table_member(table_name)
        if member not in self.checksums:
            return
        with self.zip.open(member) as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    yield json.loads(line)
                except ValueError:
                    raise BackupError(f"{member}:{number}: not a JSON line.") from None

    def files(self) -> list[str]:
        return sorted(m.removeprefix("files/") for m in self.checksums if m.startswith("files/"))

    def open_file(self, key: str):
        return self.zip.open(file_member(key))

    def close(self) -> None:
        self.zip.close()
