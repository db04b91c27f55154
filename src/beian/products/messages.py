"""Chinese texts of 产品验证 (product check), the instance list and 备案服务号."""

INSTANCE_NOT_FOUND = "未找到云服务器实例“{instance}”，或该实例不属于当前账号。请选择您账号下的实例，或填写备案服务号。"
INSTANCE_NOT_MAINLAND = "实例“{instance}”位于{region}，不在中国内地，不能用于ICP备案。请选择中国内地地域的实例。"
INSTANCE_EXPIRED = "实例“{instance}”已于 {date} 到期，请续费后再备案，或选择其他实例。"
INSTANCE_FULL = "实例“{instance}”已无可用的备案服务号（最多可备案 {capacity} 个网站），请更换其他实例。"
IP_MISMATCH = "IP地址“{ip}”不属于实例“{instance}”（该实例的公网IP为 {actual}）。"
IP_INVALID = "“{ip}”不是有效的IP地址，请选择实例的公网IP。"
SERVICE_NUMBER_NOT_FOUND = "备案服务号“{code}”不存在，请核对后重新填写（服务号由服务器所属账号在“备案服务号”页面申请）。"
SERVICE_NUMBER_USED = "备案服务号“{code}”已被其他订单使用，每个备案服务号只能用于一个网站；请向服务器所属账号另行申请。"
SERVICE_NUMBER_CONSUMED = ("备案服务号“{code}”已被其他网站提交备案或已备案成功，不能再使用；每个备案服务号只能用于一个网站，"
                           "请向服务器所属账号另行申请。")
SERVICE_NUMBER_REVOKED = "备案服务号“{code}”已被服务器所属账号撤销，不能再使用；请向服务器所属账号另行申请。"
SERVICE_NUMBER_TWICE = "备案服务号“{code}”已用于网站{n}，每个备案服务号只能用于一个网站；请为本网站另行申请。"
SERVICE_NUMBER_MALFORMED = "备案服务号“{code}”格式不正确：应为申请时得到的编号，如 32a43232-a888-88e8-b9ec-00888be8****。"
VIA_SERVICE_NUMBER = "备案服务号“{code}”对应的服务器不能用于备案：{reason}请联系服务器所属账号处理。"
NOTHING_CHOSEN = "请为网站“{domain}”选择云服务器实例，或填写备案服务号。"
NOTHING_AVAILABLE = ("您的账号下没有可用于备案的云服务器实例：请先在“我的云服务器实例”中开通一台中国内地的实例，"
                     "或填写服务器所属账号为您申请的备案服务号。")
NO_DOMAIN = "（未填写域名）"

DEMO_DISABLED = "本平台未开放在线开通实例，请在服务商的云产品控制台购买中国内地云服务器后刷新本页。"
DEMO_LIMIT = "每个账号最多开通 {limit} 台演示实例。"
DEMO_OPENED = "已开通演示实例 {instance}（公网IP {ip}，{region}，有效期至 {date}），现在可以在“产品验证”步骤选择它。"
NUMBER_OBTAINED = "已获取备案服务号 {code}：请把它发给备案人，在“产品验证”步骤填写；每个服务号只能用于一个网站。"

NUMBER_REVOKED = "已撤销备案服务号 {code}：它不能再用于备案。"
NUMBER_NOT_REVOCABLE = "备案服务号 {code} 当前状态为“{state}”，只有未使用的备案服务号可以撤销。"
NUMBER_RELEASED_REASON = {
    "cancelled": "使用它的订单已取消", "expired": "使用它的订单已过期", "unused": "订单不再使用它（已更换接入方式或删除网站）",
}
NUMBER_OTHER_ACCOUNT = "其他账号的订单"
NUMBER_STATES = {"unused": "未使用", "reserved": "已被订单预留", "consumed": "已随订单提交（审核中）",
                 "filed": "已被备案使用", "revoked": "已撤销"}

STATUS_USABLE = "可用于备案"
STATUS_EXPIRED = "已到期，请续费"
STATUS_NOT_MAINLAND = "不在中国内地，不能备案"
STATUS_FULL = "备案名额已满"

# Region ids as the provider names them -> what a person reads.
REGIONS = {
    "cn-hangzhou": "华东1（杭州）", "cn-shanghai": "华东2（上海）", "cn-qingdao": "华北1（青岛）",
    "cn-beijing": "华北2（北京）", "cn-zhangjiakou": "华北3（张家口）", "cn-huhehaote": "华北5（呼和浩特）",
    "cn-shenzhen": "华南1（深圳）", "cn-guangzhou": "华南3（广州）", "cn-chengdu": "西南1（成都）",
    "cn-hongkong": "中国香港", "ap-southeast-1": "新加坡", "us-west-1": "美国（硅谷）",
}


def region_label(region: str) -> str:
    return REGIONS.get(region, region)
