"""Errors the store raises, each with a message a coach can read."""

from __future__ import annotations


class StoreError(Exception):
    """Something went wrong with the library file; the message says what and what to do."""


class LibraryRefused(StoreError):
    """The file is not a library this version can safely write to. Its bytes are untouched."""


class LibraryInUse(StoreError):
    """Another running Tension Desktop has this library open."""


class StorageFull(StoreError):
    """The disk is full (or the library hit its size limit); the edit was not stored."""


class StorageReadOnly(StoreError):
    """The library file or its folder cannot be written to; the edit was not stored."""


class ImportRefused(StoreError):
    """A workshop file could not be imported; nothing was changed.

    ``where`` names the file, and where known the record and field at fault.
    """

    def __init__(self, message: str, *, file: str = "", record: str = "", field: str = "") -> None:
        parts = [p for p in (file, record, field) if p]
        where = " / ".join(parts)
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.record = record
        self.field = field
