"""ICP filing numbers: parse, format, validate (reference.md §6).

`<省简称>ICP备<8 or 10 digits>号[-N]`; 四川/甘肃/贵州 also have older 川/甘/贵 prefixes, so the
prefix -> province map is many-to-one.
"""

import re
from dataclasses import dataclass

PREFIX_TO_PROVINCE = {
    "京": "北京市", "津": "天津市", "冀": "河北省", "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省",
    "吉": "吉林省", "黑": "黑龙江省", "沪": "上海市", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省",
    "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省",
    "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省", "渝": "重庆市", "蜀": "四川省", "川": "四川省",
    "黔": "贵州省", "贵": "贵州省", "滇": "云南省", "藏": "西藏自治区", "陕": "陕西省", "陇": "甘肃省",
    "甘": "甘肃省", "青": "青海省", "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
}
_PATTERN = re.compile(
    "^(?P<prefix>[" + "".join(PREFIX_TO_PROVINCE) + r"])ICP备(?P<digits>\d{8}|\d{10})号(?:-(?P<site>[1-9]\d*))?$"
)
MIIT_URL = "https://beian.miit.gov.cn/"


@dataclass(frozen=True)
class IcpNumber:
    prefix: str
    digits: str
    site: int | None  # website ordinal N of `…号-N`; None for a subject number

    @property
    def province(self) -> str:
        return PREFIX_TO_PROVINCE[self.prefix]

    @property
    def subject_number(self) -> str:
        return f"{self.prefix}ICP备{self.digits}号"

    def __str__(self) -> str:
        return self.subject_number + (f"-{self.site}" if self.site else "")


def parse(text: str) -> IcpNumber | None:
    match = _PATTERN.match(text.strip())
    if not match:
        return None
    site = match["site"]
    return IcpNumber(prefix=match["prefix"], digits=match["digits"], site=int(site) if site else None)
