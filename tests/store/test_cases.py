"""CaseService: the record contract, listing, optimistic locking, the procedure's rules."""
from __future__ import annotations

import datetime as dt

import pytest

from mianze_desktop.service import Service
from mianze_desktop.store import models
from mianze_desktop.store.errors import ConflictError, UserError, WorkflowError

from .helpers import INVESTIGATORS, MINIMAL_PACK, PUYANG_CASE, WEIHAI_CASE, case_data

CONTRACT_KEYS = {
    "id", "number", "policy", "policy_revision", "status", "status_label", "applicant", "unit", "position",
    "unit_position", "tier", "work_type", "applied_on", "stage_dates", "accepted_on", "decided_on", "notified_on",
    "archived_on", "form", "matter", "facts_reasons", "remarks", "answers", "candidates", "justification",
    "investigators", "statements", "decision", "notifications", "attachments", "archive_number", "deadlines",
    "version",
}


def _count(svc, model):
    with svc.cases.store.session():
        return model.select().count()


def test_create_and_get_follow_the_contract(svc):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    assert created["number"] == "威海-2026-0001"
    rec = svc.cases.get(created["id"])
    assert CONTRACT_KEYS <= set(rec)
    assert rec["policy"] == "weihai-2023" and rec["policy_revision"] == 1
    assert rec["status"] == "apply" and rec["status_label"] == "申请"
    assert rec["applied_on"] == "2026-03-02" and rec["stage_dates"] == {"apply": "2026-03-02"}
    assert rec["form"]["matter"] == WEIHAI_CASE["form"]["matter"] == rec["matter"]
    assert rec["form"]["applicant"] == "张某某" and rec["form"]["applied_on"] == "2026-03-02"
    pack = svc.policies.get("weihai-2023")
    assert set(rec["form"]) == {f.id for f in pack.application_form}
    assert rec["unit_position"] == "环翠区某街道办事处社会救助专干"
    assert rec["answers"] == WEIHAI_CASE["answers"] and rec["candidates"] == ["applicable-11"]
    assert rec["decision"] is None and rec["accepted_on"] is None and rec["version"] == 1
    assert [d["id"] for d in rec["deadlines"]] == [d.id for d in pack.procedure.deadlines]
    assert svc.cases.get(rec["number"])["id"] == rec["id"]  # by number too
    assert svc.cases.create(PUYANG_CASE, policy="puyang-2024")["number"] == "濮阳-2025-0001"


def test_bad_case_input_names_the_field_and_saves_nothing(svc):
    cases = svc.cases
    for policy, data, pattern in [
        ("weihai-2023", case_data(WEIHAI_CASE, applicant=""), "applicant"),
        ("weihai-2023", case_data(WEIHAI_CASE, tier="省"), "tier"),
        ("weihai-2023", case_data(WEIHAI_CASE, applied_on="2026-02-30"), "applied_on"),
        ("weihai-2023", case_data(WEIHAI_CASE, colour="red"), "colour"),
        ("weihai-2023", case_data(WEIHAI_CASE, form={"no_such_field": "x"}), "no_such_field"),
        ("weihai-2023", case_data(WEIHAI_CASE, answers={"no-such-fact": True}), "no-such-fact"),
        ("weihai-2023", case_data(WEIHAI_CASE, candidates=["applicable-99"]), "applicable-99"),
        ("puyang-2024", case_data(PUYANG_CASE, form={"work_type": "养老"}), "work_type"),
    ]:
        with pytest.raises(UserError, match=pattern):
            cases.create(data, policy=policy)
    with pytest.raises(UserError, match="unknown policy"):
        cases.create(WEIHAI_CASE, policy="nowhere-2020")
    assert cases.count() == 0 and _count(svc, models.AuditEntry) == 0


