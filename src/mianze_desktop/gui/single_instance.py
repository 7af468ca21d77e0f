"""One running app per data folder: a QLockFile in the data dir, and a local
socket through which a second start asks the first window to come forward."""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

LOCK_NAME = "mianze-desktop.lock"


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"mianze-desktop-{digest}"


class SingleInstance(QObject):
    """``acquire()`` → True for the first instance; later ones call ``notify_running()`` and quit."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.lock = QLockFile(str(self.data_dir / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # a crashed instance's lock is detected by pid, never by age
        self.server = None  # a QLocalServer once listening (QtNetwork is imported after the first paint)

    def acquire(self) -> bool:
        if not self.lock.tryLock(100):
            if self.lock.error() == QLockFile.LockError.LockFailedError and self.lock.removeStaleLockFile():
                if not self.lock.tryLock(100):
                    return False
            else:
                return False
        # The lock is ours; the socket (QtNetwork) follows once the first window is on screen (the app
        # calls listen() then) or after a second at the latest.
        QTimer.singleShot(1000, self.listen)
        return True

    def listen(self) -> None:
        """Accept "activate" from later starts (once the lock is held)."""
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None or not self.lock.isLocked():
            return
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # a socket left behind by a crash
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(name)

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        sock = QLocalSocket()
        sock.connectToServer(server_name(self.data_dir))
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(b"activate\n")
        sock.waitForBytesWritten(timeout_ms)
        sock.disconnectFromServer()
        return True

    def _on_connection(self):
        while self.server and self.server.hasPendingConnections():
            conn = self.server.nextPendingConnection()
            conn.readyRead.connect(lambda c=conn: self._read(c))
            conn.disconnected.connect(conn.deleteLater)

    def _read(self, conn):
        if b"activate" in bytes(conn.readAll()):
            self.activated.emit()

    def release(self) -> None:
        if self.server:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()
