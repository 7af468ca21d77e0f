"""Running the ``mianze`` CLI in a subprocess, as a user would, and checking its answer."""
from __future__ import annotations

import json
import os
import subprocess
import sys


def run_cli(*args, data_dir, database_url=None, env=None, check=True):
    """Run `python -m mianze_desktop.cli` in a subprocess; returns the CompletedProcess."""
    cmd = [sys.executable, "-m", "mianze_desktop.cli", "--data-dir", str(data_dir)]
    if database_url:
        cmd += ["--database-url", database_url]
    cmd += [str(a) for a in args]
    full_env = dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {}))
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=full_env, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd[3:])} exited {proc.returncode}: {proc.stderr}")
    return proc


def ok_json(proc):
    """Exit 0 and JSON on stdout."""
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def refused(proc, *needles):
    """Exit 2 with exactly one line on stderr that contains every needle."""
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for n in needles:
        assert n in lines[0], lines[0]