def test_expired_and_not_yet_valid_policy(svc):
    with pytest.raises(WorkflowError, match=r"puyang-2024.*valid from 2024-06-01 to 2026-05-31.*2026-06-10"):
        svc.cases.create(case_data(PUYANG_CASE, applied_on="2026-06-10"), policy="puyang-2024")
    with pytest.raises(WorkflowError, match="cannot open a case applied on 2024-05-31"):
        svc.cases.create(case_data(PUYANG_CASE, applied_on="2024-05-31"), policy="puyang-2024")
    with pytest.raises(WorkflowError, match="2023-01-05"):
        svc.cases.create(case_data(WEIHAI_CASE, applied_on="2023-01-05"), policy="weihai-2023")
    assert svc.cases.count() == 0
    ok = svc.cases.create(case_data(PUYANG_CASE, applied_on="2026-05-31"), policy="puyang-2024")
    # an open case stays under its pack; moving its application date out of validity is refused
    with pytest.raises(WorkflowError, match="cannot open a case applied on 2026-06-01"):
        svc.cases.update(ok["id"], {"applied_on": "2026-06-01"})
    assert svc.cases.get(ok["id"])["applied_on"] == "2026-05-31"


def test_old_cases_keep_their_pack_revision(svc, tmp_path):
    text = MINIMAL_PACK.read_text(encoding="utf-8")
    pack_file = tmp_path / "testcity.yaml"
    pack_file.write_text(text, encoding="utf-8")
    created = svc.cases.create({"applicant": "甲某某", "applied_on": "2025-06-02"}, policy=str(pack_file))
    # the pack file changes (revision 2 renames a stage); the case still reads under revision 1
    pack_file.write_text(text.replace("id: testcity-2025\n", "id: testcity-2025\nrevision: 2\n")
                         .replace("label: 受理", "label: 接收"), encoding="utf-8")
    fresh = Service(data_dir=svc.data_dir, database_url=svc.database_url)
    try:
        fresh.cases.advance(created["id"], "accept", {"date": "2025-06-03", "form": {
            "unit_position": "某镇民政办科员", "matter": "录入失误", "facts_reasons": "录入失误已补救"}})
        rec = fresh.cases.get(created["id"])
        assert rec["policy_revision"] == 1 and rec["status_label"] == "受理"
        later = fresh.cases.create({"applicant": "乙某某", "applied_on": "2025-07-01"}, policy=str(pack_file))
        assert fresh.cases.get(later["id"])["policy_revision"] == 2
        assert fresh.cases.advance(later["id"], "accept", {"date": "2025-07-02", "form": {
            "unit_position": "某村委会", "matter": "m", "facts_reasons": "f"}})["status_label"] == "接收"
    finally:
        fresh.close()


def test_list_filters_and_paging(svc):
    cases = svc.cases
    for i in range(5):
        cases.create(case_data(WEIHAI_CASE, applied_on=f"2025-0{i + 1}-10", applicant=f"周{i}某"), policy="weihai-2023")
    for i in range(3):
        cases.create(case_data(PUYANG_CASE, applied_on=f"2026-0{i + 1}-12", unit="濮阳县某镇"), policy="puyang-2024")
    items = cases.list()
    assert len(items) == 8 and items[0]["applied_on"] == "2026-03-12"
    assert {"id", "number", "policy", "status", "applicant", "applied_on"} <= set(items[0])
    assert [i["applied_on"][:4] for i in cases.list(year=2025)] == ["2025"] * 5
    assert len(cases.list(policy="puyang-2024")) == 3 and cases.count(policy="puyang-2024") == 3
    assert len(cases.list(unit="濮阳县某镇")) == 3
    assert [i["applicant"] for i in cases.list(text="周3")] == ["周3某"]
    assert len(cases.list(text="隐瞒 务工")) == 3
    page1, page2 = cases.list(limit=3), cases.list(offset=3, limit=3)
    assert len(page1) == len(page2) == 3 and not {i["id"] for i in page1} & {i["id"] for i in page2}
    first = page1[0]["id"]
    cases.advance(first, "accept", {"date": "2026-03-13"})
    assert [i["id"] for i in cases.list(status="accept")] == [first]
    assert cases.list(outcome="exempt") == []


