"""Evidence files: copied into a managed folder with their SHA-256, size and original name.

With PostgreSQL the managed folder is on each PC, so the bytes are also kept in the database
(``AttachmentContent``, by SHA-256): another PC that opens the case writes them into its own folder on
first use, and ``verify`` checks the shared copy. ``share_local`` uploads files added before that (or
restored from a backup archive) the next time a PC that holds them opens the database."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Optional

import peewee as pw

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


# -- the shared copy in a PostgreSQL database --------------------------------------------------------------
def shares_content(store) -> bool:
    return store.backend == "postgres"


def share(store, path: Path, sha256: str, size: int) -> None:
    """Keep the bytes of ``path`` in the database (inside the caller's transaction); once per SHA-256."""
    from .models import AttachmentContent

    if not shares_content(store) or AttachmentContent.select().where(AttachmentContent.sha256 == sha256).exists():
        return
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:  # the file changed since it was hashed: never share that
        raise UserError(f"{path}: the file changed while it was being attached; attach it again")
    AttachmentContent.insert(sha256=sha256, size=size, data=data).on_conflict_ignore().execute()


def shared_problem(store, sha256: str, size: int) -> Optional[str]:
    """None when the database holds an intact shared copy of these bytes, else what is wrong."""
    from .models import AttachmentContent

    row = AttachmentContent.get_or_none(AttachmentContent.sha256 == sha256)
    if row is None:
        return "the database holds no shared copy"
    data = bytes(row.data)
    if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
        return (f"the shared copy in the database was changed (SHA-256 {hashlib.sha256(data).hexdigest()[:12]}…, "
                f"recorded {sha256[:12]}…)")
    return None


def fetch_shared(store, stored_path: str, sha256: str, size: int) -> bool:
    """Write the shared copy into this PC's managed folder when the file is missing here. True when the
    file is now in place (and intact)."""
    from .models import AttachmentContent

    path = resolve(store.attachments_dir, stored_path)
    if path.is_file():
        return True
    if not shares_content(store):
        return False
    row = AttachmentContent.get_or_none(AttachmentContent.sha256 == sha256)
    if row is None:
        return False
    data = bytes(row.data)
    if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
        return False
    tmp = path.with_name(f".incoming-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write the attachment into {path.parent}: {exc.strerror or exc}") from None
    return True


def share_local(store) -> int:
    """Upload the intact local files of attachments that the database holds no shared copy of yet
    (added before schema 4, or restored from a backup archive). Returns how many were shared."""
    from .models import Attachment, AttachmentContent

    if not shares_content(store):
        return 0
    missing = (Attachment.select(Attachment.stored_path, Attachment.sha256, Attachment.size)
               .join(AttachmentContent, pw.JOIN.LEFT_OUTER, on=(Attachment.sha256 == AttachmentContent.sha256))
               .where(AttachmentContent.sha256.is_null()).tuples())
    done = 0
    for stored_path, sha256, size in list(missing):
        if check_file(store.attachments_dir, stored_path, sha256, size) is not None:
            continue  # not on this PC (or not intact here): another PC may share it
        with store.db.atomic():
            share(store, resolve(store.attachments_dir, stored_path), sha256, size)
        done += 1
    return done
