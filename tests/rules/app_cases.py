"""APP filing (precheck.md "APP filing"): bases and the table of firing cases and near misses for every APP
code and for the website codes that apply to APPs (run by test_apps.py, counted by test_finding_codes.py)."""

import copy

from beian.rules.codes import Code

from .support import DELETE, enterprise, individual, principal

MD5 = "9F:1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:7C"  # 32 hex, as keytool prints it
SHA1 = "3B5C0A1E2D3F4A5B6C7D8E9F0A1B2C3D4E5F60E1"  # 40 hex
SHA256 = "AB" * 32
KEY_HEX = "30820122300d06092a864886f70d01010105000382010f003082010a0282010100c3"
KEY_B64 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwz=="


def app_item(name="示例商城", package="com.example.shop", **extra) -> dict:
    item = {
        "name": name, "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
        "platforms": [
            {"platform": "android", "package_name": package, "public_key": KEY_HEX, "signature": MD5},
            {"platform": "ios", "package_name": package, "public_key": KEY_B64, "signature": SHA1},
        ],
        "domains": ["api.example.com"],
        "access": {"product": "ecs", "instance_id": "i-abc", "ip": "47.96.1.2", "service_number": None},
        "principal": None,
    }
    item.update(extra)
    return item


def with_app() -> dict:
    """The enterprise first filing of support.py with one website and one valid APP (no error findings)."""
    app = enterprise()
    app["apps"] = [app_item()]
    return app


def app_only() -> dict:
    app = enterprise()
    app["websites"] = []
    app["apps"] = [app_item()]
    return app


def individual_app() -> dict:
    app = individual()
    app["apps"] = [app_item(name="读书笔记")]
    return app


def row(platform, package="com.example.shop", signature=None, public_key=KEY_HEX) -> dict:
    default = {"android": MD5, "ios": SHA1}.get(platform, SHA256)
    return {"platform": platform, "package_name": package, "public_key": public_key,
            "signature": default if signature is None else signature}


def second_app(**extra):
    def edit(app):
        app["apps"].append(app_item(name="示例商城极速版", package="com.example.lite", **extra))
    return edit


def add_row(*rows):
    def edit(app):
        app["apps"][0]["platforms"] += [copy.deepcopy(r) for r in rows]
    return edit


E, AO, IA = with_app, app_only, individual_app
A = "apps[0]"
P0 = f"{A}.platforms[0]"  # android
P1 = f"{A}.platforms[1]"  # ios

