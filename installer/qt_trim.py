"""Which Qt files the bundle leaves out: libraries, plugins and translations of the Qt modules
mianze_desktop does not use. Shared by mianze-desktop.spec (filters the collected files) and
hooks/hook-PySide6.QtGui.py (drops unwanted plugins *before* PyInstaller follows their
library dependencies, so e.g. the GTK theme plugin does not pull in cairo, pango and gdk).

Paths are bundle destinations such as ``PySide6/Qt/lib/libQt6Quick.so.6`` (Linux) or
``PySide6/Qt6Quick.dll`` / ``PySide6/plugins/platforms/qwindows.dll`` (Windows).
"""
from __future__ import annotations

import re

# Libraries of unused modules (Linux libQt6Foo.so.6, Windows Qt6Foo.dll), Qt's Wayland client
# (Linux: the app runs on X11/XWayland through the xcb plugin) and Qt's software OpenGL fallback
# (opengl32sw.dll, 20 MB: a widgets app does not need OpenGL).
DROP_LIB = re.compile(
    r"(^|/)((lib)?Qt6(3D\w*|Bluetooth|CanvasPainter|Charts\w*|Concurrent|DataVisualization\w*|Designer\w*|"
    r"FFmpegStub\w*|Graphs\w*|Help|HttpServer|Labs\w*|Location|Lottie\w*|Multimedia\w*|NetworkAuth|Nfc|"
    r"OpenGLWidgets|Positioning\w*|Qml\w*|Quick\w*|RemoteObjects\w*|Scxml\w*|Sensors\w*|SerialBus|SerialPort|"
    r"ShaderTools|SpatialAudio|Sql|StateMachine\w*|SvgWidgets|Test|TextToSpeech|UiTools|VirtualKeyboard\w*|"
    r"WebChannel\w*|WebEngine\w*|WebSockets|WebView\w*|Xml|EglFS\w*|EglFsKmsSupport|Wayland\w*|Wl\w*)\b|"
    r"opengl32sw\.dll)[^/]*$",
    re.I,
)
# Plugin folders only the unused modules load; also the evdev/TUIO input plugins (``generic``:
# embedded devices and network touch input), Wayland's shell/decoration/graphics plugins, and
# ``tls`` and ``networkinformation`` (the app's only network use is a local socket).
DROP_PLUGIN_DIRS = re.compile(
    r"/plugins/(qmltooling|qmllint|multimedia|position|sensors|sqldrivers|texttospeech|webview|"
    r"geometryloaders|renderers|renderplugins|sceneparsers|canbus|designer|scxmldatamodel|virtualkeyboard|"
    r"assetimporters|help|networkinformation|tls|egldeviceintegrations|vectorimageformats|generic|wayland-[\w-]+)/",
    re.I,
)
# Single plugins: embedded-Linux and Wayland platforms (on a Wayland desktop Qt falls back to
# xcb through XWayland), image formats the app never reads, the GTK theme
# (Qt's own dialogs are used instead), the virtual keyboard input context.
DROP_PLUGINS = re.compile(
    r"/plugins/(platforms/(lib)?q(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl|direct2d|wayland)|"
    r"imageformats/(lib)?q(tiff|webp|icns|tga|wbmp|pdf)|platformthemes/(lib)?qgtk3|"
    r"platforminputcontexts/(lib)?qtvirtualkeyboard)[^/]*$",
    re.I,
)
# Qt's own translations: only Chinese, the UI language (all languages are ~15 MB).
TRANSLATION = re.compile(r"/translations/[^/]+\.qm$", re.I)
KEEP_TRANSLATION = re.compile(r"/qt(base)?_zh_CN\.qm$", re.I)


def keep(dest: str) -> bool:
    """False for a bundle path the app does not need."""
    dest = "/" + dest.replace("\\", "/")
    if DROP_LIB.search(dest) or DROP_PLUGIN_DIRS.search(dest) or DROP_PLUGINS.search(dest):
        return False
    if "/PySide6/" in dest:
        if TRANSLATION.search(dest) and not KEEP_TRANSLATION.search(dest):
            return False
        if "/qml/" in dest:
            return False
    return True


def filter_toc(toc, what: str = "files") -> list:
    """A PyInstaller TOC (dest, src, typecode) without the files ``keep`` rejects."""
    kept = [entry for entry in toc if keep(entry[0])]
    print(f"qt_trim: left out {len(toc) - len(kept)} of {len(toc)} {what}")
    return kept
