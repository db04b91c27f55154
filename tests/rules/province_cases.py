"""Cases for every province `special` rule (provinces.toml), one table per kind of treatment.

CHECK_CASES: (case id, province, rule id, base, edits, code, expect present?) — run by
test_province_special.py and counted by test_finding_codes.py's trigger/near-miss coverage.
INSTRUCTION_CASES: (case id, province, rule id, base, edits, order kind, wizard step, expect shown?).
"""

from .support import enterprise, individual

WS = "websites[0]"
SX_ID = "140105199001011238"  # a valid 山西 resident ID (GB/T 2260 code 14)


def _p(name):
    return ("region.province", name)


def _sites(n, tld="com"):
    def edit(app):
        app["websites"] = [dict(app["websites"][0], name=f"示例科技网站第{'一二三四五六七八九十'[k % 10]}站",
                                domains=[f"example{k}.{tld}"]) for k in range(n)]
    return edit


def _holder(name):
    def edit(app):
        for info in app["context"]["domains"].values():
            info["holder_name"] = name
    return edit


def _expires(date):
    def edit(app):
        for info in app["context"]["domains"].values():
            info["expires"] = date
    return edit


def _unit_in(province, *, name="示例科技有限公司", cert_address, mailing_address):
    return [_p(province), ("subject.name", name), ("subject.investor", name), ("subject.cert_address", cert_address),
            ("subject.mailing_address", mailing_address)]


E, IND = enterprise, individual
PUBLIC = [("subject.nature", "public_institution"), ("subject.cert_type", "public_institution_certificate")]
PLEDGE = "本网站是个人网站，不含有企业、单位等非个人网站的信息"