def test_stale_write_conflicts_and_never_overwrites(svc):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    mine = svc.cases.get(created["id"])
    other = Service(data_dir=svc.data_dir, database_url=svc.database_url, user="另一位")
    try:
        theirs = other.cases.update(created["id"], {"remarks": "另一位的备注"}, expected_version=mine["version"])
        assert theirs["version"] == 2
        with pytest.raises(ConflictError) as err:
            svc.cases.update(created["id"], {"remarks": "我的备注"}, expected_version=mine["version"])
        assert err.value.expected == 1 and err.value.actual == 2
        assert "version 1" in str(err.value) and "version 2" in str(err.value)
        with pytest.raises(ConflictError):
            svc.cases.advance(created["id"], "accept", {"date": "2026-03-03"}, expected_version=1)
    finally:
        other.close()
    rec = svc.cases.get(created["id"])
    assert rec["remarks"] == "另一位的备注" and rec["version"] == 2 and rec["status"] == "apply"
    assert [h["user"] for h in svc.cases.history(created["id"])] == ["测试员", "另一位"]


def _to_investigate(svc, base=PUYANG_CASE, policy="puyang-2024", investigators=INVESTIGATORS):
    created = svc.cases.create(base, policy=policy)
    start = dt.date.fromisoformat(base["applied_on"])
    svc.cases.advance(created["id"], "accept", {"date": (start + dt.timedelta(days=1)).isoformat()})
    return created["id"], start


def test_too_few_investigators(svc):
    cid, start = _to_investigate(svc)
    payload = {"date": "2025-09-03", "investigators": INVESTIGATORS[:1],
               "statements": [{"kind": "申辩", "speaker": "杨某某", "content": "已按程序核查"}]}
    with pytest.raises(WorkflowError, match="at least 2 investigator"):
        svc.cases.advance(cid, "investigate", payload)
    rec = svc.cases.get(cid)
    assert rec["status"] == "accept" and rec["investigators"] == [] and rec["statements"] == []
    payload["investigators"] = INVESTIGATORS
    assert svc.cases.advance(cid, "investigate", payload)["status"] == "investigate"


def test_recusal_and_conflict_declaration(svc):
    cid, _ = _to_investigate(svc)
    with pytest.raises(WorkflowError, match="回避"):
        svc.cases.add_investigator(cid, {"name": "杨某某", "no_conflict_declared": True})
    with pytest.raises(WorkflowError, match="回避"):
        svc.cases.advance(cid, "investigate", {"investigators": [
            INVESTIGATORS[0], {"name": " 杨 某某", "no_conflict_declared": True}]})
    undeclared = dict(INVESTIGATORS[1], no_conflict_declared=False)
    with pytest.raises(WorkflowError, match="not declared no conflict"):
        svc.cases.advance(cid, "investigate", {"investigators": [INVESTIGATORS[0], undeclared],
                                               "statement": {"content": "说明"}})
    assert svc.cases.get(cid)["investigators"] == []
    rec = svc.cases.add_investigator(cid, INVESTIGATORS[0])
    rec = svc.cases.add_investigator(cid, INVESTIGATORS[1], expected_version=rec["version"])
    assert [i["name"] for i in rec["investigators"]] == ["刘某明", "陈某华"]
    rec = svc.cases.remove_investigator(cid, rec["investigators"][0]["id"])
    assert [i["name"] for i in rec["investigators"]] == ["陈某华"]


def test_only_allowed_transitions(svc):
    created = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    with pytest.raises(WorkflowError, match=r"cannot go from apply.*allowed next: accept"):
        svc.cases.advance(created["id"], "decide")
    with pytest.raises(WorkflowError, match="no stage 'nowhere'"):
        svc.cases.advance(created["id"], "nowhere")
    with pytest.raises(WorkflowError, match="before the case's current stage date"):
        svc.cases.advance(created["id"], "accept", {"date": "2026-03-01"})
    assert svc.cases.get(created["id"])["version"] == 1


def test_application_fields_checked_when_leaving_the_draft(svc):
    data = case_data(WEIHAI_CASE)
    data["form"] = {"matter": "只有事项"}
    created = svc.cases.create(data, policy="weihai-2023")
    with pytest.raises(WorkflowError, match=r"accountability_body.*facts_reasons"):
        svc.cases.advance(created["id"], "accept")
    nxt = svc.cases.next_stages(created["id"])
    assert nxt[0]["id"] == "accept" and len(nxt[0]["missing"]) == 2
    rec = svc.cases.advance(created["id"], "accept", {"date": "2026-03-04", "form": WEIHAI_CASE["form"]})
    assert rec["accepted_on"] == "2026-03-04"


