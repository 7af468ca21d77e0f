"""A smaller ICU data library for the Linux bundle (build-time only; used by mianze-desktop.spec).

Qt6Core in the Linux PySide6 wheel links ICU (libicuuc, libicui18n, libicudata). libicudata.so.73 is
one 31 MB blob — the ICU "common data" for every language, exported as the symbol ``icudt73_dat``
— and it cannot be left out: the dynamic linker needs it before Qt starts. Qt6Core calls ICU only for
collation (QCollator, e.g. sorting in file dialogs), locale-aware upper/lower case, text codecs
(QStringConverter for encodings other than UTF-8/16/32 and Latin-1) and time-zone names
(checked with ``readelf --dyn-syms libQt6Core.so.6 | grep _73``). So the bundle gets a rebuilt
libicudata with the same soname and symbol holding only the data those calls can reach for the
languages the app shows (Chinese, English, root), about 5 MB:

* locale data (top level and the coll/curr/lang/region/unit/zone/rbnf/brkitr trees): only
  ``root``, ``zh*``, ``en*`` plus each tree's ``pool.res``/``res_index.res``; any other locale
  falls back to root, as ICU does for a locale it has no data for;
* every non-locale item (supplemental data, time zones, normalisation, properties, collation base
  ``ucadata.icu``, break rules) is kept;
* converters: the single-byte ones and the Chinese multi-byte ones (GB18030, GBK, GB2312, Big5,
  Big5-HKSCS, ISO-2022-CN parts); Japanese/Korean/EBCDIC/EUC-TW double-byte tables and X11
  compound text are dropped (opening them reports an unknown codec, as for any missing one);
* transliteration and the word-break dictionaries (Thai, Lao, Khmer, Burmese, CJK word
  segmentation): Qt never calls utrans_* or ubrk_*.

How: the blob is read from the wheel's library (ELF dynamic symbol table), filtered by item name
(the ICU common-data table of contents is a sorted list of name/offset pairs, items 16-byte
aligned), and linked into a new data-only shared object with GNU as + ld (binutils, which
PyInstaller needs on Linux anyway). Run directly to see what is kept:
``python installer/icu_trim.py PATH/libicudata.so.73 [OUT.so]``.
"""
from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

LOCALES = re.compile(r"^(root|zh|en)(_\w+)?$")  # locales whose data is kept
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")  # a locale ID (af, zh_Hant_TW, en_001 …)
DROP_TREES = {"translit"}  # transliterators: Qt has no utrans_* call
# Chinese multi-byte converters (GB18030, GBK = ibm-1386, GB2312 = ibm-1383/ibm-5478/iso-ir-165,
# Big5 = ibm-1373/windows-950, Big5-HKSCS = ibm-1375/ibm-5471, CNS 11643 for ISO-2022-CN)
CHINESE_CNV = re.compile(r"^(gb18030|ibm-1386_|ibm-1383_|ibm-5478_|iso-ir-165|ibm-1373_|ibm-1375_|ibm-5471_|"
                         r"ibm-950_|windows-950|windows-936|cns-11643)", re.I)
SMALL_CNV = 20_000  # single-byte code pages are a few KB each; all of them stay


def keep_item(name: str, size: int) -> bool:
    """Whether an item of the ICU common data (``icudt73l/coll/zh.res``) stays."""
    parts = name.split("/")[1:]  # drop the icudt73l/ package prefix
    if not parts:
        return True
    leaf = parts[-1]
    stem, _, ext = leaf.rpartition(".")
    if len(parts) > 1 and parts[0] in DROP_TREES:
        return False
    if ext == "dict":  # brkitr/*.dict word-segmentation dictionaries
        return False
    if ext == "cnv":
        return size < SMALL_CNV or bool(CHINESE_CNV.match(stem))
    if ext == "res" and stem not in ("pool", "res_index") and LOCALE_NAME.match(stem):
        return bool(LOCALES.match(stem))
    return True


