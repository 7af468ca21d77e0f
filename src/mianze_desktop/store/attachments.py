"""Evidence files: copied into a managed folder with their SHA-256, size and original name."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Optional

from .errors import UserError

CHUNK = 1 << 20
MAX_NAME = 100  # characters; keeps <attachments>/<case>/<hash>-<name> well below Windows' 260
MAX_NAME_BYTES = 200  # UTF-8; with the 13-character hash prefix well below the 255-byte limit of Linux/macOS
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{dev}{n}" for dev in ("COM", "LPT") for n in "123456789¹²³")}
# control, format (bidi overrides such as U+202E, zero-width), surrogate, private-use and unassigned characters
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}
_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def sanitize_name(name: str) -> str:
    """A file name that is safe on Windows and cannot leave the managed folder."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]  # drop any folder part, whichever separator
    name = _BAD_CHARS.sub("_", name)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE)  # "x\u202egpj.exe" shows lies
    name = re.sub(r"\.{2,}", ".", name)  # no '..'
    name = name.strip().strip(".").strip()
    if not name:
        name = "attachment"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].strip().upper() in _RESERVED or (not stem and ext.upper() in _RESERVED):
        stem = "_" + stem
    ext = ext[:16]
    room = MAX_NAME - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip(" .") or "attachment"
    while len(stem.encode("utf-8")) + len(ext.encode("utf-8")) + 1 > MAX_NAME_BYTES and len(stem) > 1:
        stem = stem[:-1].rstrip(" .") or "attachment"  # long CJK or emoji names: limit the bytes too
    return f"{stem}.{ext}" if ext else stem


def file_digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def store_file(source: Path, root: Path, case_id: int, name: Optional[str] = None) -> tuple[str, str, int, str, bool]:
    """Copy ``source`` under ``root``; returns (relative path, sha256, size, clean name, created)."""
    source = Path(source)
    if not source.is_file():
        raise UserError(f"{source}: no such file (attachments must be files)")
    clean = sanitize_name(name or source.name)
    folder = root / str(case_id)
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".incoming-{os.getpid()}-{os.urandom(4).hex()}"
        h = hashlib.sha256()
        size = 0
        with open(source, "rb") as src, open(tmp, "wb") as dst:
            while True:
                chunk = src.read(CHUNK)
                if not chunk:
                    break
                h.update(chunk)
                size += len(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as exc:
        if tmp is not None:  # a full disk must not keep the partial copy
            tmp.unlink(missing_ok=True)
        raise UserError(f"{source}: cannot copy the file into {folder}: {exc.strerror or exc}") from None
    digest = h.hexdigest()
    final = folder / f"{digest[:12]}-{clean}"
    try:
        created = not final.exists()
        if created:
            os.replace(tmp, final)
        else:
            tmp.unlink()
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{source}: cannot store the file in {folder}: {exc.strerror or exc}") from None
    rel = f"{case_id}/{final.name}"
    return rel, digest, size, clean, created


def resolve(root: Path, stored_path: str) -> Path:
    """The absolute path of a stored attachment; refuses anything outside the managed folder."""
    root = Path(root).resolve()
    path = (root / stored_path).resolve()
    if root != path and root not in path.parents:
        raise UserError(f"attachment path {stored_path!r} points outside the attachments folder")
    return path


def check_file(root: Path, stored_path: str, sha256: str, size: int) -> Optional[str]:
    """None when the stored file is intact, else what is wrong with it."""
    try:
        path = resolve(root, stored_path)
    except UserError as exc:
        return str(exc)
    if not path.is_file():
        return f"file {path} is missing"
    actual_hash, actual_size = file_digest(path)
    if actual_size != size:
        return f"file {path} has {actual_size} bytes, {size} were recorded"
    if actual_hash != sha256:
        return f"file {path} was changed (SHA-256 {actual_hash[:12]}…, recorded {sha256[:12]}…)"
    return None
