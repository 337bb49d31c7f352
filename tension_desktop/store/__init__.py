"""The library file (SQLite via sqlite-utils): opening, migrations, every write path. No Qt."""

from .errors import (
    ImportRefused,
    LibraryInUse,
    LibraryRefused,
    StorageFull,
    StorageReadOnly,
    StoreError,
)
from .library import Library, inspect_file, open_library
from .paths import default_data_dir, library_path
from .schema import APPLICATION_ID, SCHEMA_VERSION

__all__ = [
    "APPLICATION_ID", "ImportRefused", "Library", "LibraryInUse", "LibraryRefused", "SCHEMA_VERSION",
    "StorageFull", "StorageReadOnly", "StoreError", "default_data_dir", "inspect_file", "library_path",
    "open_library",
]
