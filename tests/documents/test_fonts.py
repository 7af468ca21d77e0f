"""Font lookup (Windows files, fontconfig, bundled), TrueType checks, and no silent fallback."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mianze_desktop import documents
from mianze_desktop.documents import fonts
from mianze_desktop.policy.registry import PolicyRegistry

from . import pdf
from .records import record_for

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
LXGW = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")


@pytest.fixture(autouse=True)
def fresh_fonts(monkeypatch):
    for role in fonts.ROLES:
        monkeypatch.delenv(f"MIANZE_FONT_{role.upper()}", raising=False)
    monkeypatch.delenv("MIANZE_FONTS", raising=False)
    fonts.configure(None)
    yield
    fonts.configure(None)


def test_bundled_font_is_truetype_with_gb2312_and_licence():
    path = fonts.bundled_path()
    assert path.is_file() and path.stat().st_size < 5_000_000
    assert fonts.is_truetype_outline(str(path))
    licence = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence and "LXGW" in licence
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    assert "glyf" in font and "CFF " not in font
    cmap = font.getBestCmap()
    gb2312 = [bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF)
              if not (hi == 0xD7 and lo > 0xF9)]
    assert len(gb2312) == 6763
    missing = [c for c in gb2312 if ord(c) not in cmap]
    assert missing == []
    assert all(ord(c) in cmap for c in "〔〕（）《》“”，。、；：！？—０１ＡabcXYZ0123456789年\u3000")
    names = {r.toUnicode() for r in font["name"].names}
    assert not any("LXGW" in n and "Subset of" not in n and "Copyright" not in n for n in names)  # renamed (OFL RFN)


def test_truetype_check_agrees_with_fonttools(tmp_path):
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.ttLib import TTCollection

    if WQY.is_file():
        coll = TTCollection(str(WQY), lazy=True)
        for i, face in enumerate(coll.fonts):
            assert fonts.is_truetype_outline(str(WQY), i) == ("glyf" in face)
        assert not fonts.is_truetype_outline(str(WQY), len(coll.fonts))  # no such subfont
    # a CFF-outline font is refused even when named .ttf
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef"])
    fb.setupCharacterMap({})
    pen = T2CharStringPen(500, None)
    fb.setupCFF("TestCFF", {}, {".notdef": pen.getCharString()}, {})
    fb.setupHorizontalMetrics({".notdef": (500, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "TestCFF", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    cff = tmp_path / "cff.ttf"
    fb.save(str(cff))
    assert not fonts.is_truetype_outline(str(cff))
    text = tmp_path / "not-a-font.ttf"
    text.write_text("hello")
    assert not fonts.is_truetype_outline(str(text))
    assert not fonts.is_truetype_outline(str(fonts.bundled_path().parent / "OFL.txt"))


def test_available_fonts_for_the_settings_screen():
    listed = fonts.available_fonts()
    assert [f["role"] for f in listed] == list(fonts.ROLES)
    for f in listed:
        assert set(f) >= {"role", "name", "path", "embedded"}
        assert Path(f["path"]).is_file() and fonts.is_truetype_outline(f["path"], f["index"])
        assert f["embedded"] == (f["source"] == "bundled")
        assert "STSong" not in f["name"]


def test_bundled_only(monkeypatch):
    monkeypatch.setenv("MIANZE_FONTS", "bundled")
    fonts.configure(None)
    assert {f["source"] for f in fonts.available_fonts()} == {"bundled"}


def test_fontconfig_accepts_only_the_families_of_a_role(monkeypatch):
    if not LXGW.is_file():
        pytest.skip("fonts-lxgw-wenkai not installed")
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    # fontconfig would substitute DejaVu for 仿宋; that must not be taken
    monkeypatch.setattr(fonts, "_fontconfig_fonts", lambda: [(["DejaVu Sans"], "/usr/share/fonts/x.ttf", 0),
                                                             (["仿宋", "FangSong"], str(LXGW), 0)])
    fonts.configure(None)
    choice = fonts.resolve("fangsong")
    assert choice.source == "fontconfig" and choice.path == str(LXGW)
    assert fonts.resolve("song").source == "bundled"  # no 宋体 family listed


def test_windows_font_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    shutil.copy(fonts.bundled_path(), windir / "Fonts" / "simfang.ttf")
    if WQY.is_file():
        shutil.copy(WQY, windir / "Fonts" / "simsun.ttc")
    monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    fonts.configure(None)
    fs = fonts.resolve("fangsong")
    assert fs.source == "windows" and fs.path.endswith("simfang.ttf")
    if WQY.is_file():
        song = fonts.resolve("song")
        assert song.source == "windows" and song.path.endswith("simsun.ttc") and song.index == 0
    assert fonts.resolve("hei").source == "bundled"  # no simhei.ttf in this folder
    names = documents.prepare()
    assert set(names) == set(fonts.ROLES)


def test_explicit_font_that_is_not_truetype_is_an_error(tmp_path):
    bad = tmp_path / "fake.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 40)
    fonts.configure({"fangsong": str(bad)})
    with pytest.raises(fonts.FontError, match="fake.ttf"):
        fonts.resolve("fangsong")
    with pytest.raises(fonts.FontError, match="unknown font role"):
        fonts.configure({"italic": str(bad)})


def test_text_the_font_cannot_draw_is_an_error_naming_the_characters(tmp_path):
    pack = PolicyRegistry().get("weihai-2023")
    record = record_for(pack)
    record["form"]["applicant"] = record["applicant"] = "欧阳𠮷𪚥"  # CJK Ext. B: outside GB2312 and GBK
    out = tmp_path / "app.pdf"
    with pytest.raises(fonts.FontError) as err:
        documents.render(pack, "application_form", record, out)
    message = str(err.value)
    assert "𠮷" in message and "U+20BB7" in message and "U+2A6A5" in message and "容错申请表" in message
    assert not out.exists()


def test_no_standard_or_cid_fallback_fonts_in_the_pdf(tmp_path):
    pack = PolicyRegistry().get("puyang-2024")
    out = tmp_path / "feedback.pdf"
    documents.render(pack, "feedback", record_for(pack), out)
    rows = pdf.fonts(out)
    assert rows and all(r["emb"] == "yes" for r in rows)
    data = out.read_bytes()
    for banned in (b"STSong", b"Helvetica", b"Times-Roman", b"Courier"):
        assert banned not in data
