"""Chinese wording for the service's messages, for display only.

The service (shared with the CLI) writes its errors in English with the Chinese
terms inline. The GUI shows them in Chinese: known phrasings are rewritten by the
patterns below; anything else is shown as the service wrote it (never hidden).
"""
from __future__ import annotations

import re

_PATTERNS: list[tuple[re.Pattern, str]] = [(re.compile(p), r) for p, r in [
    (r"^application field \S+?（(.+?)）\s*is empty$", r"申请表「\1」未填写"),
    (r"^the application date is missing$", "未填写申请日期"),
    (r"^at least (\d+) investigator\(s\) are needed, (\d+) recorded$", r"调查人员至少 \1 人，现有 \2 人"),
    (r"^investigator (.+) is the applicant and must recuse \(回避\)$", r"调查人员「\1」是申请人本人，须回避"),
    (r"^investigator (.+) has not declared no conflict of interest$", r"调查人员「\1」未声明无利害关系"),
    (r"^the applicant's 申辩/申诉 or the opinions heard are not recorded$", "尚未记录申辩申诉或听取的意见"),
    (r"^no decision is recorded$", "尚未保存认定结论"),
    (r"^decision field \S+?（(.+?)）\s*is empty$", r"认定「\1」未填写"),
    (r"^the decision has no document number \(文号\)$", "认定结论未填写文号"),
    (r"^(\S+?)（(.+?)）\s*is a catch-all item: .*$", r"「\2」为兜底情形，须书面说明理由并经集体研究"),
    (r"^the report to (.+) is not recorded$", r"尚未记录向\1的报送"),
    (r"^the applicant has not been notified.*$", "尚未记录告知申请人"),
    (r"^the applicant's unit / party organisation has not been notified$", "尚未记录告知申请人所在单位或党组织"),
    (r"^no archive number \(档案号\) is assigned$", "尚未填写归档号"),
    (r"^outcome \S+?（(.+?)）\s*is not allowed: exclusion (.+) holds, so only (.+) is possible$",
     r"「\1」不可选：属于排除情形 \2，只能选择 \3"),
    (r"^outcome \S+?（(.+?)）\s*is not allowed by the policy check \(allowed: (.+)\)$",
     r"「\1」不符合政策核对结果（可选：\2）"),
    (r"^outcome \S+?（(.+?)）\s*needs an item of the policy that the answers establish; none holds yet.*$",
     r"「\1」需要先通过「对照清单」确认符合的情形"),
    (r"^.*: (.+) is the applicant of case (\S+) and cannot investigate it \(回避\)$",
     r"「\1」是本案申请人，不能担任调查人员（回避）"),
    (r"^.*: (.+) is already an investigator of case (\S+)$", r"「\1」已是本案调查人员"),
    (r"^.*\.name: the investigator's name is empty$", "请填写调查人员姓名"),
    (r"^.*\.content: what was said is empty$", "请填写陈述内容"),
    (r"^.*\.recipient: who was notified is empty$", "请填写告知对象"),
    (r"^.*\.recipient: the body reported to is empty$", "请填写报送机关"),
    (r"^case\.applicant: the applicant's name is empty$", "请填写申请人姓名"),
    (r"^case (\S+) was changed by someone else meanwhile.*$",
     r"案件 \1 已被他人修改，您的修改未保存。请重新打开案件后再修改（已输入内容保留在草稿中）"),
    (r"^policy (\S+)（(.+?)）is valid from (\S+) to (\S+); it cannot open a case applied on (\S+).*$",
     r"政策 \2 有效期为 \3 至 \4，不能受理申请日期为 \5 的案件"),
    (r"^case (\S+): cannot go from .*$", r"案件 \1 当前阶段不能进入该环节"),
    (r"^payload\.date: (\S+) is before the case's current stage date \((\S+)\)$",
     r"办理日期 \1 早于本案当前阶段的日期 \2，请改正办理日期"),
    (r"^case (\S+): the application date can only change before the case is accepted$",
     "案件受理后不能再修改申请日期"),
    (r"^no holiday override for (\S+)$", r"\1 没有节假日调整记录"),
    (r"^(?:.*: )?no holiday calendar for (\d{4}).*$", r"缺少 \1 年的节假日安排，请在“设置 → 节假日调整”中录入该年的放假和调休日期"),
    (r"^setting case_number_format: it must contain \{seq\}.*$", "案件编号格式必须包含 {seq}（如 {seq:04d}）"),
    (r"^setting case_number_format: (.+) is not a valid format.*$", r"案件编号格式 \1 无效"),
    (r"^setting database_url: .*$", "数据库地址应为 postgresql://用户@服务器/库名（留空使用本机数据库）"),
]]


def translate_one(text: str) -> str:
    text = text.strip()
    for pattern, repl in _PATTERNS:
        if pattern.match(text):
            return pattern.sub(repl, text)
    return text


def translate(message: str) -> str:
    """A service message in Chinese where the phrasing is known; '; '-joined lists are split."""
    message = str(message).strip()
    m = re.match(r"^case (\S+) cannot enter (\S+?)（(.+?)）: (.*)$", message, re.S)
    if m:
        parts = [translate_one(p) for p in m.group(4).split("; ")]
        return f"不能进入「{m.group(3)}」：" + "；".join(parts)
    if m := re.match(r"^(?:payload|changes|decision|case)(?:\.\w+)?: (.*)$", message, re.S):
        inner = translate_one(m.group(1))
        if inner != m.group(1):
            return inner
    return translate_one(message)
