from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STANDARD_KEYS = {"name", "value", "unit", "baseline", "ratio", "goal", "error"}


def discover() -> dict:
    found = {}
    for info in sorted(pkgutil.iter_modules([str(HERE)]), key=lambda m: m.name):
        if info.name.startswith("bench_"):
            module = importlib.import_module(f"benchmarks.{info.name}")
            found.update(getattr(module, "BENCHMARKS", {}))
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.add_argument("--list", action="store_true", help="list benchmark names")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent / "src"))
    registry = discover()
    if args.list:
        print("\n".join(registry))
        return 0
    unknown = [n for n in args.names if n not in registry]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(registry)}", file=sys.stderr)
        return 2
    results, failed = [], False
    for name in args.names or list(registry):
        started = time.perf_counter()
        try:
            out = registry[name](args.quick)
        except Exception as exc:  # report and go on: one broken figure must not hide the others
            failed = True
            out = {"name": name, "value": None, "unit": "", "baseline": None, "ratio": None,
                   "error": f"{type(exc).__name__}: {exc}"}
        for r in out if isinstance(out, list) else [out]:
            r.setdefault("baseline", None)
            r.setdefault("ratio", None)
            results.append(r)
            if not args.json:
                ratio = f"  ratio {r['ratio']:.2f}" if r.get("ratio") is not None else ""
                goal = f"  (goal {r['goal']})" if r.get("goal") else ""
                err = f"  ERROR {r['error']}" if r.get("error") else ""
                value = f"{r['value']:.3f}" if isinstance(r.get("value"), (int, float)) else r.get("value")
                extra = "".join(f"  {k}={v}" for k, v in r.items() if k not in STANDARD_KEYS)
                print(f"{r['name']:<20} {value} {r.get('unit', '')}{ratio}{goal}{err}{extra}"
                      f"  [{time.perf_counter() - started:.1f}s]", flush=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
