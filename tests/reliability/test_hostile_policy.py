"""Hostile policy packs, answer files and texts: typed errors only, never a crash."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mianze_desktop.policy.engine import AnswerError, check
from mianze_desktop.policy.loader import PolicyError, parse_pack
from mianze_desktop.policy.registry import PolicyRegistry
from mianze_desktop.policy.suggest import suggest
from tests.conftest import REPO

MINIMAL = (REPO / "tests" / "data" / "minimal_pack.yaml").read_text(encoding="utf-8")
MINIMAL_DATA = yaml.safe_load(MINIMAL)
PACK = PolicyRegistry().get("puyang-2024")

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates().map(str))
json_like = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                         max_leaves=20)


def parse_or_policy_error(text: str) -> None:
    try:
        parse_pack(text, "fuzz.yaml")
    except PolicyError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.yaml") for p in exc.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text_as_pack(text):
    parse_or_policy_error(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_like)
def test_random_yaml_documents(value):
    parse_or_policy_error(yaml.safe_dump(value, allow_unicode=True))


def _mutate(data, path, value):
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


PATHS = [("id",), ("items",), ("items", 0), ("items", 0, "facts"), ("items", 1, "number"), ("facts", 0),
         ("procedure",), ("procedure", "stages"), ("procedure", "stages", 0, "next"), ("outcomes", 0, "role"),
         ("valid_from",), ("documents", 0, "fields"), ("application_form", 0, "type"), ("basis_template",)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), json_like)
def test_mutated_valid_pack(path, value):
    data = json.loads(json.dumps(MINIMAL_DATA, default=str))
    _mutate(data, path, value)
    parse_or_policy_error(yaml.safe_dump(data, allow_unicode=True))


def test_yaml_bombs_and_tags_are_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    parse_or_policy_error(bomb)
    parse_or_policy_error("!!python/object/apply:os.system ['echo pwned']\n")
    parse_or_policy_error("[" * 5000)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([f.id for f in PACK.facts] + ["nope", ""]),
                       st.one_of(st.booleans(), st.none(), st.integers(), st.text(max_size=3)), max_size=12),
       st.one_of(st.none(), st.lists(st.sampled_from([i.id for i in PACK.items] + ["bogus-1"]), max_size=3)),
       st.text(max_size=20))
def test_random_answers(answers, candidates, justification):
    try:
        result = check(PACK, answers, candidates=candidates, justification=justification)
    except AnswerError as exc:
        assert str(exc)
        return
    assert result.outcome is None or result.outcome in {o.id for o in PACK.outcomes}
    assert set(result.missing_facts) <= {f.id for f in PACK.facts}
    if result.excluded_by:
        assert result.allowed_outcomes == [PACK.outcome_for("refused").id]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_suggest(text):
    ranked = suggest(PACK, text)
    assert len(ranked) == len(PACK.items) and all(0 <= r["score"] <= 1 for r in ranked)


@settings(max_examples=25, deadline=None)
@given(json_like)
def test_random_answer_files_through_the_cli(tmp_path_factory, value):
    path = tmp_path_factory.mktemp("answers") / "a.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mianze_desktop", "check", "--policy", "puyang-2024",
                           "--answers", str(path), "--json"], capture_output=True, text=True, encoding="utf-8",
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"), timeout=60)
    assert proc.returncode in (0, 2), proc.stderr
    assert "Traceback" not in proc.stderr
    if proc.returncode == 2:
        assert len(proc.stderr.strip().splitlines()) == 1
    else:
        assert "outcome" in json.loads(proc.stdout)
