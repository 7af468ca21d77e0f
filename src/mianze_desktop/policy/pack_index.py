"""A small file index of the installed packs' digests (policy/digest.py), so that the main window's filter
choices (stages, outcomes, policies, years) need neither the YAML files parsed nor the packs validated at
every start. An entry is kept per pack file with the file's size and modification time; a file that is
new or changed since is loaded and validated as always (a bad pack fails exactly as ``registry.all()``
does) and its entry replaces the old one. The index is only a cache: unreadable or from another program
version, it is rebuilt; unwritable, the packs are simply loaded each time.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Optional

from .. import __version__
from .digest import FIELDS, PackDigest

FORMAT = 1


def _key(path: Path) -> dict:
    st = path.stat()
    return {"mtime_ns": st.st_mtime_ns, "size": st.st_size}


def _read(cache: Optional[Path]) -> dict:
    if cache is None:
        return {}
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("program") != __version__:
        return {}
    packs = data.get("packs")
    return packs if isinstance(packs, dict) else {}


def _write(cache: Path, packs: dict) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"format": FORMAT, "program": __version__, "packs": packs}, ensure_ascii=False),
                       encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only data folder: no index, the packs are loaded each time


def digests(files: list[Path], load: Callable[[Path], object], cache: Optional[Path]) -> list[tuple[Path, PackDigest]]:
    """(file, digest) for every pack file, in the order given; ``load(file)`` validates a file not indexed."""
    known = _read(cache)
    fresh: dict = {}
    out = []
    for path in files:
        name = str(path.resolve())
        key = _key(path)
        entry = known.get(name)
        if isinstance(entry, dict) and entry.get("key") == key and isinstance(entry.get("data"), dict):
            try:
                digest = PackDigest(entry["data"])
            except (KeyError, TypeError, ValueError):
                entry = None
        else:
            entry = None
        if entry is None:
            pack = load(path)
            entry = {"key": key, "data": pack.model_dump(mode="json", include=FIELDS)}
            digest = PackDigest(entry["data"])
        fresh[name] = entry
        out.append((path, digest))
    if cache is not None and fresh != known:
        _write(cache, fresh)
    return out
