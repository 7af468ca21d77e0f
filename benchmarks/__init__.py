"""Speed and memory figures: ``python -m benchmarks [--quick] [--json] [NAME ...]``.

Each ``bench_*.py`` module exposes ``BENCHMARKS = {name: function(quick) -> dict}``;
the dict is ``{"name","value","unit","baseline","ratio","goal"}`` where ratio is
value / baseline measured in the same run (None when there is no baseline).
Goals are ratios (or absolute ms where no fair baseline exists), never asserted in
unit tests: this machine is shared and noisy.
"""
