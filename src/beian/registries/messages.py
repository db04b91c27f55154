"""Chinese texts of the registry simulators (the domain registry's demo command and the reviewer's view)."""

from beian.rules.messages import CERT_TYPES

# Certificate types a domain may be real-named with: the engine's, and the 组织机构代码证 registrars took
# before the unified social credit code.
HOLDER_CERT_TYPES = {**CERT_TYPES, "organization_code": "组织机构代码证"}

DOMAIN_HELP = ("域名注册局模拟器的实名数据（演示用）：list 列出，set 新增或修改，delete 删除。"
               "例：beian manage domain_registry set example.com --holder-name 某某公司 --holder-cert-type business_license "
               "--holder-cert-number 9133… --registrar 某注册商 --expires +400")
DOMAIN_NOT_FOUND = "域名注册局模拟器中没有 {domain}。"
DOMAIN_INVALID = "“{domain}”不是有效的域名。"
DOMAIN_NEW_NEEDS = "新增 {domain} 须同时给出：{missing}。"
DOMAIN_BAD_EXPIRES = "到期日“{value}”无效：请写 YYYY-MM-DD，或 +天数（从今天算起）。"
DOMAIN_BAD_CERT_TYPE = "证件类型“{value}”无效，可选：{choices}。"
DOMAIN_SAVED = "已保存 {domain}。"
DOMAIN_DELETED = "已删除 {domain}（此后该域名在预检中为“未知”，不产生实名相关的提示）。"
DOMAIN_EMPTY = "域名注册局模拟器中没有记录。"
YES, NO = "是", "否"
DOMAIN_LIST_HEAD = "域名\t持有者\t证件类型\t证件号码\t已实名\t注册商\t注册商已获批\t到期日"
