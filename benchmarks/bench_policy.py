"""suggest: ms to rank every item of one pack for one case description (warm)."""
from __future__ import annotations

from .common import median_time, result

TEXT = ("低保对象的儿子在外地打工有稳定收入，申请时隐瞒未报。经办人员按规定入户调查、邻里走访并公示，"
        "未发现异常，后经群众举报查实，已停发并追回多领的低保金。")


def bench_suggest(quick: bool) -> dict:
    from mianze_desktop.policy.registry import PolicyRegistry
    from mianze_desktop.policy.suggest import suggest

    packs = PolicyRegistry().all()
    pack = max(packs, key=lambda p: len(p.items))
    suggest(pack, TEXT)  # builds the index once: "warm" excludes that
    secs = median_time(lambda: suggest(pack, TEXT), repeat=20 if quick else 100)
    return result("suggest", secs * 1000, "ms", goal="<= 20 ms", pack=pack.id)


BENCHMARKS = {"suggest": bench_suggest}
