"""Timing helpers shared by the benchmark modules."""
from __future__ import annotations

import statistics
import time


def median_time(fn, repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of fn() in seconds, after warm-up runs."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def result(name, value, unit, baseline=None, goal=None, **extra) -> dict:
    ratio = (value / baseline) if (baseline not in (None, 0) and value is not None) else None
    out = {"name": name, "value": value, "unit": unit, "baseline": baseline,
           "ratio": round(ratio, 3) if ratio is not None else None, "goal": goal}
    out.update(extra)
    return out
