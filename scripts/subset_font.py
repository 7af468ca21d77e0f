"""Rebuild the bundled fallback font resources/fonts/MianzeKai-GB2312.ttf.

The app prints with the system's 仿宋 / 黑体 / 宋体 where present; on a machine without
Chinese fonts it falls back to this file: LXGW WenKai Regular (SIL OFL 1.1) subset to
the GB2312 character set (6,763 hanzi + its symbols), a few common name characters
outside GB2312, ASCII, Latin-1, CJK punctuation and full-width forms. Because the
OFL reserves the names "LXGW" and "霞鹜" for unmodified fonts, the subset is renamed
("Mianze Kai GB2312"). Usage (Debian/Ubuntu: apt install fonts-lxgw-wenkai):

    python scripts/subset_font.py [--source /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
OUT = ROOT / "resources" / "fonts" / "MianzeKai-GB2312.ttf"
FAMILY = "Mianze Kai GB2312"
PS_NAME = "MianzeKaiGB2312-Regular"

# Characters outside GB2312 that are common in personal and place names.
EXTRA_HANZI = (
    "喆堃昇玥珺琍琤珅玙瑄瑱璟旻昊昕晟晔晗暐曌燚焱煜熠淼森垚犇骉鑫磊镕镠锟钰铭镆"
    "赟贇彧茜菁萱蕾蓓芃芊苡苒荨莜菡萩蔚淏浛涴溦滢潆濛沄沣泓洺浠湉湲"
    "祎祐禕禛禩綦翀翾冇堉墀塽嫚婳娪媞嫣嬿孖宬寯峣嵚嶶弢徕恺悫慜"
    "栢桠榕槿樾檬浡犀珈珩珮琛琮琰瑀瑛瑢璇璐璠瓅甦皞睿砚磬祺"
    "筠箐綝緃縢翊耘聿胤臻芮苾茆荃莘菀葳蒨薇藟虓衎褀譞赜跶辂"
    "遹邕郃郗酆钊铖锴闫隽雯霈靓鞨颀颉飏馥骞鹍鹏麒黛鼐"
    "啰瞭於麽甯邨乂丌仝亓佘佟俣倻偲傢冼凇刈劭匡卞叡吴啟嘏堯姮婵嫦"
    "嵘廼彦忞恒愫慧懿戬旸昶晞晢暻曦朗杈枫桦棣楠榛槐橙檀泷浔淇滕澍"
)

# Punctuation and symbols a 公文 uses (some are in GB2312 already; duplicates are harmless).
EXTRA_SYMBOLS = "〔〕【】〖〗《》〈〉「」『』—–…·•‧、。，；：？！（）“”‘’℃％×÷±≤≥№　\u00a0"


def gb2312_chars() -> list[str]:
    chars = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.append(ch)
    return chars


def charset() -> set[int]:
    cps = {ord(c) for c in gb2312_chars()}
    cps |= {ord(c) for c in EXTRA_HANZI + EXTRA_SYMBOLS}
    cps |= set(range(0x20, 0x7F))  # ASCII
    cps |= set(range(0xA0, 0x100))  # Latin-1 (NBSP, ·, ×)
    cps |= set(range(0x2010, 0x2027))  # dashes, quotes, ellipsis
    cps |= set(range(0x3000, 0x3020))  # CJK punctuation (、。〃〈〉《》「」〔〕…)
    cps |= set(range(0xFF01, 0xFF5F))  # full-width forms
    cps |= set(range(0x2460, 0x2474))  # ①…⑳
    return cps


def main(argv=None) -> int:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE)
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    source = Path(args.source)
    if not source.is_file():
        print(f"{source}: not found (apt install fonts-lxgw-wenkai, or pass --source)", file=sys.stderr)
        return 2
    font = TTFont(str(source), recalcTimestamp=False)  # reproducible bytes
    options = subset.Options()
    options.layout_features = []  # no OpenType layout: ReportLab does not shape
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.hinting = False
    options.notdef_outline = True
    options.recalc_bounds = True
    subsetter = subset.Subsetter(options)
    cmap = font.getBestCmap()
    wanted = sorted(cp for cp in charset() if cp in cmap)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    for drop in ("vhea", "vmtx", "BASE", "GDEF", "GSUB", "GPOS", "DSIG"):
        if drop in font:
            del font[drop]
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17):
            name.removeNames(nameID=rec.nameID)
    version = font["head"].fontRevision
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName(f"{PS_NAME};{version:.3f};subset", 3, 3, 1, 0x409)
    name.setName(FAMILY, 4, 3, 1, 0x409)
    name.setName(PS_NAME, 6, 3, 1, 0x409)
    name.setName("Subset of LXGW WenKai Regular (renamed as the SIL OFL 1.1 requires for Modified Versions) "
                 "made by scripts/subset_font.py of mianze-desktop.", 10, 3, 1, 0x409)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    missing = sorted(cp for cp in charset() if cp not in cmap)
    print(f"{out}: {out.stat().st_size / 1e6:.2f} MB, {len(wanted)} characters"
          + (f" ({len(missing)} wanted characters absent from the source)" if missing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
