"""The filing-type decision table, SMS targets and required materials."""

import pytest

from beian.rules import precheck

from .support import build, codes, enterprise, individual, principal

SUBJECT_CERT = "91330106MA2GL0XX7U"


def _app(subject_filed_with, domain_states, requested=None, website_principals=None):
    """domain_states: one dict per website (its context.domains entry)."""
    def edit(app):
        app["context"]["subject_filed_with"] = subject_filed_with
        app["requested_type"] = requested
        base_site = app["websites"][0]
        app["websites"], app["context"]["domains"] = [], {}
        for k, state in enumerate(domain_states):
            domain = f"site{k}.com"
            site = dict(base_site, name=f"示例科技网站{'一二三四'[k]}", domains=[domain])
            if website_principals:
                site["principal"] = website_principals[k]
            app["websites"].append(site)
            app["context"]["domains"][domain] = dict({"holder_name": "杭州示例科技有限公司", "holder_verified": True}, **state)
    return build(enterprise, edit)


UNFILED = {"filed_with": None}
ELSEWHERE_MINE = {"filed_with": "other", "filed_subject_cert_number": SUBJECT_CERT}
ELSEWHERE_UNKNOWN = {"filed_with": "other", "filed_subject_cert_number": None}
ELSEWHERE_OTHER = {"filed_with": "other", "filed_subject_cert_number": "91350200776049653A"}
HERE = {"filed_with": "self"}
BUSY = {"order_in_progress": True}

# (id, subject_filed_with, domains, expected filing_type, expected codes among the filing-type codes)
TABLE = [
    ("never_filed", None, [UNFILED], "first", set()),
    ("never_filed_two_sites", None, [UNFILED, UNFILED], "first", set()),
    ("filed_elsewhere_new_domain", "other", [UNFILED], "new_site_elsewhere", set()),
    ("filed_here_new_domain", "self", [UNFILED], "new_site_here", set()),
    ("access", "other", [ELSEWHERE_MINE], "access", set()),
    ("access_implied_subject", None, [ELSEWHERE_MINE], "access", set()),
    ("access_subject_filed_here", "self", [ELSEWHERE_UNKNOWN], "access", set()),
    ("mixed", "other", [ELSEWHERE_MINE, UNFILED], None, {"MIXED_FILING_TYPES"}),
    ("domain_here", "self", [HERE], None, {"DOMAIN_ALREADY_FILED"}),
    ("domain_other_subject", None, [ELSEWHERE_OTHER], None, {"DOMAIN_FILED_BY_OTHER_SUBJECT"}),
    ("domain_busy", None, [BUSY], None, {"DOMAIN_ORDER_IN_PROGRESS"}),
    ("all_conflicts_reported", None, [BUSY, HERE, ELSEWHERE_OTHER], None,
     {"DOMAIN_ORDER_IN_PROGRESS", "DOMAIN_ALREADY_FILED", "DOMAIN_FILED_BY_OTHER_SUBJECT"}),
    ("conflict_suppresses_mixed", None, [HERE, ELSEWHERE_MINE, UNFILED], None, {"DOMAIN_ALREADY_FILED"}),
]
TYPE_CODES = {"CERT_ORDER_IN_PROGRESS", "DOMAIN_ORDER_IN_PROGRESS", "DOMAIN_ALREADY_FILED",
              "DOMAIN_FILED_BY_OTHER_SUBJECT", "MIXED_FILING_TYPES", "FILING_TYPE_MISMATCH", "CERT_ALREADY_FILED"}


@pytest.mark.parametrize(("case", "filed", "states", "expected", "expected_codes"), TABLE, ids=[t[0] for t in TABLE])
def test_decision_table(case, filed, states, expected, expected_codes):
    result = precheck(_app(filed, states))
    assert result["filing_type"] == expected
    assert codes(result) & TYPE_CODES == expected_codes
    if expected is None:
        assert result["sms_targets"] == []


def test_cert_in_progress_and_domain_conflicts_are_all_reported():
    app = _app(None, [BUSY])
    app["context"]["cert_order_in_progress"] = True
    result = precheck(app)
    assert result["filing_type"] is None
    assert {"CERT_ORDER_IN_PROGRESS", "DOMAIN_ORDER_IN_PROGRESS"} <= codes(result)


@pytest.mark.parametrize(
    ("requested", "filed", "expected_code"),
    [("first", "other", "CERT_ALREADY_FILED"), ("access", None, "FILING_TYPE_MISMATCH"),
     ("new_site_here", "other", "FILING_TYPE_MISMATCH"), ("new_site_elsewhere", "other", None)],
)
def test_requested_type_keeps_determined_type_and_targets(requested, filed, expected_code):
    result = precheck(_app(filed, [UNFILED], requested=requested))
    determined = "first" if filed is None else "new_site_elsewhere"
    assert result["filing_type"] == determined
    assert (codes(result) & {"CERT_ALREADY_FILED", "FILING_TYPE_MISMATCH"}) == ({expected_code} if expected_code else set())
    assert result["sms_targets"]


P1, P2 = principal(name="李四", mobile="13700000001"), principal(name="王五", cert="11010519491231010X", mobile="13700000002")


