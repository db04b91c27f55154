"""The demo's people, companies and orders as plain data (no Django imports).

Two separately deployed programs build on it and must agree: the platform's `beian demo`
(beian.filings.demo creates the orders through the real services; beian.verification.demo writes the
matching sample files) and the ministry simulator's `ministry_seed --demo` (the submissions of the
orders that are already with the ministry). The request id of a demo order's submission is
`{reference}-1`, exactly what the platform's ministry service would give it.

Every company's principal is 陈明, the one person in the identity-registry simulator, and he is the
legal representative of every demo company: the sample ID card photos, the face videos and each
company's licence photo in var/samples complete any demo order, in every province's rules.
"""

import hashlib
from datetime import date, timedelta

# email, password, role; the emails are stable (browser tests and the crawler log in with them).
APPLICANT = ("demo@beian.local", "demo12345")
APPLICANT2 = ("demo2@beian.local", "demo12345")
REVIEWER = ("reviewer@beian.local", "review12345")
STAFF = ("staff@beian.local", "staff12345")  # provider staff without the reviewer role
BUREAU = ("bureau@beian.local", "bureau12345")  # the simulator's bureau console (ministry_seed)
# An agent (代理商, beian.agents) with two customers it files for, and a pending invitation to demo2.
AGENT = ("agent@beian.local", "agent12345")
AGENT_NAME = "示例渠道商"
CUSTOMERS = {"customer1": ("customer1@beian.local", "demo12345", "徐汇示例客户"),
             "customer2": ("customer2@beian.local", "demo12345", "重庆示例客户")}

PERSON = {
    "name": "陈明", "cert_number": "330106198003050019", "sex": "男", "ethnicity": "汉", "birth": date(1980, 3, 5),
    "address": "浙江省杭州市西湖区西溪路500号3幢1201室", "authority": "杭州市公安局西湖分局",
    "valid_from": date(2016, 5, 1), "valid_until": date(2036, 5, 1),
    "mobile": "13811110001", "emergency_mobile": "13911110001",
}

