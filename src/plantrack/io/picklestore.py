"""A folder of values kept by key, one file each: written whole (a temporary file renamed into
place, so two runs at once each see a whole entry, the last one written wins) and read back
only when whole and of this layout (a digest of the payload heads each file); an entry that
cannot be read is a miss, never an error, and the next write replaces it.

Values are pickled, and read back by an unpickler that finds only classes (never a function)
defined in the modules it is given and a few plain built-in types: a file in the cache cannot
make the reader call anything but the constructor of a data class (``loads``, also used by the
check cache for the rows it keeps as pickles). Entries are a
cache, not a record: no ``fsync`` (a file cut short by a crash fails its digest and is
rebuilt).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAGIC = b"PTPK1\n"
SUFFIX = ".pickle"
_DIGEST = 32  # bytes of sha256


BUILTINS = frozenset({"bool", "bytes", "complex", "dict", "float", "frozenset", "int", "list"})
BUILTINS |= {"set", "str", "tuple"}


class _Restricted(pickle.Unpickler):
    """An unpickler that finds only classes of ``allowed`` modules (and of their children) and
    the plain built-in types."""

    def __init__(self, data: bytes, allowed: tuple[str, ...]) -> None:
        super().__init__(io.BytesIO(data))
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        inside = module in self._allowed or module.startswith(tuple(f"{a}." for a in self._allowed))
        # a plain name only: a dotted one would walk attributes to anything a module imports
        if "." not in name and (inside or (module == "builtins" and name in BUILTINS)):
            found = super().find_class(module, name)
            # defined there, not imported there: a class a module imports (a process, a
            # file) is not one of its data classes
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed here")


def dumps(value: Any) -> bytes:
    """``value`` pickled as ``loads`` reads it back (the highest protocol)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes, allowed: Iterable[str]) -> Any:
    """A value back from ``dumps``, building only classes defined in the ``allowed`` modules
    and plain built-in types; raises ``pickle.UnpicklingError`` (or whatever a damaged entry
    raises) otherwise: the caller treats any error as a miss."""
    return _Restricted(data, tuple(allowed)).load()


class PickleStore:
    """Values kept in ``folder`` by key; unpickled only from ``allowed`` modules."""

    def __init__(self, folder: Path, allowed: Iterable[str]) -> None:
        self.folder = folder
        self.allowed = tuple(allowed)

    def path(self, key: str) -> Path:
        """The file of ``key`` (a key is a hexadecimal digest, possibly with a prefix)."""
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str) -> Any | None:
        """The value kept under ``key``, or ``None`` when there is none or it cannot be read."""
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        head = len(MAGIC) + _DIGEST
        if not data.startswith(MAGIC) or len(data) < head:
            return None
        payload = data[head:]
        if hashlib.sha256(payload).digest() != data[len(MAGIC) : head]:
            return None
        try:
            return _Restricted(zlib.decompress(payload), self.allowed).load()
        except Exception:  # whatever a damaged entry raises, it is a miss
            return None

    def put(self, key: str, value: Any) -> bool:
        """Keep ``value`` under ``key``; ``False`` when it cannot be written (the run goes on
        without it)."""
        import tempfile  # writing only: a run that reads its cache never needs it

        payload = zlib.compress(dumps(value), 1)
        data = MAGIC + hashlib.sha256(payload).digest() + payload
        target = self.path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".entry-", dir=target.parent)
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
            return True
        except OSError:
            return False
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
