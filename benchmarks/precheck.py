"""Throughput of `beian precheck --jsonl` on 10,000 generated applications (about 30% with an APP, some
APP-only).

Prints applications/s and the ratio to the floor: json.loads + json.dumps of the same lines, measured
in the same run on the same machine (so the ratio, not the absolute number, is what to compare).
Target (precheck.md): >= 2,000 applications/s on one core.

    .venv/bin/python benchmarks/precheck.py [N]
"""

import copy
import io
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from beian.rules import cli, domains, validators  # noqa: E402
from beian.rules.provinces import PROVINCES  # noqa: E402

BASE = {
    "region": {"province": "浙江省", "city": "杭州市", "district": "西湖区"},
    "requested_type": None,
    "subject": {
        "nature": "enterprise", "cert_type": "business_license", "name": "杭州示例科技有限公司",
        "cert_number": "", "cert_address": "浙江省杭州市西湖区文三路100号",
        "mailing_address": "浙江省杭州市西湖区文三路100号8楼801室", "investor": "杭州示例科技有限公司", "remark": "",
        "principal": {"name": "张三", "cert_type": "resident_id", "cert_number": "", "cert_valid_until": "2035-01-01",
                      "mobile": "13800000000", "contact2": "086-0571-88886666", "emergency_mobile": "13900000000",
                      "email": "zhangsan@example.com"},
    },
    "websites": [],
    "materials": [],
    "context": {"today": "2026-11-22", "subject_filed_with": None, "cert_order_in_progress": False, "domains": {},
                "business_registry": {"name": "杭州示例科技有限公司", "cert_number": "", "legal_representative": "张三",
                                      "status": "存续"}},
}
NAMES = ["示例科技官方网站", "示例产品中心", "读书随笔记录", "中国示例网", "示例论坛", "example.com官网", "示 例", "示例在线商城"]
TLDS = ["com", "cn", "net", "io", "com.cn", "top", "中国"]
APP_NAMES = ["示例商城", "Shop", "中国示例", "", "示例赌博"]
PACKAGES = ["com.example.shop", "com.example-app.shop", "1com.x", "com.example.shop"]
PUBLIC_KEYS = ["30820122300d06092a864886f70d01010105000382010f00", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A", "xyz!"]
OTHER_USCC = "91310101MA1FPHP8QH"  # a domain real-named by another company (DOMAIN_HOLDER_CERT_MISMATCH)


def generate(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    provinces = list(PROVINCES)
    lines = []
    for k in range(n):
        app = copy.deepcopy(BASE)
        app["region"]["province"] = rng.choice(provinces)
        uscc = f"9133{rng.randrange(10**4):04d}MA{rng.randrange(10**7):07d}"[:17]
        uscc = uscc + validators.uscc_check_char(uscc) if rng.random() > 0.1 else uscc + "0"
        body = f"3301{rng.randrange(10**2):02d}19{rng.randrange(50, 99)}0{rng.randrange(1, 9)}1{rng.randrange(1, 9)}{rng.randrange(1000):03d}"
        app["subject"]["cert_number"] = uscc
        app["context"]["business_registry"]["cert_number"] = uscc
        app["subject"]["principal"]["cert_number"] = body + validators.resident_id_check_char(body)
        if rng.random() < 0.3:
            app["subject"].update(nature="individual", cert_type="resident_id", name="张三", investor="张三",
                                  cert_number=app["subject"]["principal"]["cert_number"])
            del app["context"]["business_registry"]
        for s in range(rng.choice([1, 1, 1, 2, 3])):
            domain = f"site{k}-{s}.{rng.choice(TLDS)}"
            if rng.random() < 0.1:
                domain = "www." + domain
            app["websites"].append({
                "name": rng.choice(NAMES), "domains": [domain], "content": rng.choice(["单位门户网站", "其他", "医疗保健"]),
                "service_type": "网站应用服务", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
                "access": {"product": "ecs", "instance_id": f"i-{k}", "ip": rng.choice(["47.96.1.2", "10.0.0.1"]),
                           "service_number": None},
                "principal": None,
            })
            app["context"]["domains"][domain] = {"filed_with": rng.choice([None, None, "other", "self"]),
                                                 "holder_name": app["subject"]["name"], "holder_verified": True,
                                                 "holder_cert_number": rng.choice([app["subject"]["cert_number"], OTHER_USCC]),
                                                 "expires": rng.choice(["2027-01-10", "2028-06-30"]),
                                                 "registrar_approved": rng.random() > 0.05}
        if rng.random() < 0.3:  # APP filing (issue 17): an APP beside the websites, sometimes instead of them
            if rng.random() < 0.3:
                app["websites"] = []
            md5 = "".join(rng.choice("0123456789ABCDEF") for _ in range(32))
            app["apps"] = [{
                "name": rng.choice(APP_NAMES), "content": rng.choice(["其他", "医疗保健"]), "languages": ["中文简体"],
                "pre_approvals": [], "remark": "",
                "platforms": [
                    {"platform": "android", "package_name": rng.choice(PACKAGES),
                     "public_key": rng.choice(PUBLIC_KEYS), "signature": ":".join(md5[i:i + 2] for i in range(0, 32, 2))},
                    {"platform": rng.choice(["ios", "harmony"]), "package_name": rng.choice(PACKAGES),
                     "public_key": rng.choice(PUBLIC_KEYS), "signature": md5 + rng.choice(["", "0A1B2C3D"])},
                ],
                "domains": [f"api.app{k}.{rng.choice(TLDS)}", rng.choice([f"a.b.app{k}.com", f"a.b.c.app{k}.com"])],
                "access": {"product": "ecs", "instance_id": f"i-{k}", "ip": "47.96.1.2", "service_number": None},
                "principal": None,
            }]
        for side in ("front", "back"):
            app["materials"].append({"kind": "principal_id", "owner": "subject_principal", "side": side, "format": "jpg",
                                     "bytes": rng.randrange(10**5, 5 * 10**6), "width": 1600, "height": rng.choice([1000, 1600])})
        lines.append(json.dumps(app, ensure_ascii=False))
    return lines


def best_of(fn, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    lines = generate(n)
    text = "\n".join(lines) + "\n"

    def floor():
        out = io.StringIO()
        for line in lines:
            out.write(json.dumps(json.loads(line), ensure_ascii=False) + "\n")

    def engine():
        domains.parse.cache_clear()  # every domain is new to the engine, as in a real batch
        cli.run_jsonl(io.StringIO(text), io.StringIO())

    floor_s, engine_s = best_of(floor), best_of(engine)
    print(f"applications: {n}")
    print(f"floor (json.loads+json.dumps): {n / floor_s:,.0f} lines/s ({floor_s:.3f} s)")
    print(f"beian precheck --jsonl:       {n / engine_s:,.0f} applications/s ({engine_s:.3f} s)")
    print(f"ratio engine/floor time:      {engine_s / floor_s:.1f}x")
    print(f"target >= 2,000 applications/s: {'MET' if n / engine_s >= 2000 else 'NOT MET'}")


if __name__ == "__main__":
    main()