# key: (province, city, district, name, unified social credit code, licence address, area code, established)
COMPANIES = {
    "pujiang": ("上海市", "上海市", "浦东新区", "上海浦江示例软件有限公司", "91310115MA4U2WB18C",
                "上海市浦东新区张江路100号5楼501室", "021", date(2019, 6, 18)),
    "chaoyang": ("北京市", "北京市", "朝阳区", "北京朝阳示例信息技术有限公司", "91110105MA01CY7X23",
                 "北京市朝阳区建国路88号9层901室", "010", date(2018, 4, 12)),
    "rongcheng": ("四川省", "成都市", "武侯区", "成都蓉城示例网络科技有限公司", "91510107MA5KHX3X6D",
                  "四川省成都市武侯区天府大道北段1700号3栋1201室", "028", date(2020, 8, 3)),
    "tianhe": ("广东省", "广州市", "天河区", "广州天河示例电子商务有限公司", "91440106MA5TH3K8PL",
               "广东省广州市天河区天河路385号18楼1805室", "020", date(2017, 11, 20)),
    "guanggu": ("湖北省", "武汉市", "洪山区", "武汉光谷示例软件有限公司", "91420111MA4GG2D6RN",
                "湖北省武汉市洪山区珞喻路1037号6栋602室", "027", date(2021, 3, 9)),
    "ludao": ("福建省", "厦门市", "思明区", "厦门鹭岛示例网络科技有限公司", "91350203MA31LD8N4K",
              "福建省厦门市思明区湖滨南路57号12楼1203室", "0592", date(2019, 1, 15)),
    "gucheng": ("陕西省", "西安市", "雁塔区", "西安古城示例信息技术有限公司", "91610113MA6GC5X7W5",
                "陕西省西安市雁塔区科技路48号7层702室", "029", date(2018, 9, 27)),
    "xixi": ("浙江省", "杭州市", "西湖区", "杭州西溪示例网络有限公司", "91330106MA2HDEM01F",
             "浙江省杭州市西湖区西溪路500号2幢301室", "0571", date(2016, 7, 1)),
    "chuncheng": ("云南省", "昆明市", "五华区", "昆明春城示例科技有限公司", "91530102MA6CC8K2MG",
                  "云南省昆明市五华区东风西路11号5楼503室", "0871", date(2020, 5, 6)),
    "zhongyuan": ("河南省", "郑州市", "金水区", "郑州中原示例网络科技有限公司", "91410105MA4YY9B2FH",
                  "河南省郑州市金水区花园路39号10楼1002室", "0371", date(2019, 10, 30)),
    "haibin": ("山东省", "青岛市", "市南区", "青岛海滨示例软件有限公司", "91370202MA3HB6Q9T0",
               "山东省青岛市市南区香港中路61号8楼806室", "0532", date(2021, 7, 14)),
    "luzhou": ("安徽省", "合肥市", "蜀山区", "合肥庐州示例科技有限公司", "91340104MA2LY7M5H6",
               "安徽省合肥市蜀山区长江西路130号4楼405室", "0551", date(2022, 2, 22)),
    "shancheng": ("重庆市", "重庆市", "渝中区", "重庆山城示例网络科技有限公司", "91500103MA5HC9R3EX",
                  "重庆市渝中区解放碑民族路188号11楼1101室", "023", date(2020, 12, 1)),
    "xuhui": ("上海市", "上海市", "徐汇区", "上海徐汇示例贸易有限公司", "91310104MA1FK7X308",
              "上海市徐汇区漕溪北路88号6楼602室", "021", date(2020, 9, 9)),
    "haidian": ("北京市", "北京市", "海淀区", "北京海淀示例软件有限公司", "91110108MA01WK8Q4H",
                "北京市海淀区中关村大街27号9层901室", "010", date(2021, 4, 16)),
    "jiulongpo": ("重庆市", "重庆市", "九龙坡区", "重庆九龙坡示例网络科技有限公司", "91500107MA5QL6W2PX",
                  "重庆市九龙坡区杨家坪正街18号7楼705室", "023", date(2019, 12, 12)),
    "jinmen": ("天津市", "天津市", "和平区", "天津津门示例信息技术有限公司", "91120101MA05JM4K8C",
               "天津市和平区南京路189号6楼608室", "022", date(2019, 4, 8)),
}

# The demo cloud products (products.Instance), per account prefix: (suffix, product, region, mainland, ip, days left).
INSTANCES = [
    ("hz01", "ecs", "cn-hangzhou", True, "47.96.10.11", 365),
    ("hz02", "ecs", "cn-hangzhou", True, "47.96.10.12", 365),
    ("sh01", "ecs", "cn-shanghai", True, "47.100.20.21", 200),
    ("sb-01", "site_builder", "cn-hangzhou", True, "47.97.30.31", 365),
    ("old", "ecs", "cn-beijing", True, "47.93.40.41", -10),
    ("hk01", "ecs", "cn-hongkong", False, "47.242.50.51", 365),
]

# The bureau's decisions the demo shows (texts of the simulator's catalogue, so both sides agree).
REJECTED_REASON = "备案期间网站已开通访问"
RETURNED_REASON = "短信核验超时（24小时内未完成），备案申请已退回。"
MANUAL_REVIEW_REASON = "演示数据：未运行人脸比对，由审核专员人工核验通过"
SUPPLEMENT_NOTE = "网站名称须体现主办单位的字号或业务，例如“天河示例商城”"