CHECK_CASES = [
    # 北京, 吉林: 联系方式2 ≠ 负责人手机
    ("bj_contact2_is_mobile", "北京市", "contact2_not_mobile", E, [_p("北京市"), ("subject.principal.contact2", "13800000000")], "CONTACT2_SAME_AS_MOBILE", True),
    ("bj_contact2_landline", "北京市", "contact2_not_mobile", E, [_p("北京市")], "CONTACT2_SAME_AS_MOBILE", False),
    ("jl_website_principal_contact2_is_mobile", "吉林省", "contact2_not_mobile", E, [_p("吉林省"), (f"{WS}.principal", {"name": "李四", "cert_type": "resident_id", "cert_number": "110105194912310029", "cert_valid_until": "长期", "mobile": "13700000000", "contact2": "13700000000", "emergency_mobile": "", "email": "lisi@example.com"})], "CONTACT2_SAME_AS_MOBILE", True),
    ("zj_contact2_is_mobile_no_rule", "吉林省", "contact2_not_mobile", E, [("subject.principal.contact2", "13800000000")], "CONTACT2_SAME_AS_MOBILE", False),
    # 北京: .org (approved nationally) refused; 重庆: .org refused for individuals only
    ("bj_org", "北京市", "tld_whitelist", E, [_p("北京市"), (f"{WS}.domains", ["example.org"])], "DOMAIN_TLD_PROVINCE_FORBIDDEN", True),
    ("bj_com", "北京市", "tld_whitelist", E, [_p("北京市")], "DOMAIN_TLD_PROVINCE_FORBIDDEN", False),
    ("bj_io_is_the_national_code", "北京市", "tld_whitelist", E, [_p("北京市"), (f"{WS}.domains", ["example.io"])], "DOMAIN_TLD_PROVINCE_FORBIDDEN", False),
    ("zj_org_ok", "北京市", "tld_whitelist", E, [(f"{WS}.domains", ["example.org"])], "DOMAIN_TLD_PROVINCE_FORBIDDEN", False),
    ("cq_personal_org", "重庆市", "no_personal_org", IND, [_p("重庆市"), (f"{WS}.domains", ["example.org"])], "DOMAIN_TLD_PROVINCE_FORBIDDEN", True),
    ("cq_unit_org_ok", "重庆市", "no_personal_org", E, [_p("重庆市"), (f"{WS}.domains", ["example.org"])], "DOMAIN_TLD_PROVINCE_FORBIDDEN", False),
    # 天津: the personal remark carries the pledge; one IP per website
    ("tj_personal_no_pledge", "天津市", "personal_remark_pledge", IND, [_p("天津市"), (f"{WS}.remark", "分享读书笔记")], "WEBSITE_REMARK_PLEDGE_MISSING", True),
    ("tj_personal_pledge", "天津市", "personal_remark_pledge", IND, [_p("天津市"), (f"{WS}.remark", f"{PLEDGE}。主要分享读书笔记")], "WEBSITE_REMARK_PLEDGE_MISSING", False),
    ("tj_personal_pledge_other_punctuation", "天津市", "personal_remark_pledge", IND, [_p("天津市"), (f"{WS}.remark", "本网站是个人网站, 不含有企业、单位等非个人网站的信息")], "WEBSITE_REMARK_PLEDGE_MISSING", False),
    ("tj_unit_no_pledge", "天津市", "personal_remark_pledge", E, [_p("天津市")], "WEBSITE_REMARK_PLEDGE_MISSING", False),
    ("tj_two_ips", "天津市", "one_ip_per_site", E, [_p("天津市"), (f"{WS}.access.ip", "47.96.1.2, 47.96.1.3")], "ACCESS_ONE_IP_PER_SITE", True),
    ("tj_one_ip", "天津市", "one_ip_per_site", E, [_p("天津市")], "ACCESS_ONE_IP_PER_SITE", False),
    ("zj_two_ips_no_rule", "天津市", "one_ip_per_site", E, [(f"{WS}.access.ip", "47.96.1.2, 47.96.1.3")], "ACCESS_ONE_IP_PER_SITE", False),
    # 河北, 河南: 通信地址 and 证件住所 in the same city (warning)
    ("hb_other_city", "河北省", "address_same_city", E, _unit_in("河北省", cert_address="河北省石家庄市长安区中山东路100号", mailing_address="河北省廊坊市三河市迎宾路8号2楼201室"), "MAILING_ADDRESS_OTHER_CITY", True),
    ("hb_same_city", "河北省", "address_same_city", E, _unit_in("河北省", cert_address="河北省石家庄市长安区中山东路100号", mailing_address="石家庄市桥西区自强路8号2楼201室"), "MAILING_ADDRESS_OTHER_CITY", False),
    ("hb_city_not_said", "河北省", "address_same_city", E, _unit_in("河北省", cert_address="河北省石家庄市长安区中山东路100号", mailing_address="河北省长安区中山东路100号8楼"), "MAILING_ADDRESS_OTHER_CITY", False),
    ("hn_other_city", "河南省", "address_same_city", E, _unit_in("河南省", cert_address="河南省郑州市金水区花园路39号", mailing_address="河南省洛阳市西工区中州路5号3楼301室"), "MAILING_ADDRESS_OTHER_CITY", True),
    ("zj_other_city_no_rule", "河南省", "address_same_city", E, [("subject.mailing_address", "浙江省宁波市海曙区中山路8号2楼201室")], "MAILING_ADDRESS_OTHER_CITY", False),
    # 山西: at most 3 new domains per order; personal filings with a 山西 resident ID only
    ("sx_four_domains", "山西省", "domains_per_order", E, [_p("山西省"), _sites(4)], "DOMAINS_PER_ORDER_EXCEEDED", True),
    ("sx_three_domains", "山西省", "domains_per_order", E, [_p("山西省"), _sites(3)], "DOMAINS_PER_ORDER_EXCEEDED", False),
    ("zj_four_domains_no_rule", "山西省", "domains_per_order", E, [_sites(4)], "DOMAINS_PER_ORDER_EXCEEDED", False),
    ("sx_personal_other_province_id", "山西省", "resident_only", IND, [_p("山西省")], "INDIVIDUAL_NOT_PROVINCE_RESIDENT", True),
    ("sx_personal_passport", "山西省", "resident_only", IND, [_p("山西省"), ("subject.cert_type", "passport"), ("subject.cert_number", "E12345678")], "INDIVIDUAL_NOT_PROVINCE_RESIDENT", True),
    ("sx_personal_local_id", "山西省", "resident_only", IND, [_p("山西省"), ("subject.cert_number", SX_ID), ("subject.principal.cert_number", SX_ID)], "INDIVIDUAL_NOT_PROVINCE_RESIDENT", False),
    ("sx_unit_not_judged", "山西省", "resident_only", E, [_p("山西省")], "INDIVIDUAL_NOT_PROVINCE_RESIDENT", False),
    # 内蒙古: 事业单位 domains .cn / .公益 only
    ("nm_public_institution_com", "内蒙古自治区", "public_institution_domains", E, [_p("内蒙古"), *PUBLIC], "DOMAIN_TLD_REQUIRED_FOR_NATURE", True),
    ("nm_public_institution_cn", "内蒙古自治区", "public_institution_domains", E, [_p("内蒙古"), *PUBLIC, (f"{WS}.domains", ["example.org.cn"])], "DOMAIN_TLD_REQUIRED_FOR_NATURE", False),
    ("nm_public_institution_gongyi", "内蒙古自治区", "public_institution_domains", E, [_p("内蒙古"), *PUBLIC, (f"{WS}.domains", ["示例.公益"])], "DOMAIN_TLD_REQUIRED_FOR_NATURE", False),
    ("nm_enterprise_com", "内蒙古自治区", "public_institution_domains", E, [_p("内蒙古")], "DOMAIN_TLD_REQUIRED_FOR_NATURE", False),
    # 辽宁: finance names need the legal representative (warning)
    ("ln_finance_not_legal_rep", "辽宁省", "finance_names_legal_rep", E, [_p("辽宁省"), ("subject.name", "沈阳示例投资管理有限公司"), ("context.business_registry.legal_representative", "王五")], "FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE", True),
    ("ln_finance_legal_rep", "辽宁省", "finance_names_legal_rep", E, [_p("辽宁省"), ("subject.name", "沈阳示例投资管理有限公司")], "FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE", False),
    ("ln_not_finance", "辽宁省", "finance_names_legal_rep", E, [_p("辽宁省"), ("context.business_registry.legal_representative", "王五")], "FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE", False),
    # 江苏: national codes keyed by the rule's id
    ("js_personal_name", "江苏省", "jiangsu_personal_site_name", IND, [_p("江苏省"), (f"{WS}.remark", "分享读书笔记")], "SITE_NAME_JIANGSU_FORMAT", True),
    ("sd_personal_name_no_rule", "江苏省", "jiangsu_personal_site_name", IND, [(f"{WS}.remark", "分享读书笔记")], "SITE_NAME_JIANGSU_FORMAT", False),
    # 福建, 宁夏: the domain holder is the subject (DOMAIN_HOLDER_MISMATCH, a national rule of seed 003 §1.1)
    # 上海: more than 180 days left on the domain (DOMAIN_EXPIRING with the province's period; TODAY 2026-11-22)
    ("sh_domain_expires_in_150_days", "上海市", "domain_validity", E, [_p("上海市"), _expires("2027-04-21")],
     "DOMAIN_EXPIRING", True),
    ("sh_domain_expires_in_200_days", "上海市", "domain_validity", E, [_p("上海市"), _expires("2027-06-10")],
     "DOMAIN_EXPIRING", False),
    ("fj_holder_other", "福建省", "domain_holder", E, [_p("福建省"), _holder("张三")], "DOMAIN_HOLDER_MISMATCH", True),
    ("fj_holder_subject", "福建省", "domain_holder", E, [_p("福建省")], "DOMAIN_HOLDER_MISMATCH", False),
    ("nx_holder_legal_rep", "宁夏回族自治区", "domain_holder_unit", E, [_p("宁夏"), _holder("张三")], "DOMAIN_HOLDER_MISMATCH", True),
    ("nx_holder_unit", "宁夏回族自治区", "domain_holder_unit", E, [_p("宁夏")], "DOMAIN_HOLDER_MISMATCH", False),
    # 江西: personal 博客/个人空间 needs a pre-approval
    ("jx_personal_blog", "江西省", "blog_pre_approval", IND, [_p("江西省"), (f"{WS}.service_type", "博客/个人空间")], "SERVICE_NEEDS_PRE_APPROVAL", True),
    ("jx_personal_blog_approved", "江西省", "blog_pre_approval", IND, [_p("江西省"), (f"{WS}.service_type", "博客/个人空间"), (f"{WS}.pre_approvals", [{"category": "新闻", "number": "赣网宣2026-01", "issuer": "江西省委外宣办"}])], "SERVICE_NEEDS_PRE_APPROVAL", False),
    ("jx_personal_blog_blank_approval", "江西省", "blog_pre_approval", IND, [_p("江西省"), (f"{WS}.service_type", "博客/个人空间"), (f"{WS}.pre_approvals", [{"category": "", "number": "", "issuer": ""}])], "SERVICE_NEEDS_PRE_APPROVAL", True),
    ("sd_personal_blog_no_rule", "江西省", "blog_pre_approval", IND, [(f"{WS}.service_type", "博客/个人空间")], "SERVICE_NEEDS_PRE_APPROVAL", False),
    # 山东, 青海: personal sites describe their content in the remark (warning)
    ("sd_personal_no_remark", "山东省", "personal_remark", IND, [], "WEBSITE_REMARK_MISSING", True),
    ("sd_personal_remark", "山东省", "personal_remark", IND, [(f"{WS}.remark", "分享读书笔记")], "WEBSITE_REMARK_MISSING", False),
    ("qh_personal_no_remark", "青海省", "personal_remark", IND, [_p("青海省")], "WEBSITE_REMARK_MISSING", True),
    ("qh_unit_no_remark", "青海省", "personal_remark", E, [_p("青海省")], "WEBSITE_REMARK_MISSING", False),
    # 海南: a personal first filing has one domain
    ("hi_personal_first_two", "海南省", "individual_one_domain", IND, [_p("海南省"), _sites(2)], "INDIVIDUAL_FIRST_FILING_ONE_DOMAIN", True),
    ("hi_personal_first_one", "海南省", "individual_one_domain", IND, [_p("海南省")], "INDIVIDUAL_FIRST_FILING_ONE_DOMAIN", False),
    ("hi_personal_new_site_two", "海南省", "individual_one_domain", IND, [_p("海南省"), _sites(2), ("context.subject_filed_with", "self")], "INDIVIDUAL_FIRST_FILING_ONE_DOMAIN", False),
    # 新疆: one domain per website (WEBSITE_ONE_DOMAIN, a national rule of seed 003 §3.2)
    ("xj_two_domains", "新疆维吾尔自治区", "one_domain_per_site", E, [_p("新疆"), (f"{WS}.domains", ["example.com", "example.net"])], "WEBSITE_ONE_DOMAIN", True),
    ("xj_one_domain", "新疆维吾尔自治区", "one_domain_per_site", E, [_p("新疆")], "WEBSITE_ONE_DOMAIN", False),
]

