"""Every finding code: at least one case that triggers it and one near-miss that must not."""

import pytest

from beian.rules import precheck
from beian.rules.codes import Code

from .app_cases import APP_CASES
from .province_cases import CHECK_CASES
from .support import DELETE, TODAY, build, codes, enterprise, full_materials, individual, material, principal


def _ctx_domain(**info):
    def edit(app):
        domain = app["websites"][0]["domains"][0]
        app["context"]["domains"][domain].update(info)
    return edit


def _second_site(domain="example2.com", name="示例科技产品中心", **extra):
    def edit(app):
        site = dict(app["websites"][0], name=name, domains=[domain], **extra)
        app["websites"].append(site)
    return edit


def _sites(n):
    def edit(app):
        app["websites"] = [dict(app["websites"][0], name=f"示例科技网站第{'一二三四五六七八九十'[k % 10]}站",
                                domains=[f"example{k}.com"]) for k in range(n)]
    return edit


def _materials(*items):
    def edit(app):
        app["materials"] = list(items) if items else full_materials()
    return edit


E, IND = enterprise, individual
WS = "websites[0]"
SP = "subject.principal"

# (case id, base, edits, code, expect present?)
CASES = [
    ("region_hk", E, [("region.province", "香港")], Code.REGION_INVALID, True),
    ("region_short_name_ok", E, [("region.province", "浙江")], Code.REGION_INVALID, False),
    ("region_autonomous_short_ok", E, [("region.province", "内蒙古")], Code.REGION_INVALID, False),
    ("cert_type_enterprise_resident_id", E, [("subject.cert_type", "resident_id")], Code.CERT_TYPE_NOT_ALLOWED, True),
    ("cert_type_principal_business_license", E, [(f"{SP}.cert_type", "business_license")], Code.CERT_TYPE_NOT_ALLOWED, True),
    ("cert_type_principal_officer_id_ok", E, [(f"{SP}.cert_type", "officer_id")], Code.CERT_TYPE_NOT_ALLOWED, False),
    ("cert_type_public_institution_usc_ok", E, [("subject.nature", "public_institution"), ("subject.cert_type", "usc_certificate")], Code.CERT_TYPE_NOT_ALLOWED, False),
    ("uscc_bad_check", E, [("subject.cert_number", "91330106MA2GL0XX7B")], Code.CERT_NUMBER_INVALID, True),
    ("uscc_lowercase", E, [("subject.cert_number", "91330106ma2gl0xx7u")], Code.CERT_NUMBER_INVALID, True),
    ("uscc_17_chars", E, [("subject.cert_number", "91330106MA2GL0XX7")], Code.CERT_NUMBER_INVALID, True),
    ("uscc_ok", E, [], Code.CERT_NUMBER_INVALID, False),
    ("id_bad_check", E, [(f"{SP}.cert_number", "330106199001011231")], Code.CERT_NUMBER_INVALID, True),
    ("id_future_birth", E, [(f"{SP}.cert_number", "330106202701011234")], Code.CERT_NUMBER_INVALID, True),
    ("id_bad_province", E, [(f"{SP}.cert_number", "990106199001011235")], Code.CERT_NUMBER_INVALID, True),
    ("id_bad_date", E, [(f"{SP}.cert_number", "330106199002301234")], Code.CERT_NUMBER_INVALID, True),
    ("id_website_principal_bad", E, [(f"{WS}.principal", principal(cert="110105194912310028"))], Code.CERT_NUMBER_INVALID, True),
    ("id_upper_x_ok", E, [], Code.CERT_NUMBER_INVALID, False),
    ("id_lowercase_x", E, [(f"{SP}.cert_number", "33010619900101123x")], Code.CERT_NUMBER_LOWERCASE_X, True),
    ("id_upper_x_no_lowercase_finding", E, [], Code.CERT_NUMBER_LOWERCASE_X, False),
    ("cert_address_empty", E, [("subject.cert_address", "  ")], Code.CERT_ADDRESS_REQUIRED, True),
    ("cert_address_given", E, [], Code.CERT_ADDRESS_REQUIRED, False),
    ("mailing_special", E, [("subject.mailing_address", "浙江省杭州市文三路100号@8楼")], Code.MAILING_ADDRESS_SPECIAL_CHARS, True),
    ("mailing_allowed_symbols", E, [("subject.mailing_address", "浙江省杭州市文三路100号（A座）8楼-801室#2、东侧，近地铁。")], Code.MAILING_ADDRESS_SPECIAL_CHARS, False),
    ("mailing_no_number", E, [("subject.mailing_address", "浙江省杭州市西湖区文三路")], Code.MAILING_ADDRESS_NOT_DETAILED, True),
    ("mailing_no_number_but_remark", E, [("subject.mailing_address", "浙江省杭州市西湖区文三路"), ("subject.remark", "此地址已是最详细地址")], Code.MAILING_ADDRESS_NOT_DETAILED, False),
    ("mailing_chinese_numeral", E, [("subject.mailing_address", "浙江省杭州市西湖区文三路三号")], Code.MAILING_ADDRESS_NOT_DETAILED, False),
    ("mailing_unit", E, [("subject.mailing_address", "杭州市西湖区某小区2单元")], Code.MAILING_ADDRESS_NOT_DETAILED, False),
    ("investor_other", IND, [("subject.investor", "孙某")], Code.INVESTOR_MISMATCH, True),
    ("investor_self", IND, [], Code.INVESTOR_MISMATCH, False),
    ("investor_enterprise_any", E, [("subject.investor", "张三")], Code.INVESTOR_MISMATCH, False),
    ("principal_other_person", IND, [(f"{SP}.name", "孙某")], Code.PRINCIPAL_NOT_SUBJECT, True),
    ("principal_other_cert", IND, [(f"{SP}.cert_number", "110105194912310029")], Code.PRINCIPAL_NOT_SUBJECT, True),
    ("principal_self", IND, [], Code.PRINCIPAL_NOT_SUBJECT, False),
    ("website_principal_other", IND, [(f"{WS}.principal", principal())], Code.WEBSITE_PRINCIPAL_NOT_SUBJECT, True),
    ("website_principal_same_person", IND, [(f"{WS}.principal", principal(name="孙浩", cert="370102199302157859"))], Code.WEBSITE_PRINCIPAL_NOT_SUBJECT, False),
    ("website_principal_enterprise_other_ok", E, [(f"{WS}.principal", principal())], Code.WEBSITE_PRINCIPAL_NOT_SUBJECT, False),
    ("id_expiring_exactly_3_months", E, [(f"{SP}.cert_valid_until", "2027-02-22")], Code.PRINCIPAL_ID_EXPIRING, True),
    ("id_expired", E, [(f"{SP}.cert_valid_until", "2020-01-01")], Code.PRINCIPAL_ID_EXPIRING, True),
    ("id_3_months_and_a_day", E, [(f"{SP}.cert_valid_until", "2027-02-23")], Code.PRINCIPAL_ID_EXPIRING, False),
    ("id_long_term", E, [(f"{SP}.cert_valid_until", "长期")], Code.PRINCIPAL_ID_EXPIRING, False),
    ("id_expiring_passport_not_checked", E, [(f"{SP}.cert_type", "passport"), (f"{SP}.cert_valid_until", "2020-01-01")], Code.PRINCIPAL_ID_EXPIRING, False),
    ("mobile_short", E, [(f"{SP}.mobile", "1380000000")], Code.MOBILE_INVALID, True),
    ("mobile_12_prefix", E, [(f"{SP}.mobile", "12800000000")], Code.MOBILE_INVALID, True),
    ("emergency_not_mobile", E, [(f"{SP}.emergency_mobile", "086-0571-88886666")], Code.MOBILE_INVALID, True),
    ("emergency_absent_ok", E, [(f"{SP}.emergency_mobile", None)], Code.MOBILE_INVALID, False),
    ("mobile_19_ok", E, [(f"{SP}.mobile", "19912345678")], Code.MOBILE_INVALID, False),
    ("contact2_missing_unit", E, [(f"{SP}.contact2", "")], Code.CONTACT2_REQUIRED, True),
    ("contact2_missing_website_principal", E, [(f"{WS}.principal", dict(principal(), contact2=None))], Code.CONTACT2_REQUIRED, True),
    ("contact2_individual_not_needed", IND, [], Code.CONTACT2_REQUIRED, False),
    ("contact2_bad_landline", E, [(f"{SP}.contact2", "0571-88886666")], Code.CONTACT2_INVALID, True),
    ("contact2_area_without_zero", E, [(f"{SP}.contact2", "086-571-88886666")], Code.CONTACT2_INVALID, True),
    ("contact2_individual_bad", IND, [(f"{SP}.contact2", "12345")], Code.CONTACT2_INVALID, True),
    ("contact2_landline_ext_ok", E, [(f"{SP}.contact2", "086-022-78954123-8001")], Code.CONTACT2_INVALID, False),
    ("contact2_mobile_ok", E, [(f"{SP}.contact2", "13700000000")], Code.CONTACT2_INVALID, False),
    ("email_two_at", E, [(f"{SP}.email", "a@b@example.com")], Code.EMAIL_INVALID, True),
    ("email_no_dot", E, [(f"{SP}.email", "a@localhost")], Code.EMAIL_INVALID, True),
    ("email_empty_local", E, [(f"{SP}.email", "@example.com")], Code.EMAIL_INVALID, True),
    ("email_idn_ok", E, [(f"{SP}.email", "a@例子.中国")], Code.EMAIL_INVALID, False),
    ("registry_not_found", E, [("context.business_registry", None)], Code.SUBJECT_NOT_IN_REGISTRY, True),
    ("registry_not_looked_up", E, [("context.business_registry", DELETE)], Code.SUBJECT_NOT_IN_REGISTRY, False),
    ("registry_individual_null", IND, [("context.business_registry", None)], Code.SUBJECT_NOT_IN_REGISTRY, False),
    ("registry_name_differs", E, [("context.business_registry.name", "杭州示例网络有限公司")], Code.SUBJECT_NAME_REGISTRY_MISMATCH, True),
    ("registry_name_same", E, [], Code.SUBJECT_NAME_REGISTRY_MISMATCH, False),
    ("registry_cert_differs", E, [("context.business_registry.cert_number", "91350200776049653A")], Code.SUBJECT_CERT_REGISTRY_MISMATCH, True),
    ("registry_cert_same", E, [], Code.SUBJECT_CERT_REGISTRY_MISMATCH, False),
    ("registry_revoked", E, [("context.business_registry.status", "吊销")], Code.SUBJECT_REGISTRY_INACTIVE, True),
    ("registry_deregistered", E, [("context.business_registry.status", "注销")], Code.SUBJECT_REGISTRY_INACTIVE, True),
    ("registry_suspended_is_active", E, [("context.business_registry.status", "停业")], Code.SUBJECT_REGISTRY_INACTIVE, False),
    ("legal_rep_zhejiang", E, [("context.business_registry.legal_representative", "王五")], Code.PRINCIPAL_NOT_LEGAL_REPRESENTATIVE, True),
    ("legal_rep_beijing_not_required", E, [("region.province", "北京市"), ("context.business_registry.legal_representative", "王五")], Code.PRINCIPAL_NOT_LEGAL_REPRESENTATIVE, False),
    ("legal_rep_no_record", E, [("context.business_registry", DELETE)], Code.PRINCIPAL_NOT_LEGAL_REPRESENTATIVE, False),
    ("cert_in_progress", E, [("context.cert_order_in_progress", True)], Code.CERT_ORDER_IN_PROGRESS, True),
    ("cert_not_in_progress", E, [], Code.CERT_ORDER_IN_PROGRESS, False),
    ("domain_in_progress", E, [_ctx_domain(order_in_progress=True)], Code.DOMAIN_ORDER_IN_PROGRESS, True),
    ("domain_not_in_progress", E, [], Code.DOMAIN_ORDER_IN_PROGRESS, False),
    ("domain_filed_here", E, [_ctx_domain(filed_with="self")], Code.DOMAIN_ALREADY_FILED, True),
    ("domain_filed_elsewhere_same_subject", E, [_ctx_domain(filed_with="other", filed_subject_cert_number="91330106MA2GL0XX7U")], Code.DOMAIN_ALREADY_FILED, False),
    ("domain_filed_other_subject", E, [_ctx_domain(filed_with="other", filed_subject_cert_number="91350200776049653A")], Code.DOMAIN_FILED_BY_OTHER_SUBJECT, True),
    ("domain_filed_other_unknown_subject", E, [_ctx_domain(filed_with="other", filed_subject_cert_number=None)], Code.DOMAIN_FILED_BY_OTHER_SUBJECT, False),
    ("mixed_types", E, [_second_site(), _ctx_domain(filed_with="other")], Code.MIXED_FILING_TYPES, True),
    ("not_mixed_all_unfiled", E, [_second_site()], Code.MIXED_FILING_TYPES, False),
    ("type_mismatch", E, [("requested_type", "access")], Code.FILING_TYPE_MISMATCH, True),
    ("type_match", E, [("requested_type", "first")], Code.FILING_TYPE_MISMATCH, False),
    ("first_but_filed", E, [("requested_type", "first"), ("context.subject_filed_with", "other")], Code.CERT_ALREADY_FILED, True),
    ("first_and_unfiled", E, [("requested_type", "first")], Code.CERT_ALREADY_FILED, False),
    # 接入备案 (seed 003 §9): the ministry's facts about the filed website, found only for an access filing.
    ("access_shell", E, [_ctx_domain(filed_with="other", filed_subject_cert_number=None, shell=True)], Code.ACCESS_SHELL_SITE, True),
    ("access_with_a_provider", E, [_ctx_domain(filed_with="other", filed_subject_cert_number=None, shell=False)], Code.ACCESS_SHELL_SITE, False),
    ("shell_fact_without_access", E, [_ctx_domain(shell=True)], Code.ACCESS_SHELL_SITE, False),
    ("access_mobile_changed", E, [_ctx_domain(filed_with="other", filed_subject_cert_number=None, principal_mobile_matches=False)], Code.ACCESS_MOBILE_CHANGED, True),
    ("access_same_mobile", E, [_ctx_domain(filed_with="other", filed_subject_cert_number=None, principal_mobile_matches=True)], Code.ACCESS_MOBILE_CHANGED, False),
    ("access_mobile_unknown", E, [_ctx_domain(filed_with="other", filed_subject_cert_number=None)], Code.ACCESS_MOBILE_CHANGED, False),
    ("no_websites", E, [("websites", [])], Code.WEBSITE_REQUIRED, True),
    ("one_website", E, [], Code.WEBSITE_REQUIRED, False),
    ("hubei_two_sites", E, [("region.province", "湖北省"), _second_site()], Code.WEBSITE_LIMIT_EXCEEDED, True),
    ("henan_individual_four", IND, [("region.province", "河南省"), _sites(4)], Code.WEBSITE_LIMIT_EXCEEDED, True),
    ("henan_individual_three", IND, [("region.province", "河南省"), _sites(3)], Code.WEBSITE_LIMIT_EXCEEDED, False),
    ("shaanxi_unit_thirty", E, [("region.province", "陕西省"), _sites(30)], Code.WEBSITE_LIMIT_EXCEEDED, False),
    ("shaanxi_unit_31", E, [("region.province", "陕西省"), _sites(31)], Code.WEBSITE_LIMIT_EXCEEDED, True),
    ("zhejiang_unlimited", E, [_sites(40)], Code.WEBSITE_LIMIT_EXCEEDED, False),
    ("two_domains", E, [(f"{WS}.domains", ["example.com", "example.net"])], Code.WEBSITE_ONE_DOMAIN, True),
    ("no_domain", E, [(f"{WS}.domains", [])], Code.WEBSITE_ONE_DOMAIN, True),
    ("one_domain", E, [], Code.WEBSITE_ONE_DOMAIN, False),
    ("domain_underscore", E, [(f"{WS}.domains", ["bad_name.com"])], Code.DOMAIN_INVALID, True),
    ("domain_no_dot", E, [(f"{WS}.domains", ["localhost"])], Code.DOMAIN_INVALID, True),
    ("domain_url", E, [(f"{WS}.domains", ["http://example.com/"])], Code.DOMAIN_INVALID, True),
    ("domain_idn_ok", E, [(f"{WS}.domains", ["示例.中国"])], Code.DOMAIN_INVALID, False),
    ("domain_www", E, [(f"{WS}.domains", ["www.example.com"])], Code.DOMAIN_NOT_APEX, True),
    ("domain_com_cn_apex_ok", E, [(f"{WS}.domains", ["example.com.cn"])], Code.DOMAIN_NOT_APEX, False),
    ("domain_io", E, [(f"{WS}.domains", ["example.io"])], Code.DOMAIN_TLD_NOT_FILEABLE, True),
    ("domain_cn_ok", E, [(f"{WS}.domains", ["example.cn"])], Code.DOMAIN_TLD_NOT_FILEABLE, False),
    ("domain_twice", E, [_second_site(domain="EXAMPLE.com")], Code.DOMAIN_DUPLICATE_IN_ORDER, True),
    ("domain_distinct", E, [_second_site()], Code.DOMAIN_DUPLICATE_IN_ORDER, False),
    ("holder_other", E, [_ctx_domain(holder_name="王五")], Code.DOMAIN_HOLDER_MISMATCH, True),
    ("holder_unknown", E, [_ctx_domain(holder_name=None)], Code.DOMAIN_HOLDER_MISMATCH, False),
    ("holder_unverified", E, [_ctx_domain(holder_verified=False)], Code.DOMAIN_NOT_VERIFIED, True),
    ("holder_verification_unknown", E, [_ctx_domain(holder_verified=None)], Code.DOMAIN_NOT_VERIFIED, False),
    # Domain real-name (issue 13 #3): cert number, expiry (上海: 180 days, data in provinces.toml), registrar.
    ("holder_cert_other_company", E, [_ctx_domain(holder_cert_number="91310115MA4U2WB18C")], Code.DOMAIN_HOLDER_CERT_MISMATCH, True),
    ("holder_cert_principal_personally", E, [_ctx_domain(holder_cert_number="33010619900101123X")], Code.DOMAIN_HOLDER_CERT_MISMATCH, True),
    ("holder_cert_same", E, [_ctx_domain(holder_cert_number="91330106MA2GL0XX7U")], Code.DOMAIN_HOLDER_CERT_MISMATCH, False),
    ("holder_cert_same_case_and_spaces", E, [_ctx_domain(holder_cert_number=" 91330106ma2gl0xx7u ")], Code.DOMAIN_HOLDER_CERT_MISMATCH, False),
    ("holder_cert_unknown", E, [_ctx_domain(holder_cert_number=None)], Code.DOMAIN_HOLDER_CERT_MISMATCH, False),
    ("holder_cert_blank", E, [_ctx_domain(holder_cert_number="")], Code.DOMAIN_HOLDER_CERT_MISMATCH, False),
    ("domain_expired", E, [_ctx_domain(expires="2026-10-01")], Code.DOMAIN_EXPIRING, True),
    ("domain_expires_today", E, [_ctx_domain(expires=TODAY)], Code.DOMAIN_EXPIRING, True),
    ("domain_expires_at_three_months", E, [_ctx_domain(expires="2027-02-22")], Code.DOMAIN_EXPIRING, True),
    ("domain_expires_after_three_months", E, [_ctx_domain(expires="2027-02-23")], Code.DOMAIN_EXPIRING, False),
    ("domain_expiry_unknown", E, [_ctx_domain(expires=None)], Code.DOMAIN_EXPIRING, False),
    ("domain_expiry_without_today", E, [_ctx_domain(expires="2026-10-01"), ("context.today", DELETE)], Code.DOMAIN_EXPIRING, False),
    ("shanghai_four_months", E, [("region.province", "上海市"), _ctx_domain(expires="2027-03-22")], Code.DOMAIN_EXPIRING, True),
    ("shanghai_180_days", E, [("region.province", "上海"), _ctx_domain(expires="2027-05-21")], Code.DOMAIN_EXPIRING, True),
    ("shanghai_181_days", E, [("region.province", "上海市"), _ctx_domain(expires="2027-05-22")], Code.DOMAIN_EXPIRING, False),
    ("four_months_elsewhere", E, [_ctx_domain(expires="2027-03-22")], Code.DOMAIN_EXPIRING, False),
    ("registrar_not_approved", E, [_ctx_domain(registrar_approved=False)], Code.DOMAIN_REGISTRAR_NOT_APPROVED, True),
    ("registrar_approved", E, [_ctx_domain(registrar_approved=True)], Code.DOMAIN_REGISTRAR_NOT_APPROVED, False),
    ("registrar_unknown", E, [_ctx_domain(registrar_approved=None)], Code.DOMAIN_REGISTRAR_NOT_APPROVED, False),
    ("name_two_hanzi", E, [(f"{WS}.name", "示例")], Code.SITE_NAME_TOO_SHORT, True),
    ("name_three_hanzi", E, [(f"{WS}.name", "示例站")], Code.SITE_NAME_TOO_SHORT, False),
    ("name_space", E, [(f"{WS}.name", "示例 科技网站")], Code.SITE_NAME_SPECIAL_CHARS, True),
    ("name_letters_digits_ok", E, [(f"{WS}.name", "示例科技A1网站")], Code.SITE_NAME_SPECIAL_CHARS, False),
    ("name_national_prefix", E, [(f"{WS}.name", "中国示例科技网")], Code.SITE_NAME_NATIONAL_PREFIX, True),
    ("name_national_prefix_government", E, [("subject.nature", "government"), ("subject.cert_type", "usc_certificate"), (f"{WS}.name", "中国示例科技网")], Code.SITE_NAME_NATIONAL_PREFIX, False),
    ("name_national_word_inside_ok", E, [(f"{WS}.name", "示例中国科技网")], Code.SITE_NAME_NATIONAL_PREFIX, False),
    ("name_is_domain", E, [(f"{WS}.name", "示例example.com网站")], Code.SITE_NAME_IS_DOMAIN, True),
    ("name_version_number_ok", E, [(f"{WS}.name", "示例科技官方网站")], Code.SITE_NAME_IS_DOMAIN, False),
    ("name_sensitive", E, [(f"{WS}.name", "示例反腐资讯网")], Code.SITE_NAME_SENSITIVE, True),
    ("name_not_sensitive", E, [], Code.SITE_NAME_SENSITIVE, False),
    ("personal_forum", IND, [(f"{WS}.name", "读书交流论坛")], Code.SITE_NAME_PERSONAL_FORBIDDEN, True),
    ("unit_forum_not_personal_rule", E, [(f"{WS}.name", "示例科技论坛")], Code.SITE_NAME_PERSONAL_FORBIDDEN, False),
    ("needs_pre_approval", E, [(f"{WS}.name", "示例科技在线")], Code.SITE_NAME_NEEDS_PRE_APPROVAL, True),
    ("has_pre_approval", E, [(f"{WS}.name", "示例科技在线"), (f"{WS}.pre_approvals", [{"category": "文化", "number": "X1", "issuer": "浙江"}])], Code.SITE_NAME_NEEDS_PRE_APPROVAL, False),
    ("province_banned_zhejiang", IND, [("region.province", "浙江省"), (f"{WS}.name", "读书农业笔记")], Code.SITE_NAME_PROVINCE_FORBIDDEN, True),
    ("province_banned_word_elsewhere_ok", IND, [(f"{WS}.name", "读书农业笔记")], Code.SITE_NAME_PROVINCE_FORBIDDEN, False),
    ("province_banned_unit_ok", E, [(f"{WS}.name", "示例农业科技网")], Code.SITE_NAME_PROVINCE_FORBIDDEN, False),
    ("jiangsu_bad_name", IND, [("region.province", "江苏省"), (f"{WS}.remark", "分享读书笔记")], Code.SITE_NAME_JIANGSU_FORMAT, True),
    ("jiangsu_blog_ok", IND, [("region.province", "江苏省"), (f"{WS}.name", "孙浩的个人博客"), (f"{WS}.remark", "分享读书笔记")], Code.SITE_NAME_JIANGSU_FORMAT, False),
    ("jiangsu_blog_exempt_pre_approval", IND, [("region.province", "江苏省"), (f"{WS}.name", "孙浩的个人博客"), (f"{WS}.remark", "读书")], Code.SITE_NAME_NEEDS_PRE_APPROVAL, False),
    ("jiangsu_homepage_exempt_personal", IND, [("region.province", "江苏省"), (f"{WS}.name", "孙浩的个人主页"), (f"{WS}.remark", "读书")], Code.SITE_NAME_PERSONAL_FORBIDDEN, False),
    ("jiangsu_no_remark", IND, [("region.province", "江苏省"), (f"{WS}.name", "孙浩的个人博客")], Code.WEBSITE_REMARK_REQUIRED, True),
    ("jiangsu_unit_no_remark_ok", E, [("region.province", "江苏省")], Code.WEBSITE_REMARK_REQUIRED, False),
    ("individual_portal", IND, [(f"{WS}.content", "综合门户")], Code.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL, True),
    ("individual_other_ok", IND, [], Code.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL, False),
    ("medical_without_approval", E, [(f"{WS}.content", "医疗保健")], Code.PRE_APPROVAL_MISSING, True),
    ("medical_wrong_category", E, [(f"{WS}.content", "医疗保健"), (f"{WS}.pre_approvals", [{"category": "文化"}])], Code.PRE_APPROVAL_MISSING, True),
    ("medical_with_approval", E, [(f"{WS}.content", "医疗保健"), (f"{WS}.pre_approvals", [{"category": "医疗保健", "number": "(浙)-经营性-2026-0001", "issuer": "浙江省卫健委"}])], Code.PRE_APPROVAL_MISSING, False),
    ("no_language", E, [(f"{WS}.languages", [])], Code.LANGUAGE_REQUIRED, True),
    ("language_given", E, [], Code.LANGUAGE_REQUIRED, False),
    ("no_access", E, [(f"{WS}.access", None)], Code.ACCESS_MISSING, True),
    ("access_empty", E, [(f"{WS}.access", {"product": "ecs", "ip": "", "service_number": None})], Code.ACCESS_MISSING, True),
    ("access_service_number_ok", E, [(f"{WS}.access", {"ip": None, "service_number": "32a43232-a888-88e8-b9ec-00888be81234"})], Code.ACCESS_MISSING, False),
    ("access_private_ip", E, [(f"{WS}.access.ip", "192.168.1.2")], Code.ACCESS_IP_INVALID, True),
    ("access_garbage_ip", E, [(f"{WS}.access.ip", "47.96.1")], Code.ACCESS_IP_INVALID, True),
    ("access_ipv6_ok", E, [(f"{WS}.access.ip", "2408:4000::1")], Code.ACCESS_IP_INVALID, False),
    ("material_missing_back", E, [_materials(material("subject_certificate", "subject"), material("principal_id", "subject_principal", "front"))], Code.MATERIAL_MISSING, True),
    ("material_all_present", E, [_materials()], Code.MATERIAL_MISSING, False),
    ("material_no_key_no_check", E, [], Code.MATERIAL_MISSING, False),
    ("material_pdf", E, [_materials(*full_materials(), material("site_plan", "subject", fmt="pdf"))], Code.MATERIAL_FORMAT, True),
    ("material_upper_jpg_ok", E, [_materials(*full_materials(), material("site_plan", "subject", fmt="JPG"))], Code.MATERIAL_FORMAT, False),
    ("material_4mib", E, [_materials(*full_materials(), material("site_plan", "subject", size=4194304))], Code.MATERIAL_TOO_LARGE, True),
    ("material_under_4mib", E, [_materials(*full_materials(), material("site_plan", "subject", size=4194303))], Code.MATERIAL_TOO_LARGE, False),
    ("material_aspect", E, [_materials(material("subject_certificate", "subject"), material("principal_id", "subject_principal", "front", width=1600, height=1000), material("principal_id", "subject_principal", "back", width=1000, height=1000))], Code.MATERIAL_ASPECT_MISMATCH, True),
    ("material_aspect_within_10pct", E, [_materials(material("subject_certificate", "subject"), material("principal_id", "subject_principal", "front", width=1600, height=1000), material("principal_id", "subject_principal", "back", width=1500, height=1000))], Code.MATERIAL_ASPECT_MISMATCH, False),
    ("warn_unrelated", E, [(f"{WS}.name", "美味餐饮点评")], Code.SITE_NAME_UNRELATED, True),
    ("warn_related", E, [], Code.SITE_NAME_UNRELATED, False),
    ("warn_person_name", IND, [(f"{WS}.name", "孙浩读书笔记")], Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE, True),
    ("warn_place", IND, [(f"{WS}.name", "济南读书笔记")], Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE, True),
    ("warn_neither", IND, [], Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE, False),
]


