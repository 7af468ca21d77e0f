"""Find policy packs: the built-in ones, packs imported into a data dir, or a file path."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .. import paths

if TYPE_CHECKING:  # the loader (YAML, pydantic) is imported when a pack file is first read
    from .digest import PackDigest
    from .schema import Pack

_CACHE: dict[tuple[str, int, int], Pack] = {}


def _load_cached(path: Path) -> Pack:
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    pack = _CACHE.get(key)
    if pack is None:
        from .loader import load_pack_file

        pack = load_pack_file(path)
        _CACHE[key] = pack
    return pack


class PolicyRegistry:
    """The packs known to one installation (built-in plus those imported into the data dir)."""

    def __init__(self, extra_dirs: Optional[list[Path]] = None):
        self.dirs = [paths.policies_dir()] + [Path(d) for d in (extra_dirs or [])]

    def pack_files(self) -> list[Path]:
        files: list[Path] = []
        for d in self.dirs:
            if d.is_dir():
                files += sorted(p for p in d.iterdir() if p.suffix in (".yaml", ".yml"))
        return files

    def all(self) -> list[Pack]:
        packs: dict[str, Pack] = {}
        for f in self.pack_files():
            pack = _load_cached(f)
            packs.setdefault(pack.id, pack)  # built-in packs win over imported duplicates
        return sorted(packs.values(), key=lambda p: (p.region, p.issued_on, p.id))

    def digests(self, cache: Optional[Path] = None) -> list[PackDigest]:
        """What ``all()`` lists, as digests (policy/digest.py), through the index file ``cache``
        (policy/pack_index.py): only new or changed pack files are loaded and validated."""
        from .pack_index import digests

        found: dict[str, PackDigest] = {}
        for _path, digest in digests(self.pack_files(), _load_cached, cache):
            found.setdefault(digest.id, digest)  # built-in packs win over imported duplicates
        return sorted(found.values(), key=lambda p: (p.region, p.issued_on, p.id))

    def ids(self) -> list[str]:
        return [p.id for p in self.all()]

    def get(self, id_or_path: str) -> Pack:
        """A built-in id, an imported id, or a path to a pack file."""
        from .loader import PackProblem, PolicyError

        if not id_or_path or not str(id_or_path).strip():
            raise PolicyError([PackProblem("<policy>", 0, "", "no policy given")])
        candidate = Path(id_or_path)
        if candidate.suffix in (".yaml", ".yml") or candidate.exists():
            if not candidate.is_file():
                raise PolicyError([PackProblem(str(candidate), 0, "", "no such policy pack file")])
            return _load_cached(candidate)
        for pack in self.all():
            if pack.id == id_or_path:
                return pack
        known = ", ".join(self.ids()) or "none"
        raise PolicyError([PackProblem("<policy>", 0, "", f"unknown policy {id_or_path!r} (known: {known})")])

    def in_force(self, day: dt.date, region: Optional[str] = None) -> list[Pack]:
        return [p for p in self.all() if p.is_valid_on(day) and (region is None or p.region == region)]