# One demo order per state (and two for the second applicant, for isolation). `steps` are (days before
# now, action): 0 means "as it happens". Every order that reached 初审 passed the face check first ("verify",
# dated like its step). `ministry` says what the simulator holds.
AFTER_MATERIALS = [(0, "upload"), (0, "verify"), (0, "submit"), (0, "claim"), (0, "approve")]
ORDERS = [
    {"key": "draft", "reference": "BA20260101900001", "account": "demo", "company": "pujiang", "state": "draft",
     "instance": "sh01", "site": ("浦江示例软件官方网站", "pujiang-demo.com"), "steps": [(2, "create")]},
    {"key": "materials", "reference": "BA20260101900002", "account": "demo", "company": "chaoyang",
     "state": "materials", "instance": "sh01", "site": ("朝阳示例信息官方网站", "chaoyang-demo.com"),
     "steps": [(3, "create"), (3, "materials")]},
    {"key": "provider_review", "reference": "BA20260101900003", "account": "demo", "company": "rongcheng",
     "state": "provider_review", "instance": "hz02", "site": ("蓉城示例官方网站", "rongcheng-demo01.com"),
     "app": ("蓉城生活", "com.rongcheng.life"),
     "steps": [(1, "create"), (1, "materials"), *AFTER_MATERIALS[:3]]},
    {"key": "supplement_required", "reference": "BA20260101900004", "account": "demo", "company": "tianhe",
     "state": "supplement_required", "instance": "hz01", "site": ("优选好物", "tianhe-demo.com"),
     "steps": [(5, "create"), (5, "materials"), *AFTER_MATERIALS[:4], (0, "supplement")]},
    {"key": "pending_ministry", "reference": "BA20260101900005", "account": "demo", "company": "guanggu",
     "state": "pending_ministry", "instance": "hz02", "site": ("光谷示例软件官方网站", "guanggu-demo.com"),
     "steps": [(3, "create"), (3, "materials"), *AFTER_MATERIALS[:5]]},
    {"key": "sms_verification", "reference": "BA20260101900006", "account": "demo", "company": "ludao",
     "state": "sms_verification", "instance": "sb-01", "site": ("鹭岛示例网络官方网站", "ludao-demo.com"),
     "steps": [(4, "create"), (4, "materials"), *AFTER_MATERIALS, (0, "ministry:sms")], "ministry": "sms"},
    {"key": "bureau_review", "reference": "BA20260101900007", "account": "demo", "company": "gucheng",
     "state": "bureau_review", "instance": "sb-01", "site": ("古城示例信息官方网站", "gucheng-demo.com"),
     "steps": [(8, "create"), (8, "materials"), *AFTER_MATERIALS, (0, "ministry:sms"), (0, "ministry:bureau")],
     "ministry": "bureau"},
    {"key": "approved", "reference": "BA20260101900008", "account": "demo", "company": "xixi", "state": "approved",
     "instance": "hz01", "site": ("西溪示例官方网站", "xixi-demo.com"), "app": ("西溪生活", "com.xixi.life"),
     "steps": [(95, "create"), (95, "materials"), (95, "upload"), (95, "verify"), (94, "submit"), (93, "claim"),
               (93, "approve"), (93, "ministry:sms"), (92, "ministry:bureau"), (90, "ministry:approved")],
     "ministry": "approved", "icp_number": "浙ICP备2025000001号"},
    {"key": "bureau_rejected", "reference": "BA20260101900009", "account": "demo", "company": "chuncheng",
     "state": "bureau_rejected", "instance": "hz02", "site": ("春城示例科技官方网站", "chuncheng-demo.com"),
     "steps": [(12, "create"), (12, "materials"), *AFTER_MATERIALS, (0, "ministry:sms"), (0, "ministry:bureau"),
               (0, "ministry:rejected")],
     "ministry": "rejected"},
    {"key": "returned", "reference": "BA20260101900010", "account": "demo", "company": "zhongyuan",
     "state": "returned", "instance": "sb-01", "site": ("中原示例网络官方网站", "zhongyuan-demo.com"),
     "steps": [(6, "create"), (6, "materials"), *AFTER_MATERIALS, (0, "ministry:sms"), (0, "ministry:returned")],
     "ministry": "returned"},
    {"key": "cancelled", "reference": "BA20260101900011", "account": "demo", "company": "haibin", "state": "cancelled",
     "instance": "hz02", "site": ("海滨示例软件官方网站", "haibin-demo.com"),
     "steps": [(10, "create"), (10, "materials"), (9, "cancel")]},
    {"key": "expired", "reference": "BA20260101900012", "account": "demo", "company": "luzhou", "state": "expired",
     "instance": "hz01", "site": ("庐州示例科技官方网站", "luzhou-demo.com"),
     "steps": [(60, "create"), (60, "materials"), (15, "expire")]},
    {"key": "demo2_draft", "reference": "BA20260101900013", "account": "demo2", "company": "shancheng",
     "state": "draft", "instance": "hz01", "site": ("山城示例网络官方网站", "shancheng-demo.com"),
     "steps": [(1, "create")]},
    {"key": "demo2_review", "reference": "BA20260101900014", "account": "demo2", "company": "jinmen",
     "state": "provider_review", "instance": "hz02", "site": ("津门示例信息官方网站", "jinmen-demo.com"),
     "steps": [(2, "create"), (2, "materials"), *AFTER_MATERIALS[:3]]},
]
# The agent's customers' orders, filed by the agent (`actor`): their histories say "代理商 … 代客户 …".
ORDERS += [
    {"key": "customer1_draft", "reference": "BA20260101900015", "account": "customer1", "actor": "agent",
     "company": "xuhui", "state": "draft", "instance": "hz01", "site": ("徐汇示例贸易官方网站", "xuhui-demo.com"),
     "steps": [(1, "create")]},
    {"key": "customer1_materials", "reference": "BA20260101900016", "account": "customer1", "actor": "agent",
     "company": "haidian", "state": "materials", "instance": "hz02", "site": ("海淀示例软件官方网站", "haidian-demo.com"),
     "steps": [(2, "create"), (2, "materials")]},
    {"key": "customer2_draft", "reference": "BA20260101900017", "account": "customer2", "actor": "agent",
     "company": "jiulongpo", "state": "draft", "instance": "hz01", "site": ("九龙坡示例网络官方网站", "jiulongpo-demo.com"),
     "steps": [(1, "create")]},
]
ORDERS_BY_KEY = {o["key"]: o for o in ORDERS}


