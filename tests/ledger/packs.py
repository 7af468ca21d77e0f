"""Two invented policy packs for the ledger tests (a policy is data: nothing here is city-specific code)."""
from __future__ import annotations

PACK_A = """\
format_version: 1
id: shili-2025
revision: 1
title: 示例市社会救助工作容错纠错办法（试行）
short_title: 示例市容错纠错办法
region: 示例市
doc_number: 示民发〔2025〕1号
issuers: [示例市民政局]
issued_on: 2025-01-10
valid_from: 2025-01-10
terms:
  mechanism: 容错纠错
scope:
  tiers: [县, 乡镇, 村]
  work_types: [低保, 特困, 临时救助]
facts:
  - {id: concealed-income, question: 申请人是否隐瞒收入且经办人已按规定核查？}
  - {id: data-gap, question: 是否因信息平台未接入导致未能核出？}
  - {id: entry-error, question: 是否属于信息录入等一般工作失误并已纠正？}
  - {id: bribe, question: 是否存在收受好处费等以权谋私行为？}
  - {id: repaid, question: 是否已追回多发资金？}
items:
  - {id: applicable-1, kind: applicable, number: 1, title: 申请人隐瞒收入经办人已尽责, citation: 第三条第（一）项,
     text: 申请人故意隐瞒收入，经办人员已按规定核查的。, facts: [concealed-income]}
  - {id: applicable-2, kind: applicable, number: 2, title: 信息平台未接入未能核出, citation: 第三条第（二）项,
     text: 因信息平台未接入，未能核出申请人财产的。, facts: [data-gap]}
  - {id: applicable-11, kind: applicable, number: 11, title: 一般工作失误已纠正, citation: 第三条第（十一）项,
     text: 因信息录入等一般工作失误，已及时纠正的。, facts: [entry-error]}
  - {id: mitigation-1, kind: mitigation, number: 1, title: 已追回资金, citation: 第四条第（一）项,
     text: 已全额追回多发资金的。, facts: [repaid]}
  - {id: exclusion-1, kind: exclusion, number: 1, title: 以权谋私, citation: 第五条第（一）项,
     text: 以权谋私、收受好处的。, facts: [bribe]}
outcomes:
  - {id: exempt, label: 予以免责, role: exempt}
  - {id: lighter, label: 从轻处理, role: lighter}
  - {id: reduced, label: 减轻处理, role: reduced}
  - {id: refused, label: 不予免责, role: refused}
procedure:
  accepting_body: 县级民政部门
  deciding_body: 县级民政部门
  initial_stage: applied
  archive_stage: archived
  stages:
    - {id: applied, label: 提出申请, role: apply, next: [accepted]}
    - {id: accepted, label: 受理, role: accept, next: [investigated]}
    - {id: investigated, label: 调查核实, role: investigate, next: [decided]}
    - {id: decided, label: 作出认定, role: decide, next: [notified]}
    - {id: notified, label: 告知, role: notify, next: [archived]}
    - {id: archived, label: 归档, role: archive}
  deadlines:
    - {id: accept, label: 受理期限, start: applied, end: accepted, days: 5}
    - {id: decide, label: 认定期限, start: accepted, end: decided, days: 30}
application_form:
  - {id: applicant, label: 申请人, required: true}
  - {id: unit_position, label: 单位及职务, required: true}
  - {id: matter, label: 申请事项, required: true}
  - {id: facts_reasons, label: 主要事实及理由, type: textarea}
  - {id: remarks, label: 备注}
"""

PACK_B = """\
format_version: 1
id: yangban-2024
title: 样板县社会救助尽职免责实施办法
short_title: 样板县尽职免责办法
region: 样板县
doc_number: 样民〔2024〕2号
issuers: [样板县民政局]
issued_on: 2024-03-01
valid_from: 2024-03-01
scope:
  tiers: [县, 乡镇, 村]
  work_types: [低保, 特困]
facts:
  - {id: reported, question: 是否及时报告并整改？}
  - {id: fraud, question: 是否弄虚作假？}
items:
  - {id: applicable-1, kind: applicable, number: 1, title: 及时报告并整改, citation: 第二条第（一）项,
     text: 发现问题及时报告并积极整改的。, facts: [reported]}
  - {id: exclusion-1, kind: exclusion, number: 1, title: 弄虚作假, citation: 第三条第（一）项,
     text: 弄虚作假的。, facts: [fraud]}
outcomes:
  - {id: exempt, label: 免予追责, role: exempt}
  - {id: refused, label: 不予免责, role: refused}
procedure:
  accepting_body: 县民政局
  deciding_body: 县民政局
  initial_stage: apply
  archive_stage: filed
  stages:
    - {id: apply, label: 申请, role: apply, next: [accept]}
    - {id: accept, label: 受理审查, role: accept, next: [decide]}
    - {id: decide, label: 认定, role: decide, next: [notify]}
    - {id: notify, label: 反馈, role: notify, next: [filed]}
    - {id: filed, label: 登记存档, role: archive}
application_form:
  - {id: applicant, label: 申请人, required: true}
  - {id: matter, label: 申请事项, required: true}
"""
