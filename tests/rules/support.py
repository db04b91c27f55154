"""Base applications and a tiny path setter for table-driven rule tests."""

import copy
import re

TODAY = "2026-11-22"


def enterprise() -> dict:
    """A valid 浙江 enterprise first filing with one website (no findings of severity error)."""
    return {
        "region": {"province": "浙江省", "city": "杭州市", "district": "西湖区"},
        "requested_type": None,
        "subject": {
            "nature": "enterprise", "cert_type": "business_license", "name": "杭州示例科技有限公司",
            "cert_number": "91330106MA2GL0XX7U", "cert_address": "浙江省杭州市西湖区文三路100号",
            "mailing_address": "浙江省杭州市西湖区文三路100号8楼801室", "investor": "杭州示例科技有限公司",
            "remark": "",
            "principal": {
                "name": "张三", "cert_type": "resident_id", "cert_number": "33010619900101123X",
                "cert_valid_until": "2035-01-01", "mobile": "13800000000", "contact2": "086-0571-88886666",
                "emergency_mobile": "13900000000", "email": "zhangsan@example.com",
            },
        },
        "websites": [{
            "name": "示例科技官方网站", "domains": ["example.com"], "content": "单位门户网站",
            "service_type": "网站应用服务", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
            "access": {"product": "ecs", "instance_id": "i-abc", "ip": "47.96.1.2", "service_number": None},
            "principal": None,
        }],
        "context": {
            "today": TODAY, "subject_filed_with": None, "cert_order_in_progress": False,
            "domains": {"example.com": {"filed_with": None, "filed_subject_cert_number": None,
                                        "order_in_progress": False, "holder_name": "杭州示例科技有限公司",
                                        "holder_verified": True}},
            "business_registry": {"name": "杭州示例科技有限公司", "cert_number": "91330106MA2GL0XX7U",
                                  "legal_representative": "张三", "status": "存续"},
        },
    }


def individual(province: str = "山东省") -> dict:
    app = enterprise()
    app["region"] = {"province": province, "city": "济南市", "district": "历下区"}
    app["subject"].update({
        "nature": "individual", "cert_type": "resident_id", "name": "孙浩", "cert_number": "370102199302157859",
        "investor": "孙浩", "mailing_address": "山东省济南市历下区泉城路26号3单元402室",
        "cert_address": "山东省济南市历下区泉城路26号",
    })
    app["subject"]["principal"].update({"name": "孙浩", "cert_number": "370102199302157859", "contact2": ""})
    app["websites"][0].update({"name": "读书随笔记录", "content": "其他", "domains": ["sd-reader.com"]})
    app["context"]["domains"] = {"sd-reader.com": {"filed_with": None, "holder_name": "孙浩", "holder_verified": True}}
    del app["context"]["business_registry"]
    return app


def principal(name="李四", cert="110105194912310029", mobile="13700000000") -> dict:
    return {"name": name, "cert_type": "resident_id", "cert_number": cert, "cert_valid_until": "长期",
            "mobile": mobile, "contact2": "13600000000", "emergency_mobile": "", "email": "lisi@example.com"}


def material(kind, owner, side=None, fmt="jpg", size=800_000, width=1600, height=1000) -> dict:
    return {"kind": kind, "owner": owner, "side": side, "format": fmt, "bytes": size, "width": width, "height": height}


def full_materials() -> list:
    return [material("subject_certificate", "subject"), material("principal_id", "subject_principal", "front"),
            material("principal_id", "subject_principal", "back")]


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def set_path(app: dict, path: str, value) -> dict:
    """set_path(app, "websites[0].domains[0]", "x.io"); value DELETE removes the key."""
    steps = [m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _STEP.finditer(path)]
    node = app
    for step in steps[:-1]:
        node = node[step]
    if value is DELETE:
        del node[steps[-1]]
    else:
        node[steps[-1]] = value
    return app


DELETE = object()


def build(base, *edits) -> dict:
    app = copy.deepcopy(base() if callable(base) else base)
    for edit in edits:
        if callable(edit):
            edit(app)
        else:
            set_path(app, *edit)
    return app


def codes(result: dict, severity: str | None = "error") -> set[str]:
    return {f["code"] for f in result["findings"] if severity is None or f["severity"] == severity}