# (case id, base, edits, code, expect present?, path of the finding when present or None)
APP_CASES = [
    ("valid_app_ok", E, [], Code.APP_NAME_REQUIRED, False, None),
    ("name_empty", E, [(f"{A}.name", "")], Code.APP_NAME_REQUIRED, True, f"{A}.name"),
    ("name_spaces_only", E, [(f"{A}.name", "   ")], Code.APP_NAME_REQUIRED, True, f"{A}.name"),
    ("name_ideographic_space_only", E, [(f"{A}.name", "\u3000")], Code.APP_NAME_REQUIRED, True, f"{A}.name"),
    ("name_absent", E, [(f"{A}.name", DELETE)], Code.APP_NAME_REQUIRED, True, f"{A}.name"),
    ("name_latin_ok", E, [(f"{A}.name", "Shop")], Code.APP_NAME_REQUIRED, False, None),
    ("name_national_prefix", E, [(f"{A}.name", "中国示例商城")], Code.APP_NAME_NATIONAL_PREFIX, True, f"{A}.name"),
    ("name_national_prefix_government", E, [("subject.nature", "government"), ("subject.cert_type", "usc_certificate"),
                                            (f"{A}.name", "中国示例商城")], Code.APP_NAME_NATIONAL_PREFIX, False, None),
    ("name_national_word_inside_ok", E, [(f"{A}.name", "示例中国商城")], Code.APP_NAME_NATIONAL_PREFIX, False, None),
    ("name_sensitive", E, [(f"{A}.name", "示例赌博助手")], Code.APP_NAME_SENSITIVE, True, f"{A}.name"),
    ("name_not_sensitive", E, [(f"{A}.name", "示例商城")], Code.APP_NAME_SENSITIVE, False, None),
    ("platforms_empty", E, [(f"{A}.platforms", [])], Code.APP_PLATFORM_REQUIRED, True, f"{A}.platforms"),
    ("platforms_absent", E, [(f"{A}.platforms", DELETE)], Code.APP_PLATFORM_REQUIRED, True, f"{A}.platforms"),
    ("platforms_null", E, [(f"{A}.platforms", None)], Code.APP_PLATFORM_REQUIRED, True, f"{A}.platforms"),
    ("platform_one_ok", E, [(f"{A}.platforms", [row("harmony")])], Code.APP_PLATFORM_REQUIRED, False, None),
    ("package_leading_digit", E, [(f"{P0}.package_name", "1com.x")], Code.APP_PACKAGE_INVALID, True, f"{P0}.package_name"),
    ("package_one_segment", E, [(f"{P0}.package_name", "com")], Code.APP_PACKAGE_INVALID, True, f"{P0}.package_name"),
    ("package_android_hyphen", E, [(f"{P0}.package_name", "com.example-app.shop")], Code.APP_PACKAGE_INVALID, True, f"{P0}.package_name"),
    ("package_segment_starts_with_digit", E, [(f"{P0}.package_name", "com.1example")], Code.APP_PACKAGE_INVALID, True, f"{P0}.package_name"),
    ("package_empty", E, [(f"{P0}.package_name", "")], Code.APP_PACKAGE_INVALID, True, f"{P0}.package_name"),
    ("package_trailing_dot", E, [(f"{P1}.package_name", "com.example.")], Code.APP_PACKAGE_INVALID, True, f"{P1}.package_name"),
    ("package_android_ok", E, [(f"{P0}.package_name", "com.example_1.Shop")], Code.APP_PACKAGE_INVALID, False, None),
    ("bundle_ios_hyphen_ok", E, [(f"{P1}.package_name", "com.example-app.shop")], Code.APP_PACKAGE_INVALID, False, None),
    ("bundle_ios_leading_digit_ok", E, [(f"{P1}.package_name", "1com.example")], Code.APP_PACKAGE_INVALID, False, None),
    ("bundle_ios_underscore", E, [(f"{P1}.package_name", "com.example_app")], Code.APP_PACKAGE_INVALID, True, f"{P1}.package_name"),
    ("package_harmony_ok", E, [(f"{A}.platforms", [row("harmony", "com.example.harmony")])], Code.APP_PACKAGE_INVALID, False, None),
    ("package_other_hyphen", E, [(f"{A}.platforms", [row("other", "com.example-x")])], Code.APP_PACKAGE_INVALID, True, f"{P0}.package_name"),
    ("same_package_android_and_ios_ok", E, [], Code.APP_PACKAGE_DUPLICATE, False, None),
    ("same_package_twice_on_android", E, [add_row(row("android"))], Code.APP_PACKAGE_DUPLICATE, True, f"{A}.platforms[2].package_name"),
    ("same_package_in_two_apps", E, [second_app(platforms=[row("ios", "com.example.shop")])], Code.APP_PACKAGE_DUPLICATE, True, "apps[1].platforms[0].package_name"),
    ("package_differs_in_case_ok", E, [add_row(row("android", "com.example.Shop"))], Code.APP_PACKAGE_DUPLICATE, False, None),
    ("second_app_own_package_ok", E, [second_app()], Code.APP_PACKAGE_DUPLICATE, False, None),
    ("android_md5_colons_ok", E, [], Code.APP_SIGNATURE_INVALID, False, None),
    ("android_md5_lower_spaces_newline_ok", E, [(f"{P0}.signature", "9f 1a 2b 3c 4d 5e 6f 70\n81 92 a3 b4 c5 d6 e7 7c")], Code.APP_SIGNATURE_INVALID, False, None),
    ("android_31_hex", E, [(f"{P0}.signature", MD5[:-1])], Code.APP_SIGNATURE_INVALID, True, f"{P0}.signature"),
    ("android_sha1", E, [(f"{P0}.signature", SHA1)], Code.APP_SIGNATURE_INVALID, True, f"{P0}.signature"),
    ("android_not_hex", E, [(f"{P0}.signature", "ZZ" * 16)], Code.APP_SIGNATURE_INVALID, True, f"{P0}.signature"),
    ("android_empty", E, [(f"{P0}.signature", "")], Code.APP_SIGNATURE_INVALID, True, f"{P0}.signature"),
    ("ios_sha1_ok", E, [(f"{P1}.signature", SHA1.lower())], Code.APP_SIGNATURE_INVALID, False, None),
    ("ios_md5", E, [(f"{P1}.signature", MD5)], Code.APP_SIGNATURE_INVALID, True, f"{P1}.signature"),
    ("harmony_32_ok", E, [(f"{A}.platforms", [row("harmony", signature=MD5)])], Code.APP_SIGNATURE_INVALID, False, None),
    ("harmony_40_ok", E, [(f"{A}.platforms", [row("harmony", signature=SHA1)])], Code.APP_SIGNATURE_INVALID, False, None),
    ("harmony_64_ok", E, [(f"{A}.platforms", [row("harmony", signature=SHA256)])], Code.APP_SIGNATURE_INVALID, False, None),
    ("harmony_48", E, [(f"{A}.platforms", [row("harmony", signature="AB" * 24)])], Code.APP_SIGNATURE_INVALID, True, f"{P0}.signature"),
    ("other_64_ok", E, [(f"{A}.platforms", [row("other", signature=SHA256)])], Code.APP_SIGNATURE_INVALID, False, None),
    ("other_33", E, [(f"{A}.platforms", [row("other", signature="A" * 33)])], Code.APP_SIGNATURE_INVALID, True, f"{P0}.signature"),
    ("public_key_hex_ok", E, [], Code.APP_PUBLIC_KEY_INVALID, False, None),
    ("public_key_hex_colons_ok", E, [(f"{P0}.public_key", "30:82:01:22:30:0D")], Code.APP_PUBLIC_KEY_INVALID, False, None),
    ("public_key_base64_ok", E, [(f"{P0}.public_key", KEY_B64)], Code.APP_PUBLIC_KEY_INVALID, False, None),
    ("public_key_pem_ok", E, [(f"{P0}.public_key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG\n9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----\n")], Code.APP_PUBLIC_KEY_INVALID, False, None),
    ("public_key_garbage", E, [(f"{P0}.public_key", "xyz!")], Code.APP_PUBLIC_KEY_INVALID, True, f"{P0}.public_key"),
    ("public_key_empty", E, [(f"{P1}.public_key", "  ")], Code.APP_PUBLIC_KEY_INVALID, True, f"{P1}.public_key"),
    ("public_key_absent", E, [(f"{P1}.public_key", DELETE)], Code.APP_PUBLIC_KEY_INVALID, True, f"{P1}.public_key"),
    ("public_key_bad_padding", E, [(f"{P0}.public_key", "MIIBIjA")], Code.APP_PUBLIC_KEY_INVALID, True, f"{P0}.public_key"),
    ("domain_third_level_ok", E, [(f"{A}.domains", ["a.b.example.com"])], Code.APP_DOMAIN_INVALID, False, None),
    ("domain_fourth_level", E, [(f"{A}.domains", ["api.example.com", "a.b.c.example.com"])], Code.APP_DOMAIN_INVALID, True, f"{A}.domains[1]"),
    ("domain_com_cn_third_level_ok", E, [(f"{A}.domains", ["a.b.example.com.cn"])], Code.APP_DOMAIN_INVALID, False, None),
    ("domain_com_cn_fourth_level", E, [(f"{A}.domains", ["a.b.c.example.com.cn"])], Code.APP_DOMAIN_INVALID, True, f"{A}.domains[0]"),
    ("domain_apex_ok", E, [(f"{A}.domains", ["example.com"])], Code.APP_DOMAIN_INVALID, False, None),
    ("domain_idn_ok", E, [(f"{A}.domains", ["api.示例.中国"])], Code.APP_DOMAIN_INVALID, False, None),
    ("domains_none_ok", E, [(f"{A}.domains", [])], Code.APP_DOMAIN_INVALID, False, None),
    ("domain_underscore", E, [(f"{A}.domains", ["bad_name.example.com"])], Code.APP_DOMAIN_INVALID, True, f"{A}.domains[0]"),
    ("domain_no_dot", E, [(f"{A}.domains", ["localhost"])], Code.APP_DOMAIN_INVALID, True, f"{A}.domains[0]"),
    ("domain_public_suffix_only", E, [(f"{A}.domains", ["com.cn"])], Code.APP_DOMAIN_INVALID, True, f"{A}.domains[0]"),
    ("domain_url", E, [(f"{A}.domains", ["https://api.example.com/"])], Code.APP_DOMAIN_INVALID, True, f"{A}.domains[0]"),
    ("domain_tld_io", E, [(f"{A}.domains", ["api.example.io"])], Code.APP_DOMAIN_TLD_NOT_FILEABLE, True, f"{A}.domains[0]"),
    ("domain_tld_cn_ok", E, [(f"{A}.domains", ["api.example.cn"])], Code.APP_DOMAIN_TLD_NOT_FILEABLE, False, None),
    ("domain_also_a_website_domain_ok", E, [(f"{A}.domains", ["example.com"])], Code.DOMAIN_DUPLICATE_IN_ORDER, False, None),
    # The website rules precheck.md applies to APPs, at apps[i] paths.
    ("individual_app_portal", IA, [(f"{A}.content", "综合门户")], Code.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL, True, f"{A}.content"),
    ("individual_app_other_ok", IA, [], Code.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL, False, None),
    ("app_medical_without_approval", E, [(f"{A}.content", "医疗保健")], Code.PRE_APPROVAL_MISSING, True, f"{A}.pre_approvals"),
    ("app_medical_with_approval", E, [(f"{A}.content", "医疗保健"), (f"{A}.pre_approvals", [{"category": "医疗保健", "number": "X1", "issuer": "浙江省卫健委"}])], Code.PRE_APPROVAL_MISSING, False, None),
    ("app_no_language", E, [(f"{A}.languages", [])], Code.LANGUAGE_REQUIRED, True, f"{A}.languages"),
    ("app_language_given", E, [], Code.LANGUAGE_REQUIRED, False, None),
    ("app_no_access", E, [(f"{A}.access", None)], Code.ACCESS_MISSING, True, f"{A}.access"),
    ("app_service_number_ok", E, [(f"{A}.access", {"ip": "", "service_number": "32a43232-a888-88e8-b9ec-00888be81234"})], Code.ACCESS_MISSING, False, None),
    ("app_private_ip", E, [(f"{A}.access.ip", "10.0.0.1")], Code.ACCESS_IP_INVALID, True, f"{A}.access.ip"),
    ("app_public_ipv6_ok", E, [(f"{A}.access.ip", "2408:4000::1")], Code.ACCESS_IP_INVALID, False, None),
    ("individual_app_principal_other", IA, [(f"{A}.principal", principal())], Code.WEBSITE_PRINCIPAL_NOT_SUBJECT, True, f"{A}.principal"),
    ("individual_app_principal_self", IA, [(f"{A}.principal", principal(name="孙浩", cert="370102199302157859"))], Code.WEBSITE_PRINCIPAL_NOT_SUBJECT, False, None),
    ("app_principal_bad_mobile", E, [(f"{A}.principal", principal(mobile="1370000000"))], Code.MOBILE_INVALID, True, f"{A}.principal.mobile"),
    ("website_required_neither", E, [("websites", []), ("apps", [])], Code.WEBSITE_REQUIRED, True, "websites"),
    ("website_required_app_only_ok", AO, [], Code.WEBSITE_REQUIRED, False, None),
    ("hubei_site_and_app_ok", E, [("region.province", "湖北省")], Code.WEBSITE_LIMIT_EXCEEDED, False, None),
    ("hubei_one_site_two_apps_ok", E, [("region.province", "湖北省"), second_app()], Code.WEBSITE_LIMIT_EXCEEDED, False, None),
]