def request_id(order: dict) -> str:
    return f"{order['reference']}-1"


def instance(prefix: str, suffix: str) -> tuple[str, str, str]:
    """(instance id, product, public ip) of a demo instance."""
    row = next(r for r in INSTANCES if r[0] == suffix)
    return f"{'sb' if row[1] == 'site_builder' else 'i'}-{prefix}-{suffix.removeprefix('sb-')}", row[1], row[4]


def principal(company: str) -> dict:
    _province, _city, _district, _name, _cert, _address, area, _established = COMPANIES[company]
    domain = next(o["site"][1] for o in ORDERS if o["company"] == company)
    return {"name": PERSON["name"], "cert_type": "resident_id", "cert_number": PERSON["cert_number"],
            "cert_valid_until": PERSON["valid_until"].isoformat(), "mobile": PERSON["mobile"],
            "contact2": f"086-{area}-8600{1000 + list(COMPANIES).index(company):04d}",
            "emergency_mobile": PERSON["emergency_mobile"], "email": f"chenming@{domain}"}


def subject(company: str) -> dict:
    _province, _city, _district, name, cert, address, _area, _established = COMPANIES[company]
    return {"nature": "enterprise", "cert_type": "business_license", "name": name, "cert_number": cert,
            "cert_address": address, "mailing_address": address, "investor": name, "remark": "",
            "principal": principal(company)}


def website(order: dict, prefix: str) -> dict:
    name, domain = order["site"]
    instance_id, product, ip = instance(prefix, order["instance"])
    return {"name": name, "domains": [domain], "content": "单位门户网站", "service_type": "网站应用服务",
            "languages": ["中文简体"], "pre_approvals": [], "remark": "",
            "access": {"product": product, "instance_id": instance_id, "ip": ip, "service_number": None},
            "principal": None}


def _hex(seed: str, length: int) -> str:
    return hashlib.sha256(seed.encode()).hexdigest().upper()[:length]


