"""Chinese display labels for the pack format's fixed vocabulary (ids stay English in data)."""
from __future__ import annotations

KIND_LABELS = {"applicable": "适用情形", "mitigation": "减责情形", "exclusion": "排除情形"}
ROLE_LABELS = {"apply": "申请", "accept": "受理", "investigate": "调查", "pause": "中止/请示", "decide": "认定",
               "report": "报送", "notify": "告知", "archive": "归档", "other": "其他"}
REQUIREMENT_LABELS = {
    "application_fields": "申请表必填项已填写",
    "investigators": "调查人员人数足够且已回避",
    "statement": "已记录申辩申诉或听取意见",
    "decision": "已作出认定（结果须为政策允许的结果）",
    "decision_number": "已填写决定文号",
    "justification": "兜底情形已书面说明理由",
    "report": "已记录报送",
    "notification": "已记录告知",
    "archive_number": "已填写归档号",
}
UNIT_LABELS = {"working": "工作日", "calendar": "自然日"}
STATEMENT_KINDS = ["申辩", "申诉", "意见"]
CHANNELS = ["书面送达", "当面送达", "邮寄送达", "电话告知", "其他"]


def kind_label(pack, kind: str) -> str:
    """The pack's own word for an item kind when it has one (e.g. 不予容错情形)."""
    return pack.terms.get(kind, KIND_LABELS.get(kind, kind)) if pack is not None else KIND_LABELS.get(kind, kind)
