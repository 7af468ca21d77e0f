"""Keep openpyxl's working files beside the file the user chose (issue 9, privacy).

openpyxl writes every worksheet to a temporary file before zipping the workbook, by default in
the shared temp folder; those files hold the cases' names and facts. ``beside(folder)`` puts them
in the output folder under a hidden name and removes them when writing ends or fails.
"""
from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

PREFIX = ".mianze-sheet-"
_LOCK = threading.RLock()  # the hook is module-wide: one workbook is written at a time


@contextmanager
def beside(folder: Path | str):
    try:
        from openpyxl.worksheet import _writer
    except ImportError:  # pragma: no cover - openpyxl always has it (3.0, 3.1)
        yield
        return
    original = getattr(_writer, "create_temporary_file", None)
    if original is None:  # pragma: no cover - a future openpyxl without the hook
        yield
        return
    made: list[str] = []

    def create_temporary_file(suffix=""):
        fd, name = tempfile.mkstemp(suffix=suffix, prefix=PREFIX, dir=str(folder))
        os.close(fd)
        _writer.ALL_TEMP_FILES.append(name)
        made.append(name)
        return name

    with _LOCK:
        _writer.create_temporary_file = create_temporary_file
        try:
            yield
        finally:
            _writer.create_temporary_file = original
            for name in made:
                try:
                    os.remove(name)
                except OSError:
                    pass
                if name in _writer.ALL_TEMP_FILES:
                    _writer.ALL_TEMP_FILES.remove(name)
