"""Generate the application icon: resources/icons/app.svg -> app.png (256 px) and app.ico.

The SVG (written by this script) is the source design: a blue rounded square with a white
shield and a check mark (容错纠错: an error examined and cleared). The PNG is rendered from
it with Qt's SVG renderer (offscreen), the multi-size Windows .ico with Pillow.
The generated files are committed; run this again only to change the design:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>mianze_desktop</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2F6DB5"/>
      <stop offset="1" stop-color="#1B4680"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="44" ry="44" fill="url(#bg)"/>
  <path d="M128 36 L204 64 L204 124 C204 172 172 206 128 224 C84 206 52 172 52 124 L52 64 Z"
        fill="#FFFFFF"/>
  <path d="M128 54 L188 76 L188 124 C188 162 164 190 128 206 C92 190 68 162 68 124 L68 76 Z"
        fill="#E8F0FA"/>
  <path d="M90 128 L118 156 L170 100" fill="none" stroke="#C8322B" stroke-width="20"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def render_png(svg: bytes, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit("app.svg is not valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(buf.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image

    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "app.svg").write_text(SVG, encoding="utf-8")
    png = render_png(SVG.encode("utf-8"), 256)
    (ICONS / "app.png").write_bytes(png)
    # render each size from the vector design (sharper small sizes than downscaling one bitmap)
    frames = [Image.open(io.BytesIO(render_png(SVG.encode("utf-8"), s))).convert("RGBA") for s in ICO_SIZES]
    frames[-1].save(ICONS / "app.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=frames[:-1])
    for name in ("app.svg", "app.png", "app.ico"):
        print(f"{ICONS / name}  {(ICONS / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
