# Replaces PyInstaller's own hook for PySide6.QtNetwork (hooks in the spec's hookspath take
# precedence): the module and its Qt dependencies, minus the plugins qt_trim rejects (the TLS
# backends and network-information plugins, whose libraries - GIO, OpenSSL - would otherwise be
# followed and copied). PyInstaller's hook also copies the OpenSSL libraries for Qt's TLS backend;
# this one does not: the app's only Qt networking is QLocalServer/QLocalSocket (single instance).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from qt_trim import keep  # noqa: E402

from PyInstaller.utils.hooks.qt import add_qt6_dependencies  # noqa: E402

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if keep(os.path.join(dest, os.path.basename(src)))]