@pytest.mark.parametrize(
    ("filed", "states", "principals", "targets"),
    [
        (None, [UNFILED], None, ["13800000000"]),
        (None, [UNFILED, UNFILED], [P1, None], ["13800000000", "13700000001"]),
        (None, [UNFILED, UNFILED], [P1, P1], ["13800000000", "13700000001"]),
        (None, [UNFILED, UNFILED], [P2, P1], ["13800000000", "13700000002", "13700000001"]),
        ("other", [UNFILED], [P1], ["13700000001"]),
        ("self", [UNFILED, UNFILED], [None, P1], ["13800000000", "13700000001"]),
        ("other", [ELSEWHERE_MINE], [P1], ["13700000001"]),
        ("other", [ELSEWHERE_MINE], None, ["13800000000"]),
    ],
)
def test_sms_targets(filed, states, principals, targets):
    assert precheck(_app(filed, states, website_principals=principals))["sms_targets"] == targets


def test_sms_targets_are_trimmed_and_kept_even_if_invalid():
    app = build(enterprise, ("subject.principal.mobile", " 1380000 "))
    assert precheck(app)["sms_targets"] == ["1380000"]


def _basic(result):
    return [(m["kind"], m["owner"], m.get("side")) for m in result["required_materials"] if not m.get("auxiliary")]


def test_required_materials_first_enterprise_with_distinct_and_shared_principals():
    result = precheck(_app(None, [UNFILED, UNFILED, UNFILED], website_principals=[None, P1, P1]))
    assert _basic(result) == [
        ("subject_certificate", "subject", None),
        ("principal_id", "subject_principal", "front"), ("principal_id", "subject_principal", "back"),
        ("principal_id", "websites[1].principal", "front"), ("principal_id", "websites[1].principal", "back"),
    ]


def test_required_materials_new_site_here_only_website_principals():
    result = precheck(_app("self", [UNFILED], website_principals=[P1]))
    assert _basic(result) == [("principal_id", "websites[0].principal", "front"),
                              ("principal_id", "websites[0].principal", "back")]
    reused = precheck(_app("self", [UNFILED]))
    assert _basic(reused) == [("principal_id", "subject_principal", "front"), ("principal_id", "subject_principal", "back")]


def test_required_materials_individual_has_no_subject_certificate_and_passport_is_one_image():
    app = build(individual, ("subject.principal.cert_type", "passport"))
    assert _basic(precheck(app)) == [("principal_id", "subject_principal", None)]


def test_undetermined_type_requires_first_filing_materials():
    result = precheck(_app("self", [HERE]))
    assert result["filing_type"] is None
    assert ("subject_certificate", "subject", None) in _basic(result)


def test_auxiliary_materials_are_listed_but_never_missing():
    app = build(individual, ("region.province", "江苏省"), ("websites[0].name", "孙浩的个人博客"), ("websites[0].remark", "读书"))
    app["materials"] = [{"kind": "principal_id", "owner": "subject_principal", "side": s, "format": "jpg",
                         "bytes": 1000, "width": 10, "height": 10} for s in ("front", "back")]
    result = precheck(app)
    assert {"kind": "domain_certificate", "owner": "subject"}.items() <= next(
        m for m in result["required_materials"] if m["kind"] == "domain_certificate").items()
    assert "MATERIAL_MISSING" not in codes(result)


def test_material_for_shared_principal_counts_under_any_website_that_names_them():
    app = _app(None, [UNFILED, UNFILED], website_principals=[P1, P1])
    app["materials"] = [{"kind": k, "owner": o, "side": s, "format": "png", "bytes": 10, "width": 4, "height": 3}
                        for k, o, s in [("subject_certificate", "subject", None), ("principal_id", "subject_principal", "front"),
                                        ("principal_id", "subject_principal", "back"), ("principal_id", "websites[1].principal", "front"),
                                        ("principal_id", "websites[1].principal", "back")]]
    assert "MATERIAL_MISSING" not in codes(precheck(app))


def test_access_mobile_changed_points_at_the_website_principal_that_was_typed():
    """The finding sits on the mobile the applicant types for the website: its own principal's, else its 复用 choice
    (the websites step shows it there; the subject step is not held by a website's rule)."""
    own = principal(mobile="13912345678")
    reused = precheck(_app("other", [dict(ELSEWHERE_MINE, principal_mobile_matches=False)]))
    typed = precheck(_app("other", [dict(ELSEWHERE_MINE, principal_mobile_matches=False)], website_principals=[own]))
    assert reused["filing_type"] == typed["filing_type"] == "access"
    assert [f["path"] for f in reused["findings"] if f["code"] == "ACCESS_MOBILE_CHANGED"] == ["websites[0].principal"]
    assert [f["path"] for f in typed["findings"] if f["code"] == "ACCESS_MOBILE_CHANGED"] == ["websites[0].principal.mobile"]
    assert not reused["ok"] and "先到原备案接入服务商处变更手机号码" in next(
        f["message"] for f in reused["findings"] if f["code"] == "ACCESS_MOBILE_CHANGED")


def test_shell_site_keeps_the_access_type_and_says_to_deregister_and_file_anew():
    result = precheck(_app("other", [dict(ELSEWHERE_MINE, shell=True)]))
    shell = [f for f in result["findings"] if f["code"] == "ACCESS_SHELL_SITE"]
    assert result["filing_type"] == "access" and not result["ok"]
    assert [f["path"] for f in shell] == ["websites[0].domains[0]"] and "需注销备案后重新提交新增网站备案" in shell[0]["message"]