def test_exclusion_allows_only_the_refused_outcome(svc):
    data = case_data(PUYANG_CASE)
    data["answers"]["abuse-or-favouritism"] = True
    cid, _ = _to_investigate(svc, data)
    svc.cases.advance(cid, "investigate", {"date": "2025-09-03", "investigators": INVESTIGATORS,
                                           "statement": {"content": "已按程序核查"}})
    preview = svc.cases.preview_decision(cid)
    assert preview["outcome"] == "refused" and preview["allowed_outcomes"] == ["refused"]
    assert preview["excluded_by"] == ["exclusion-2"]
    decision = {"outcome": "exempt", "investigated_facts": "经查……", "conclusion": "予以免责"}
    with pytest.raises(WorkflowError, match="exclusion-2"):
        svc.cases.record_decision(cid, decision)
    with pytest.raises(WorkflowError, match="exclusion-2"):
        svc.cases.advance(cid, "decide", {"decision": decision})
    assert svc.cases.get(cid)["decision"] is None
    rec = svc.cases.advance(cid, "decide", {"date": "2025-09-10", "decision": dict(
        decision, outcome="refused", conclusion="属于排他情形，不予免责")})
    d = rec["decision"]
    assert d["outcome"] == "refused" and d["outcome_label"] == "不予免责" and d["excluded_by"] == ["exclusion-2"]
    assert "第" in d["basis"] and d["decided_on"] == "2025-09-10" == rec["decided_on"]
    assert svc.cases.list(outcome="refused")[0]["id"] == cid


def test_decision_basis_is_prefilled_and_editable(svc):
    cid, _ = _to_investigate(svc)
    svc.cases.advance(cid, "investigate", {"date": "2025-09-03", "investigators": INVESTIGATORS,
                                           "statement": {"content": "已按程序核查"}})
    pack = svc.policies.get("puyang-2024")
    rec = svc.cases.record_decision(cid, {"investigated_facts": "经查", "conclusion": "予以免责"})
    assert rec["decision"]["outcome"] == "exempt"
    assert rec["decision"]["basis"] == svc.cases.check(cid)["basis_text"]
    assert pack.doc_number in rec["decision"]["basis"] and rec["decision"]["matched"] == ["applicable-1"]
    rec = svc.cases.record_decision(cid, {"basis": "修改后的依据", "outcome": "reduced"}, expected_version=rec["version"])
    assert rec["decision"]["basis"] == "修改后的依据" and rec["decision"]["outcome"] == "reduced"
    assert rec["decision"]["form"]["basis"] == "修改后的依据"
    with pytest.raises(WorkflowError, match="unknown outcome"):
        svc.cases.record_decision(cid, {"outcome": "pardoned"})


def test_catch_all_needs_justification(svc):
    data = case_data(PUYANG_CASE, candidates=["applicable-12"])
    data["answers"] = {"duty-fulfilled-reported": True, "other-rule-exempts": True}
    cid, _ = _to_investigate(svc, data)
    svc.cases.advance(cid, "investigate", {"date": "2025-09-03", "investigators": INVESTIGATORS,
                                           "statement": {"content": "说明"}})
    with pytest.raises(WorkflowError, match="justification"):
        svc.cases.advance(cid, "decide", {"decision": {"outcome": "refused", "investigated_facts": "x",
                                                      "conclusion": "y"}})
    rec = svc.cases.advance(cid, "decide", {"justification": "经集体研究，符合其他规定可以免责的情形",
                                            "decision": {"outcome": "exempt", "investigated_facts": "x",
                                                         "conclusion": "予以免责"}})
    assert rec["status"] == "decide" and rec["decision"]["matched"] == ["applicable-12"]