def app(order: dict, prefix: str) -> dict:
    """The order's APP (precheck.md "APP filing"): an Android and an iOS build under one package name, its
    server the website's, its principal the subject's. The signing values are fixed stand-ins, not a real key."""
    name, package = order["app"]
    instance_id, product, ip = instance(prefix, order["instance"])
    # A SubjectPublicKeyInfo header of an RSA-2048 key, then stand-in bytes: hex the engine accepts.
    public_key = "30820122300D06092A864886F70D01010105000382010F003082010A0282010100" + _hex(package, 64) * 8
    return {"name": name, "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
            "platforms": [{"platform": "android", "package_name": package, "public_key": public_key,
                           "signature": _hex(package + ":md5", 32)},
                          {"platform": "ios", "package_name": package, "public_key": public_key,
                           "signature": _hex(package + ":sha1", 40)}],
            "domains": [f"api.{order['site'][1]}"],
            "access": {"product": product, "instance_id": instance_id, "ip": ip, "service_number": None},
            "principal": None}


def application(order: dict) -> dict:
    """The order's application in precheck.md's input shape (without `context`)."""
    province, city, district, *_ = COMPANIES[order["company"]]
    out = {"region": {"province": province, "city": city, "district": district}, "requested_type": None,
           "subject": subject(order["company"]), "websites": [website(order, order["account"])]}
    if order.get("app"):
        out["apps"] = [app(order, order["account"])]
    return out


# ---- the domain registry simulator (registries.DomainRecord) ---------------------------------------------
# Every demo order's domain is held by its company (营业执照), real-name verified, at an approved registrar,
# for three more years: nothing in the registry stands in a demo order's way. The domains below belong to
# no order: typed into the 上海 draft (BA20260101900001, 上海浦江示例软件有限公司) each shows its finding.
REGISTRAR = "示例域名注册服务有限公司"
OVERSEAS_REGISTRAR = "Example Overseas Domains Inc."
DOMAIN_YEARS = 3
OTHER_COMPANY = ("上海黄浦示例贸易有限公司", "91310101MA1FPHP8QH")
# domain -> (what it shows, changes from a record held by the draft's company)
TRY_DOMAINS = {
    "pujiang-shop.com": ("passes: held by the company, verified, approved registrar", {}),
    "pujiang-other.com": ("DOMAIN_HOLDER_MISMATCH + DOMAIN_HOLDER_CERT_MISMATCH: another company holds it",
                          {"holder_name": OTHER_COMPANY[0], "holder_cert_number": OTHER_COMPANY[1]}),
    "pujiang-chenming.com": ("DOMAIN_HOLDER_MISMATCH + DOMAIN_HOLDER_CERT_MISMATCH: registered to the principal "
                             "陈明 personally (his name shows masked)",
                             {"holder_name": PERSON["name"], "holder_cert_type": "resident_id",
                              "holder_cert_number": PERSON["cert_number"]}),
    "pujiang-orgcode.com": ("DOMAIN_HOLDER_CERT_MISMATCH: real-named with the old 组织机构代码证, not the licence",
                            {"holder_cert_type": "organization_code", "holder_cert_number": "MA4U2WB18"}),
    "pujiang-unverified.com": ("DOMAIN_NOT_VERIFIED: real-name verification not done", {"holder_verified": False}),
    "pujiang-expiring.com": ("DOMAIN_EXPIRING: 120 days left (上海 asks for more than 180; elsewhere it passes)",
                             {"days_left": 120}),
    "pujiang-overseas.com": ("DOMAIN_REGISTRAR_NOT_APPROVED: registered at an overseas registrar",
                             {"registrar": OVERSEAS_REGISTRAR, "registrar_approved": False}),
}


def domain_records(today: date) -> list[dict]:
    """The simulator's records: every demo order's domain, then TRY_DOMAINS (registries.domains.seed_domain)."""
    def held_by(company: str, **changes) -> dict:
        _province, _city, _district, name, cert, *_ = COMPANIES[company]
        days_left = changes.pop("days_left", DOMAIN_YEARS * 365)
        return {"holder_name": name, "holder_cert_type": "business_license", "holder_cert_number": cert,
                "holder_verified": True, "registrar": REGISTRAR, "registrar_approved": True,
                "expires": today + timedelta(days=days_left), **changes}

    records = [{"domain": o["site"][1], **held_by(o["company"])} for o in ORDERS]
    records += [{"domain": domain, **held_by("pujiang", **dict(changes))} for domain, (_, changes) in TRY_DOMAINS.items()]
    return records