# -- the blob in the wheel's libicudata.so ----------------------------------------------------------
def read_data(lib: Path) -> tuple[str, bytes]:
    """(symbol name, bytes) of the ICU common data a 64-bit little-endian libicudata exports."""
    b = lib.read_bytes()
    if b[:4] != b"\x7fELF" or b[4] != 2 or b[5] != 1:
        raise ValueError(f"{lib}: not a 64-bit little-endian ELF file")
    (e_phoff, e_shoff) = struct.unpack_from("<QQ", b, 0x20)
    e_phentsize, e_phnum, e_shentsize, e_shnum = struct.unpack_from("<HHHH", b, 0x36)
    sections = [struct.unpack_from("<IIQQQQIIQQ", b, e_shoff + i * e_shentsize) for i in range(e_shnum)]
    dynsym = next(s for s in sections if s[1] == 11)  # SHT_DYNSYM
    strtab_off = sections[dynsym[6]][4]
    for off in range(dynsym[4], dynsym[4] + dynsym[5], 24):
        st_name, _info, _other, _shndx, value, size = struct.unpack_from("<IBBHQQ", b, off)
        name = b[strtab_off + st_name: b.index(b"\0", strtab_off + st_name)].decode()
        if not re.fullmatch(r"icudt\d+_dat", name) or not size:
            continue
        for i in range(e_phnum):
            p_type, _f, p_offset, p_vaddr, _pa, p_filesz, _m, _a = struct.unpack_from(
                "<IIQQQQQQ", b, e_phoff + i * e_phentsize)
            if p_type == 1 and p_vaddr <= value and value + size <= p_vaddr + p_filesz:  # PT_LOAD
                start = value - p_vaddr + p_offset
                return name, b[start:start + size]
    raise ValueError(f"{lib}: no icudt*_dat symbol with data")


def parse(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, item bytes) list of an ICU common-data (CmnD, offset TOC) blob."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD" or data[4 + 2 + 2] != 0:  # little-endian
        raise ValueError("not little-endian ICU common data (CmnD)")
    (count,) = struct.unpack_from("<I", data, header_size)
    entries = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    toc = data[header_size:]
    ends = [e[1] for e in entries[1:]] + [len(toc)]
    items = [(toc[n: toc.index(b"\0", n)].decode("ascii"), toc[o:end]) for (n, o), end in zip(entries, ends)]
    return data[:header_size], items


def build(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common-data blob with these items (kept in their sorted order)."""
    count = len(items)
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    names_at = 4 + 8 * count
    data_at = names_at + len(names)
    data_at += -(len(header) + data_at) % 16  # items 16-byte aligned within the blob
    entries, body, name_off, off = [], [], names_at, data_at
    for name, item in items:
        entries.append(struct.pack("<II", name_off, off))
        name_off += len(name) + 1
        pad = -len(item) % 16
        body.append(item + b"\0" * pad)
        off += len(item) + pad
    toc = struct.pack("<I", count) + b"".join(entries) + names
    return header + toc + b"\0" * (data_at - len(toc)) + b"".join(body)


def trim(lib: Path) -> tuple[str, bytes, list[str]]:
    """(symbol, trimmed blob, names of the dropped items) for a libicudata."""
    symbol, data = read_data(lib)
    header, items = parse(data)
    kept = [(n, d) for n, d in items if keep_item(n, len(d))]
    dropped = [n for n, d in items if not keep_item(n, len(d))]
    return symbol, build(header, kept), dropped


def write_library(lib: Path, out: Path) -> tuple[int, int]:
    """Write the trimmed copy of ``lib`` to ``out`` (same soname and symbol); (old, new) size."""
    symbol, blob, _dropped = trim(lib)
    soname = lib.name
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp) / "icudt.dat"
        dat.write_bytes(blob)
        asm = Path(tmp) / "icudt.s"
        asm.write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n'
            f'{symbol}:\n\t.incbin "{dat}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
        obj = Path(tmp) / "icudt.o"
        subprocess.run(["as", "--64", "-o", str(obj), str(asm)], check=True)
        subprocess.run(["ld", "-shared", "-soname", soname, "-z", "noexecstack", "-s", "-o", str(out), str(obj)],
                       check=True)
    # the new library must export the blob the ICU code looks up
    if read_data(out) != (symbol, blob):
        raise RuntimeError(f"{out}: the rebuilt ICU data does not read back")
    return lib.stat().st_size, out.stat().st_size


if __name__ == "__main__":
    src = Path(sys.argv[1])
    sym, trimmed, gone = trim(src)
    print(f"{src.name}: {sym}, {len(read_data(src)[1]) / 1e6:.1f} MB -> {len(trimmed) / 1e6:.1f} MB, "
          f"{len(gone)} items dropped")
    if len(sys.argv) > 2:
        old, new = write_library(src, Path(sys.argv[2]))
        print(f"wrote {sys.argv[2]}: {old / 1e6:.1f} MB -> {new / 1e6:.1f} MB")
