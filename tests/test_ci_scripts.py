"""The shell scripts CI depends on must finish, not just succeed.

`run-tests.sh` reads the test URL with `url=$(bash scripts/start-postgres.sh)`. When the
script starts the server, the server daemon must not inherit the pipe behind `$(...)`, or
the caller waits for the daemon to exit — forever (a CI run once hung this way until its
90-minute limit). The PostgreSQL tools are replaced by shims so this runs anywhere.
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SHIMS = {
    # the cluster exists but is down, so the script must start it
    "pg_lsclusters": "echo '15 main 5432 down postgres /x /x.log'",
    # a real pg_ctlcluster leaves a daemon behind that inherits every open fd
    "pg_ctlcluster": "sleep 30.25 &\nexit 0",
    "pg_createcluster": "exit 0",
    # pg_isready / psql / createdb all run through `su postgres -c ...`
    "su": "echo 1\nexit 0",
}


@pytest.mark.skipif(sys.platform == "win32", reason="shell script for Debian CI")
def test_start_postgres_returns_while_the_started_daemon_keeps_running(tmp_path):
    for name, body in SHIMS.items():
        shim = tmp_path / name
        shim.write_text("#!/bin/sh\n" + body + "\n")
        shim.chmod(0o755)
    env = dict(os.environ, PATH=f"{tmp_path}:{os.environ['PATH']}", PG_VERSION="15",
               MIANZE_TEST_PG_DB="shim_db")
    caller = textwrap.dedent("""
        url=$(bash scripts/start-postgres.sh 2>/dev/null)
        echo "URL=$url"
    """)
    try:
        done = subprocess.run(["bash", "-c", caller], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("start-postgres.sh kept its caller's $(...) pipe open through the daemon")
    finally:
        subprocess.run(["pkill", "-f", "^sleep 30.25$"], check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "URL=postgresql://postgres:mianze@127.0.0.1:5432/shim_db"