INSTRUCTION_CASES = [
    ("hb_basic", "河北省", "no_new_site_with_change", E, [_p("河北省")], "first", "basic", True),
    ("hb_not_at_websites", "河北省", "no_new_site_with_change", E, [_p("河北省")], "first", "websites", False),
    ("hlj_websites", "黑龙江省", "website_principal_unique", E, [_p("黑龙江省")], "first", "websites", True),
    ("hlj_not_in_zhejiang", "黑龙江省", "website_principal_unique", E, [], "first", "websites", False),
    ("sh_undertaking_materials", "上海市", "shanghai_undertaking", E, [_p("上海市")], "new_site_elsewhere", "materials", True),
    ("sh_undertaking_not_at_subject", "上海市", "shanghai_undertaking", E, [_p("上海市")], "first", "subject", False),
    ("js_copyright_after_approval", "江苏省", "jiangsu_copyright", E, [_p("江苏省")], "first", "after_approval", True),
    ("js_copyright_not_at_confirm", "江苏省", "jiangsu_copyright", E, [_p("江苏省")], "first", "confirm", False),
    ("js_undertaking_materials", "江苏省", "jiangsu_undertaking", IND, [_p("江苏省")], "first", "materials", True),
    ("js_undertaking_not_at_websites", "江苏省", "jiangsu_undertaking", IND, [_p("江苏省")], "first", "websites", False),
    ("zj_sole_trader_basic", "浙江省", "sole_trader", E, [], "first", "basic", True),
    ("zj_sole_trader_not_at_materials", "浙江省", "sole_trader", E, [], "first", "materials", False),
    ("ah_uscc_change_subject", "安徽省", "uscc_change", E, [_p("安徽省")], "change_subject", "subject", True),
    ("ah_uscc_change_basic", "安徽省", "uscc_change", E, [_p("安徽省")], "change_subject", "basic", True),
    ("ah_uscc_not_first", "安徽省", "uscc_change", E, [_p("安徽省")], "first", "subject", False),
    ("jx_finance_offline_unit", "江西省", "finance_offline", E, [_p("江西省")], "first", "basic", True),
    ("jx_finance_offline_not_individual", "江西省", "finance_offline", IND, [_p("江西省")], "first", "basic", False),
    ("hun_site_plan_new_site", "湖南省", "hunan_site_plan_mail", E, [_p("湖南省")], "new_site_here", "materials", True),
    ("hun_site_plan_access", "湖南省", "hunan_site_plan_mail", IND, [_p("湖南省")], "access", "materials", True),
    ("hun_site_plan_not_first", "湖南省", "hunan_site_plan_mail", E, [_p("湖南省")], "first", "materials", False),
    ("gd_undertaking_materials", "广东省", "guangdong_undertaking", IND, [_p("广东省")], "first", "materials", True),
    ("gd_undertaking_not_at_basic", "广东省", "guangdong_undertaking", IND, [_p("广东省")], "first", "basic", False),
    ("gd_footer_after_approval", "广东省", "guangdong_footer", E, [_p("广东省")], "first", "after_approval", True),
    ("gd_footer_not_at_websites", "广东省", "guangdong_footer", E, [_p("广东省")], "first", "websites", False),
    ("gx_pledge_individual", "广西壮族自治区", "personal_remark_pledge", IND, [_p("广西")], "first", "websites", True),
    ("gx_pledge_not_unit", "广西壮族自治区", "personal_remark_pledge", E, [_p("广西")], "first", "websites", False),
    ("sc_six_domains", "四川省", "sichuan_many_domains", E, [_p("四川省"), _sites(6)], "first", "materials", True),
    ("sc_five_domains", "四川省", "sichuan_many_domains", E, [_p("四川省"), _sites(5)], "first", "materials", False),
    ("sn_individual_five_sites", "陕西省", "shaanxi_over_limit", IND, [_p("陕西省"), _sites(5)], "first", "websites", True),
    ("sn_individual_four_sites", "陕西省", "shaanxi_over_limit", IND, [_p("陕西省"), _sites(4)], "first", "websites", False),
    ("sn_unit_31_sites", "陕西省", "shaanxi_over_limit", E, [_p("陕西省"), _sites(31)], "first", "materials", True),
    ("xj_party_letter_first", "新疆维吾尔自治区", "party_building_letter", E, [_p("新疆")], "first", "materials", True),
    ("xj_party_letter_access", "新疆维吾尔自治区", "party_building_letter", E, [_p("新疆")], "access", "materials", True),
    ("xj_party_letter_not_change", "新疆维吾尔自治区", "party_building_letter", E, [_p("新疆")], "change_website", "materials", False),
]
