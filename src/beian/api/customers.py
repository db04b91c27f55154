"""/api/v1/customers: an agent's (reseller's) active customers, whose accounts its key may act in with the
`Beian-Customer` header (beian.api.auth). Only beian.agents.selectors decides who they are; a customer that left,
or was removed, is no longer listed, and the header naming it answers 404 `customer_not_found`."""

from datetime import datetime

from ninja import Field, Query, Router, Schema

from beian.agents.selectors import active_links_of, agent_of
from beian.api import messages as msg
from beian.api.auth import API_AUTH, require_scope
from beian.api.errors import ApiError, ErrorOut

router = Router(tags=["customers"], auth=API_AUTH)
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 422, 429)}


class CustomerOut(Schema):
    id: int = Field(description="客户账号 id：作为 Beian-Customer 头的值代其调用")
    email: str
    name: str
    status: str = Field(description="代理关系状态（此列表只有 active：代办中）")
    created_account: bool = Field(description="账号由代理商创建（否则为邀请的已有账号）")
    created_at: datetime = Field(description="代理关系建立（创建或邀请）的时间")
    accepted_at: datetime | None = Field(None, description="客户接受（或账号创建）的时间")


class CustomerListOut(Schema):
    items: list[CustomerOut]
    next_cursor: int | None = Field(None, description="下一页：作为 cursor 传回；为空表示没有更多")


@router.get("/customers", url_name="customers", response={200: CustomerListOut, **ERRORS},
            summary="代理商的客户（代办中）",
            description="代理商账号的有效客户，按账号 id 升序（cursor 为上一页最后一个 id）。用 `Beian-Customer: <id>` "
            "（或客户邮箱）头代其调用其他接口。不是代理商的账号返回 403 `not_agent`。此接口总是列出调用者自己的客户"
            "（带 Beian-Customer 头时亦然）。需要 `orders:read` 权限。")
def list_customers(request, cursor: int | None = Query(None, ge=0, le=2**62),
                   limit: int = Query(100, ge=1, le=200)):
    require_scope(request, "orders:read")
    if agent_of(request.user) is None:
        raise ApiError(403, "not_agent", msg.NOT_AGENT)
    links = active_links_of(request.user).order_by("customer_id")
    if cursor:
        links = links.filter(customer_id__gt=cursor)
    page = list(links[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {"items": [{"id": link.customer_id, "email": link.customer.email or link.customer.get_username(),
                       "name": link.customer.get_full_name() or link.customer.first_name, "status": link.status,
                       "created_account": link.created_account, "created_at": link.created_at,
                       "accepted_at": link.accepted_at} for link in page],
            "next_cursor": page[-1].customer_id if more and page else None}