def test_pause_and_resume(svc):
    cid, _ = _to_investigate(svc)
    svc.cases.advance(cid, "investigate", {"date": "2025-09-03", "investigators": INVESTIGATORS,
                                           "statement": {"content": "说明"}})
    rec = svc.cases.advance(cid, "escalate", {"date": "2025-09-05"})
    assert rec["status"] == "escalate" and rec["paused_from"] == "investigate"
    with pytest.raises(WorkflowError, match="cannot go from escalate"):
        svc.cases.advance(cid, "decide")
    rec = svc.cases.resume(cid, {"date": "2025-09-20"})
    assert rec["status"] == "investigate" and rec["paused_from"] is None
    assert rec["stage_dates"]["investigate"] == "2025-09-03" and rec["stage_dates"]["escalate"] == "2025-09-05"
    with pytest.raises(WorkflowError, match="is not paused"):
        svc.cases.resume(cid)


def test_notification_needs_applicant_and_unit(svc):
    created = svc.cases.create(case_data(WEIHAI_CASE, applied_on="2025-03-03"), policy="weihai-2023")
    cid = created["id"]
    svc.cases.advance(cid, "accept", {"date": "2025-03-04"})
    svc.cases.advance(cid, "investigate", {"date": "2025-03-05", "investigators": INVESTIGATORS[:1]})
    rec = svc.cases.advance(cid, "decide", {"date": "2025-03-14", "statement": {"content": "申辩"}, "decision": {
        "investigated_facts": "经查", "conclusion": "予以容错", "decision_number": "环纪容〔2025〕1号"}})
    deadline = rec["deadlines"][0]
    assert deadline["start"] == "2025-03-14" and deadline["due"] == "2025-03-25"
    with pytest.raises(WorkflowError, match="unit / party organisation has not been notified"):
        svc.cases.advance(cid, "notify", {"date": "2025-03-20", "notification": {"recipient": "张某某"}})
    rec = svc.cases.advance(cid, "notify", {"date": "2025-03-27", "notifications": [
        {"recipient": "张某某", "channel": "书面"}, {"recipient": "环翠区某街道办事处", "channel": "书面"}]})
    assert [n["recipient_kind"] for n in rec["notifications"]] == ["applicant", "unit"]
    assert rec["notified_on"] == "2025-03-27"
    assert rec["deadlines"][0]["done_on"] == "2025-03-27" and rec["deadlines"][0]["overdue"] is True
    with pytest.raises(WorkflowError, match="archive number"):
        svc.cases.advance(cid, "archive")
    rec = svc.cases.advance(cid, "archive", {"date": "2025-03-28", "archive_number": "WH-DA-2025-001"})
    assert rec["archived_on"] == "2025-03-28" and rec["archive_number"] == "WH-DA-2025-001"
    assert svc.cases.next_stages(cid) == []


def test_case_number_format_setting(svc):
    cases = svc.cases
    with pytest.raises(UserError, match="seq"):
        cases.set_setting("case_number_format", "{region_short}-{year}")
    with pytest.raises(UserError, match="not a valid format"):
        cases.set_setting("case_number_format", "{city}-{seq}")
    cases.set_setting("case_number_format", "{region_short}容〔{year}〕{seq}号")
    cases.set_setting("default_policy", "puyang-2024")
    assert cases.create(PUYANG_CASE)["number"] == "濮阳容〔2025〕1号"
    assert cases.create(PUYANG_CASE)["number"] == "濮阳容〔2025〕2号"
    assert cases.create(case_data(PUYANG_CASE, applied_on="2026-01-05"))["number"] == "濮阳容〔2026〕1号"  # per year
    assert cases.settings()["default_policy"] == "puyang-2024"
    with pytest.raises(UserError, match="unknown setting"):
        cases.set_setting("colour", "red")


