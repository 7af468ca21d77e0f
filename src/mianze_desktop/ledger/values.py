"""Cell values in both directions: dates, codes, items, outcomes, stages, tiers and policies.

Everything here is pack-driven (a policy is data): items are recognised by their citation and
title, outcomes and stages by their labels, tiers by the pack's scope. Parse errors are
``ValueError`` with a reason in Chinese that the error report shows next to the cell.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Iterable, Optional

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_NUM = r"(\d{1,4}|[〇零○一二三四五六七八九十]{1,4})"
_DATE_CN = re.compile(r"^" + _NUM + r"\s*年\s*" + _NUM + r"\s*月\s*" + _NUM + r"\s*[日号]?$")
_DATE_SEP = re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
MIN_YEAR, MAX_YEAR = 1990, 2100


def nfkc(value) -> str:
    """Full-width digits, letters and punctuation to their ordinary forms; trimmed."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" not in text:  # 二〇二六 -> 2026
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _make_date(y: int, m: int, d: int, raw) -> dt.date:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ValueError(f"日期“{raw}”的年份不在{MIN_YEAR}—{MAX_YEAR}年之间")
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise ValueError(f"“{raw}”不是有效日期（{y}年{m}月{d}日不存在）") from None


def parse_date(value) -> Optional[dt.date]:
    """A cell value -> a date, or None when empty.

    Accepts Excel dates, 2026年3月5日, 二〇二六年三月五日, 2026.3.5, 2026/3/5, 2026-03-05,
    20260305, full-width digits, and Excel serial numbers stored without a date format.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _make_date(value.year, value.month, value.day, value.date().isoformat())
    if isinstance(value, dt.date):
        return _make_date(value.year, value.month, value.day, value.isoformat())
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是日期")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 19900101 <= value <= 21001231:
            return parse_date(str(int(value)))
        if 32874 <= value < 73051:  # Excel serial days for 1990-01-01 .. 2099-12-31
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise ValueError(f"“{value}”不是日期")
    raw = str(value).strip()
    if not raw:
        return None
    text = nfkc(raw).lower()
    for pattern in (_DATE_SEP, _DATE_COMPACT):
        m = pattern.match(text)
        if m:
            return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw)
    m = _DATE_CN.match(text.replace(" ", ""))
    if m:
        try:
            y, mo, d = (_cn_number(g) for g in m.groups())
        except (KeyError, ValueError):
            raise ValueError(f"“{raw}”不是可识别的日期") from None
        return _make_date(y, mo, d, raw)
    raise ValueError(f"“{raw}”不是可识别的日期（可写作 2026-03-05、2026年3月5日 或 2026.3.5）")


def text_value(value) -> str:
    """A text cell: numbers without a trailing '.0', dates as ISO, whitespace trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if not (value.hour or value.minute or value.second) else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def code_value(value) -> str:
    """A case or archive number: full-width forms folded, inner spaces removed."""
    return re.sub(r"\s+", "", nfkc(text_value(value)))


@functools.lru_cache(maxsize=65536)  # a ledger repeats its labels (policy, tier, outcome, items) on every row
def _key(text: str) -> str:
    return re.sub(r"[\s　]+", "", nfkc(text)).lower()


SPLIT_LIST = re.compile(r"[\n；;]+")
SPLIT_NAMES = re.compile(r"[\n、，,；;/／\s]+")


