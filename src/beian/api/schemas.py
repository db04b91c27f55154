"""The API's shared response and request shapes (django-ninja Schemas), so that OpenAPI describes every answer.

Shared by the routers of the order API: orders.py (create, read, list, cancel, events, phone link), filings.py,
and the step-update / materials / submit (order_steps.py) and webhook (webhooks.py) routers. `OrderOut` is what
any endpoint that changes an order answers with (built by `beian.api.present.order_out`).

Personal data: `application` is masked as the progress page shows it (certificate numbers of people, mobiles);
the full values only ever travel inbound.
"""

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


class FindingOut(Schema):
    """One finding of the rule engine (precheck.md): a stable `code`, `severity` error|warning|info, the field
    `path` in the application, and the Chinese `message`. Extra keys of the engine may follow."""

    model_config = ConfigDict(extra="allow")

    code: str
    severity: str
    path: str = ""
    message: str = ""


class NextStepOut(Schema):
    text: str = Field(description="下一步要做什么（与进度页相同）")
    who: str = Field(description="由谁来做")
    expires_at: datetime | None = Field(None, description="订单在此时间前无操作将过期（仅在申请人可编辑的状态）")
    days_left: int | None = None


class IcpNumbersOut(Schema):
    subject_number: str = Field(description="主体备案号")
    website_numbers: dict[str, str] = Field(default_factory=dict, description="域名 → 网站备案号")
    app_numbers: list[str] = Field(default_factory=list,
                                   description="APP备案号（…号-NA），第 i 个是申请中 apps[i] 的（空字符串表示无）")


class CustomerRefOut(Schema):
    id: int = Field(description="客户账号 id（Beian-Customer 头的值）")
    email: str


class OrderSummaryOut(Schema):
    """An order in a list."""

    reference: str = Field(description="订单号（BA…），API 中订单的标识")
    kind: str = Field(description="first | new_site_elsewhere | new_site_here | access | change_* | cancel_access | "
                                  "deregister_* | claim")
    kind_label: str
    state: str = Field(description="lifecycle.md 的状态码")
    state_label: str
    province: str
    subject_name: str
    domains: list[str] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None
    customer: CustomerRefOut | None = Field(None, description="代理商代客户办理时：订单所属的客户账号；调用者自己账号的订单为 null")


class OrderOut(OrderSummaryOut):
    """One order as its progress page shows it, with the engine's findings."""

    version: int = Field(description="每次保存加一；更新时可带上以拒绝过期的写入")
    editable: bool = Field(description="申请人现在能否修改（草稿、上传资料、补充资料、驳回、退回）")
    application: dict = Field(description="申请（precheck.md 的输入形状），证件号码与手机号已打码")
    findings: list[FindingOut] = Field(default_factory=list)
    next_step: NextStepOut
    sla_due: datetime | None = Field(None, description="服务商初审的承诺完成时间（初审中时）")
    icp: IcpNumbersOut | None = Field(None, description="备案号，仅在管局审核通过后")
    filing_id: int | None = Field(None, description="变更/注销订单所针对的备案（/api/v1/filings/{id}）")


class OrderListOut(Schema):
    items: list[OrderSummaryOut]
    next_cursor: str | None = Field(None, description="下一页：把它作为 cursor 参数传回；为空表示没有更多")


class OrderCreateIn(Schema):
    kind: str | None = Field(None, description="first | new_site_elsewhere | new_site_here | access（新备案）；"
                                               "省略时由系统按主体与域名的备案情况判定（与向导的“系统自动判定”相同）；给出而与"
                                               "判定不符时返回 FILING_TYPE_MISMATCH 等提示。变更/注销请用 POST /api/v1/filings/{id}/orders",
                             max_length=24)
    province: str = Field(description="备案省份，如 浙江 或 浙江省", max_length=16)
    application: dict | None = Field(None, description="可选的初始申请字段（precheck.md 的输入形状），未给出的字段为空")


class EventOut(Schema):
    """One line of the order's history as the applicant sees it (identical neighbours merged: `count`)."""

    at: datetime
    first_at: datetime
    count: int = 1
    kind: str = Field(description="created | edit | transition")
    role: str
    from_state: str = ""
    to_state: str = ""
    to_label: str = ""
    reason: str = ""


class EventListOut(Schema):
    reference: str
    items: list[EventOut]


class PhoneLinkOut(Schema):
    person: str = Field(description="subject_principal 或 websites[i].principal")
    name: str = Field(description="此人的姓名（打码）")
    url: str = Field(description="手机核验页链接：交给此人本人在其手机上打开（上传证件、人脸核验），程序不得自行使用")
    expires_at: datetime
    note: str


class FiledWebsiteOut(Schema):
    id: int
    service_type: str = Field("website", description="website")
    website_number: str
    domain: str
    name: str
    status: str = Field(description="active | access_cancelled | deregistered")
    approved_at: datetime


class AppPlatformOut(Schema):
    platform: str = Field(description="android | ios | harmony | other")
    package_name: str = Field(description="包名 / Bundle ID")


class FiledAppOut(Schema):
    id: int = Field(description="APP id：发起变更APP、取消接入、注销APP时作为 website 传入")
    service_type: str = Field("app", description="app")
    website_number: str = Field(description="APP备案号，如 浙ICP备2026000001号-1A")
    name: str
    platforms: list[AppPlatformOut] = Field(default_factory=list)
    status: str = Field(description="active | access_cancelled | deregistered")
    approved_at: datetime


class FilingOut(Schema):
    id: int
    subject_number: str
    subject_name: str
    province: str
    nature: str
    status: str = Field(description="active | deregistered")
    approved_at: datetime
    websites: list[FiledWebsiteOut] = Field(default_factory=list)
    apps: list[FiledAppOut] = Field(default_factory=list, description="主体下的APP（APP备案号 …号-NA）")


class FilingDetailOut(FilingOut):
    application: dict = Field(description="备案的主体与网站信息（已打码）")


class FilingListOut(Schema):
    items: list[FilingOut]
    next_cursor: str | None = None


class FilingOrderIn(Schema):
    kind: str = Field(description="change_subject | change_website | change_access | cancel_access | "
                                  "deregister_website | deregister_subject")
    website: int | None = Field(None, description="网站级操作的网站或APP id（FiledWebsiteOut.id / FiledAppOut.id；APP可办理 "
                                                  "change_website、cancel_access、deregister_website）；取消接入可省略（整个主体）")
    acknowledged: bool = Field(False, description="取消接入与注销：须为 true，表示已阅读并确认其后果（向导中的确认勾选）")
