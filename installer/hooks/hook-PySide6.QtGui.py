# Replaces PyInstaller's own hook for PySide6.QtGui (hooks in the spec's hookspath take
# precedence): the same collection, minus the plugins qt_trim rejects. Filtering here, before
# PyInstaller follows the plugins' library dependencies, keeps those dependencies out too.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from qt_trim import keep  # noqa: E402

from PyInstaller.utils.hooks.qt import add_qt6_dependencies  # noqa: E402

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if keep(os.path.join(dest, os.path.basename(src)))]