class PackIndex:
    """Lookups from ledger text to one pack's ids."""

    def __init__(self, pack):
        self.pack = pack
        self.items_by_key: dict[str, list[str]] = {}
        for item in pack.items:
            for key in (item.id, item_label(item), item.citation, item.title, item.citation + item.title):
                self.items_by_key.setdefault(_key(key), [])
                if item.id not in self.items_by_key[_key(key)]:
                    self.items_by_key[_key(key)].append(item.id)
        self.outcomes = {}
        for o in pack.outcomes:
            self.outcomes.setdefault(_key(o.label), o.id)
            self.outcomes.setdefault(_key(o.id), o.id)
        self.stages = {}
        for s in pack.procedure.stages:
            self.stages.setdefault(_key(s.label), s.id)
            self.stages.setdefault(_key(s.id), s.id)
        self.stage_by_role: dict[str, str] = {}
        for s in pack.procedure.stages:
            self.stage_by_role.setdefault(s.role, s.id)
        self.tiers = list(pack.scope.tiers)

    def items(self, text: str) -> list[str]:
        ids: list[str] = []
        for part in SPLIT_LIST.split(text):
            part = part.strip()
            if not part:
                continue
            found = self.items_by_key.get(_key(part))
            if not found:  # e.g. '第三条第（十一）项：隐瞒收入' or a longer title
                k = _key(part)
                found = [it.id for it in self.pack.items if _key(it.title) in k and _key(it.citation) in k]
                if not found:
                    found = [it.id for it in self.pack.items if _key(it.title) in k or k in _key(it.title)]
            if len(found) != 1:
                why = "对应多个条款" if found else "在政策中找不到"
                raise ValueError(f"适用情形“{part}”{why}（{self.pack.id}；可写条款号加标题，如“{item_label(self.pack.items[0])}”）")
            if found[0] not in ids:
                ids.append(found[0])
        return ids

    def outcome(self, text: str) -> str:
        k = _key(text)
        if k in self.outcomes:
            return self.outcomes[k]
        found = {oid for label, oid in self.outcomes.items() if label in k or k in label}
        if len(found) == 1:
            return found.pop()
        labels = "、".join(o.label for o in self.pack.outcomes)
        raise ValueError(f"认定结果“{text}”不是政策规定的结果（可选：{labels}）")

    def stage(self, text: str) -> str:
        k = _key(text)
        if k in self.stages:
            return self.stages[k]
        labels = "、".join(s.label for s in self.pack.procedure.stages)
        raise ValueError(f"办理状态“{text}”不是政策规定的环节（可选：{labels}）")

    def tier(self, text: str) -> str:
        k = _key(text)
        for tier in self.tiers:
            if k == _key(tier):
                return tier
        k = k.removesuffix("级")
        for tier in self.tiers:  # '镇' / '乡' / '街道' -> '乡镇', '县级' -> '县'
            if k and (k == _key(tier) or k in _key(tier) or (k == "街道" and "乡镇" in tier)):
                return tier
        raise ValueError(f"层级“{text}”不在政策的适用层级中（可选：{'、'.join(self.tiers)}）")


def item_label(item) -> str:
    return f"{item.citation} {item.title}"


def policy_label(pack) -> str:
    return pack.doc_number


class PolicyResolver:
    """Which pack a ledger row belongs to: from the 政策 column, a default, or the case itself."""

    def __init__(self, packs: Iterable, default=None):
        self.packs = list(packs)
        self.default = default
        self._index: dict[str, PackIndex] = {}
        self._by_key: dict[str, list] = {}
        for p in self.packs:
            keys = {p.id, p.doc_number, p.title, p.short_title, f"{p.short_title}（{p.doc_number}）",
                    f"《{p.title}》（{p.doc_number}）", f"{p.title}（{p.doc_number}）"}
            for key in keys:
                if key:
                    self._by_key.setdefault(_key(key), []).append(p)

    def index(self, pack) -> PackIndex:
        idx = self._index.get(pack.id)
        if idx is None:
            idx = self._index[pack.id] = PackIndex(pack)
        return idx

    def _pick(self, candidates: list, applied_on: Optional[dt.date]):
        if len(candidates) > 1 and applied_on:
            in_force = [p for p in candidates if p.is_valid_on(applied_on)]
            if in_force:
                candidates = in_force
        return candidates[0] if len(candidates) == 1 else None

    def resolve(self, text: str, number: str = "", applied_on: Optional[dt.date] = None, items: str = ""):
        """A pack, or ValueError with the reason. Without a 政策 cell: the default pack, the only pack,
        the one pack whose items the 适用情形 cell names, or the pack of the case number's region."""
        if text:
            k = _key(text)
            found = list(self._by_key.get(k, []))
            if not found:
                found = [p for p in self.packs if _key(p.doc_number) in k or (p.id and _key(p.id) == k)]
            pack = self._pick(found, applied_on)
            if pack is None:
                known = "、".join(p.doc_number for p in self.packs) or "无"
                why = "对应多个政策" if found else "不是已知的政策"
                raise ValueError(f"政策依据“{text}”{why}（已知：{known}）")
            return pack
        if self.default is not None:
            return self.default
        if len(self.packs) == 1:
            return self.packs[0]
        if items:
            fits = []
            for p in self.packs:
                try:
                    self.index(p).items(items)
                except ValueError:
                    continue
                fits.append(p)
            pack = self._pick(fits, applied_on)
            if pack is not None:
                return pack
        by_region = [p for p in self.packs if p.region and number and
                     (number.startswith(p.region) or number.startswith(p.region.removesuffix("市")))]
        pack = self._pick(by_region, applied_on)
        if pack is None:
            raise ValueError("无法确定适用的政策：请增加“政策依据”列（填文号），或导入时指定政策")
        return pack