@pytest.mark.parametrize(("case", "base", "edits", "code", "present"), CASES, ids=[c[0] for c in CASES])
def test_finding_code(case, base, edits, code, present):
    result = precheck(build(base, *edits))
    found = codes(result, None)
    assert (code.value in found) is present, (case, result["findings"])
    if present:
        finding = next(f for f in result["findings"] if f["code"] == code.value)
        assert finding["message"] and finding["path"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding["message"]), "messages are Chinese"
        assert result["ok"] is (not codes(result, "error"))


def test_every_code_has_a_trigger_and_a_near_miss():
    # Province special rules have their own table (province_cases.py, run by test_province_special.py).
    # APP filing has its own table too (app_cases.py, run by test_apps.py).
    cases = [c[3:5] for c in CASES] + [(Code[c[5]], c[6]) for c in CHECK_CASES] + [c[3:5] for c in APP_CASES]
    triggered = {code for code, present in cases if present}
    missed = {code for code, present in cases if not present}
    assert set(Code) == triggered, sorted(set(Code) - triggered)
    assert set(Code) == missed, sorted(set(Code) - missed)


def test_lowercase_x_is_not_also_invalid():
    result = precheck(build(E, (f"{SP}.cert_number", "33010619900101123x")))
    assert codes(result) == {"CERT_NUMBER_LOWERCASE_X"}


def test_site_name_with_domain_is_also_special_chars():
    """precheck.md: `example.com` inside a name gives SITE_NAME_IS_DOMAIN and SITE_NAME_SPECIAL_CHARS."""
    result = precheck(build(E, (f"{WS}.name", "示例example.com网站")))
    assert {"SITE_NAME_IS_DOMAIN", "SITE_NAME_SPECIAL_CHARS"} <= codes(result)


def test_warnings_do_not_make_ok_false():
    result = precheck(build(E, (f"{WS}.name", "美味餐饮点评")))
    assert result["ok"] is True and codes(result, "warning") == {"SITE_NAME_UNRELATED"}
