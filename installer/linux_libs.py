"""Linux only (used by mianze-desktop.spec): which shared libraries the bundle leaves to the host,
and dropping libraries nothing in the bundle links any more.

PyInstaller copies every library the collected binaries link (``DT_NEEDED``), system ones
included, except a built-in list (libc, libGL, libxcb, …). Two kinds are left out here:

* ``HOST_LIBS``: libraries every Linux desktop has, taken from the host like the PySide6 wheel
  itself does when pip-installed. libcups is needed only by Qt's CUPS print plugin and brings
  GnuTLS, nettle, GMP, p11-kit, libidn2, libunistring and Avahi (~7 MB); any Linux desktop that
  can print has libcups, and without it the plugin does not load and Qt offers printing to PDF
  only (the preview still works). libdbus brings libsystemd and libgcrypt (~3 MB). The xcb
  utility libraries (libxcb-cursor & co., often missing) and xkbcommon stay bundled.
* orphans: a library copied for a plugin or module that qt_trim / the spec's excludes later
  removed (GIO for the network-information plugin, Qt6WaylandClient, Qt6OpenGL, …) is linked by
  nothing that is kept. Only plain libraries (typecode BINARY) at the top level or in
  PySide6/Qt/lib/ are candidates; Python extensions (also top-level ones such as
  _cffi_backend), Qt plugins, libpython and the wheels' own ``*.libs`` folders are roots, kept
  as they are.
"""
from __future__ import annotations

import os
import struct

HOST_LIBS = {
    "libcups.so.2",
    # the base of every Linux desktop, following AppImage's excludelist (libraries "assumed to be
    # present on the host system", github.com/AppImageCommunity/pkg2appimage/blob/master/excludelist):
    # X11 client (libxcb itself and libGL/libEGL are already left out by PyInstaller), the font
    # stack (a bundled fontconfig can disagree with the host's configuration and cache), the C++
    # runtime (Qt needs GLIBCXX_3.4.29: GCC 11, older than the glibc this bundle needs), zlib, expat
    "libX11.so.6", "libX11-xcb.so.1", "libfontconfig.so.1", "libfreetype.so.6", "libexpat.so.1",
    "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1", "libuuid.so.1", "libcom_err.so.2", "libgpg-error.so.0",
    # D-Bus and GLib (Qt's event loop): the host's talk to the host's session bus and desktop
    "libdbus-1.so.3", "libglib-2.0.so.0", "libgthread-2.0.so.0",
}


def needed(path: str) -> list[str]:
    """The DT_NEEDED names of an ELF shared object or executable ([] if not 64-bit LE ELF)."""
    with open(path, "rb") as f:
        b = f.read()
    if b[:4] != b"\x7fELF" or b[4] != 2 or b[5] != 1:
        return []
    e_shoff, = struct.unpack_from("<Q", b, 0x28)
    e_shentsize, e_shnum = struct.unpack_from("<HH", b, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", b, e_shoff + i * e_shentsize) for i in range(e_shnum)]
    names = []
    for sh in sections:
        if sh[1] != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[sh[6]][4]
        for off in range(sh[4], sh[4] + sh[5], 16):
            tag, val = struct.unpack_from("<qQ", b, off)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                names.append(b[strtab + val: b.index(b"\0", strtab + val)].decode())
    return names


def share_openssl(binaries, log=print) -> list:
    """Python's ``_ssl``/``_hashlib`` link the system libssl.so.3/libcrypto.so.3 (5.4 MB), and
    psycopg-binary bundles its own OpenSSL 3 (``psycopg_binary.libs/libssl-<hash>.so.3``, newer,
    with the same symbol versions OPENSSL_3.0.0…). Replace the system copies by symlinks to
    psycopg's: one OpenSSL in the process, as in a non-wheel install (psycopg imports ``ssl`` for
    exactly that reason: so that libpq and Python share libcrypto's set-up)."""
    vendored = {}
    for dest, src, kind in binaries:
        d = dest.replace("\\", "/")
        for name in ("libssl", "libcrypto"):
            if kind == "BINARY" and d.startswith("psycopg_binary.libs/") and os.path.basename(d).startswith(name + "-") \
                    and d.endswith(".so.3"):
                vendored[name + ".so.3"] = d
    out = []
    for dest, src, kind in binaries:
        if kind == "BINARY" and dest in vendored:
            out.append((dest, vendored[dest], "SYMLINK"))
            log(f"linux_libs: {dest} -> {vendored[dest]}")
        else:
            out.append((dest, src, kind))
    return out


def _candidate(dest: str) -> bool:
    dest = dest.replace("\\", "/")
    name = os.path.basename(dest)
    if name.startswith("libpython"):
        return False
    return "/" not in dest or dest.startswith("PySide6/Qt/lib/")


def prune(binaries, log=print) -> list:
    """``binaries`` (PyInstaller TOC: dest, src, typecode) without HOST_LIBS and without the
    candidate libraries no kept binary links; SYMLINK entries follow their target."""
    toc = [e for e in binaries if os.path.basename(e[0]) not in HOST_LIBS]
    deps = {e[0]: set(needed(e[1])) for e in toc if e[2] != "SYMLINK" and os.path.isfile(e[1])}
    while True:
        kept = {e[0] for e in toc}
        linked = set().union(*(deps.get(d, ()) for d in kept))
        # a library is linked by its file name (top level) or through a top-level symlink to it
        via_link = {e[1] for e in toc if e[2] == "SYMLINK" and e[0] in linked}
        orphans = {e[0] for e in toc if e[2] == "BINARY" and _candidate(e[0])
                   and os.path.basename(e[0]) not in linked and e[0] not in via_link}
        dangling = {e[0] for e in toc if e[2] == "SYMLINK" and e[1] not in kept}
        if not orphans and not dangling:
            break
        toc = [e for e in toc if e[0] not in orphans | dangling]
    dropped = sorted(os.path.basename(e[0]) for e in binaries if e not in toc and e[2] != "SYMLINK")
    log(f"linux_libs: left out {len(binaries) - len(toc)} of {len(binaries)} binaries "
        f"(host or unlinked: {', '.join(dropped)})")
    return toc