def test_existing_numbers_and_import_records(svc):
    first = svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    records = [
        {"number": "威海-2023-0007", "policy": "weihai-2023", "applicant": "旧某某", "unit": "某镇",
         "applied_on": "2023-11-02", "matter": "旧案", "status": "archive", "archive_number": "DA-7",
         "stage_dates": {"accept": "2023-11-03", "decide": "2023-11-20"}, "notified_on": "2023-11-24",
         "decision": {"outcome": "容错免责", "basis": "依据", "conclusion": "予以容错", "decided_on": "2023-11-20"},
         "investigators": [{"name": "查某某", "no_conflict_declared": True}]},
        {"number": "濮阳-2024-0100", "policy": "puyang-2024", "applicant": "另某某", "applied_on": "2024-08-01"},
    ]
    assert svc.cases.existing_numbers(["威海-2023-0007", first["number"], "x"]) == {first["number"]}
    ids = svc.cases.import_records(records)
    rec = svc.cases.get(ids[0])
    assert rec["status"] == "archive" and rec["archive_number"] == "DA-7" and rec["archived_on"] is None
    assert rec["decision"]["outcome"] == "exempt" and rec["decision"]["decided_on"] == "2023-11-20"
    assert rec["notified_on"] == "2023-11-24" and rec["decided_on"] == "2023-11-20"
    assert [h["action"] for h in svc.cases.history(ids[1])] == ["import"]
    assert svc.cases.existing_numbers([r["number"] for r in records]) == {"威海-2023-0007", "濮阳-2024-0100"}
    before = svc.cases.count()
    bad = [dict(records[0], number="新-1"), {"number": "新-2", "policy": "weihai-2023", "applicant": "某",
                                             "applied_on": "2024-13-01"}]
    with pytest.raises(UserError, match=r"record 2 \(新-2\).*applied_on"):
        svc.cases.import_records(bad)
    with pytest.raises(UserError, match="record 1.*already exists"):
        svc.cases.import_records([dict(records[1])])
    assert svc.cases.count() == before and svc.cases.existing_numbers(["新-1"]) == set()
    assert svc.cases.verify()["ok"]


def test_deadline_in_a_year_without_calendar_is_reported_not_guessed(svc):
    created = svc.cases.create(case_data(WEIHAI_CASE, applied_on="2026-12-01"), policy="weihai-2023")
    cid = created["id"]
    svc.cases.advance(cid, "accept", {"date": "2026-12-02"})
    svc.cases.advance(cid, "investigate", {"date": "2026-12-03", "investigators": INVESTIGATORS[:1]})
    rec = svc.cases.advance(cid, "decide", {"date": "2026-12-28", "statement": {"content": "申辩"}, "decision": {
        "investigated_facts": "经查", "conclusion": "予以容错"}})
    deadline = rec["deadlines"][0]
    assert deadline["due"] is None and "2027" in deadline["problem"] and deadline["overdue"] is False
    svc.cases.import_holidays([{"day": "2027-01-01", "workday": False, "note": "元旦"}])
    deadline = svc.cases.get(cid)["deadlines"][0]
    assert deadline["due"] == "2027-01-07" and "problem" not in deadline


def _writer(data_dir, database_url, name, n):
    svc = Service(data_dir=data_dir, database_url=database_url, user=name)
    for i in range(n):
        svc.cases.update(1, {"remarks": f"{name}-{i}"})
    svc.close()


def test_concurrent_writers_keep_one_linear_audit_chain(svc):
    import multiprocessing

    svc.cases.create(WEIHAI_CASE, policy="weihai-2023")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(svc.data_dir), svc.database_url, f"w{k}", 8)) for k in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    rec = svc.cases.get(1)
    assert rec["version"] == 25
    report = svc.cases.verify()
    assert report["ok"] and report["audit_entries"] == 25
    assert sorted({h["user"] for h in svc.cases.history(1)}) == ["w0", "w1", "w2", "测试员"]


def test_pack_field_defaults_prefill_a_new_case(svc, tmp_path):
    text = MINIMAL_PACK.read_text(encoding="utf-8").replace(
        "  - {id: remarks, label: 备注}", "  - {id: remarks, label: 备注, default: 无}")
    pack_file = tmp_path / "with-default.yaml"
    pack_file.write_text(text, encoding="utf-8")
    data = {"applicant": "甲某某", "unit_position": "某镇专干", "applied_on": "2026-03-02",
            "form": {"matter": "事项", "facts_reasons": "经过"}}
    rec = svc.cases.get(svc.cases.create(data, policy=str(pack_file))["id"])
    assert rec["form"]["remarks"] == "无"
    data["form"]["remarks"] = "已有备注"
    rec = svc.cases.get(svc.cases.create(data, policy=str(pack_file))["id"])
    assert rec["form"]["remarks"] == "已有备注"
