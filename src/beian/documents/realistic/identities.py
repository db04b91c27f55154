"""Who and what the realistic documents are about: people, addresses and companies, with valid numbers.

Written from the public rules, not from the reader: GB 11643 (公民身份号码, ISO 7064 MOD 11-2 check
digit, sequence number odd for men), GB 32100 (统一社会信用代码, its 9-character organisation code with
the GB 11714 check and the base-31 check character), the validity periods of the 居民身份证法 (5 years
under 16, 10 under 26, 20 under 46, then 长期), and the ways 2019 营业执照 print their entries.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

# --- numbers -------------------------------------------------------------------------------------

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_number_valid(number: str) -> bool:
    return (len(number) == 18 and number[:17].isdigit() and id_check_digit(number[:17]) == number[17]
            and _real_date(number[6:14]))


def _real_date(yyyymmdd: str) -> bool:
    try:
        date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return True


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_code_check(body8: str) -> str:
    """GB 11714: letters count as 10..35."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_valid(code: str) -> bool:
    return (len(code) == 18 and all(c in USCC_ALPHABET for c in code)
            and uscc_check_char(code[:17]) == code[17] and org_code_check(code[8:16]) == code[16])


def make_uscc(rng: random.Random, region_code: str, category: str = "1") -> str:
    """9 (market regulation) + category (1 enterprise, 2 个体工商户) + region + organisation code + check."""
    letters = USCC_ALPHABET[10:]
    if rng.random() < 0.8:  # codes issued since 2015 start with MA (a "new" organisation code)
        body = "MA" + "".join(rng.choice(USCC_ALPHABET[:10] + letters) for _ in range(6))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    check = org_code_check(body)
    if check == "X":  # keep every character inside the USCC alphabet's printed form
        return make_uscc(rng, region_code, category)
    first17 = "9" + category + region_code + body + check
    return first17 + uscc_check_char(first17)


# --- Chinese numerals for registered capital -------------------------------------------------------

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]


def _four(n: int) -> str:
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[d] + UNITS[pos]
    return out


def capital_in_words(wan: int) -> str:
    """壹佰万元整 for 100 (万元); 壹亿贰仟万元整 for 12000."""
    yi, rest = divmod(wan, 10000)
    words = ""
    if yi:
        words += _four(yi) + "亿"
        if rest and rest < 1000:
            words += "零"
    if rest:
        words += _four(rest) + "万"
    elif not yi:
        words = "零万"
    return words + "元整"


# --- regions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    code: str          # 6-digit administrative division code
    prefix: str        # how addresses start: 湖北省武汉市武昌区
    police: str        # 签发机关 of ID cards issued there
    market: str        # 登记机关 of licences (market regulation bureau)
    rural: bool = False


def _r(code, prefix, police, market, rural=False):
    return Region(code, prefix, police, market, rural)


REGIONS = [
    _r("110105", "北京市朝阳区", "北京市公安局朝阳分局", "北京市朝阳区市场监督管理局"),
    _r("110108", "北京市海淀区", "北京市公安局海淀分局", "北京市海淀区市场监督管理局"),
    _r("120101", "天津市和平区", "天津市公安局和平分局", "天津市和平区市场监督管理局"),
    _r("310104", "上海市徐汇区", "上海市公安局徐汇分局", "上海市徐汇区市场监督管理局"),
    _r("310115", "上海市浦东新区", "上海市公安局浦东分局", "上海市浦东新区市场监督管理局"),
    _r("500103", "重庆市渝中区", "重庆市公安局渝中区分局", "重庆市渝中区市场监督管理局"),
    _r("130102", "河北省石家庄市长安区", "石家庄市公安局长安分局", "石家庄市长安区市场监督管理局"),
    _r("140105", "山西省太原市小店区", "太原市公安局小店分局", "太原市小店区市场监督管理局"),
    _r("150102", "内蒙古自治区呼和浩特市新城区", "呼和浩特市公安局新城区分局", "呼和浩特市新城区市场监督管理局"),
    _r("210102", "辽宁省沈阳市和平区", "沈阳市公安局和平分局", "沈阳市和平区市场监督管理局"),
    _r("220102", "吉林省长春市南关区", "长春市公安局南关分局", "长春市南关区市场监督管理局"),
    _r("230103", "黑龙江省哈尔滨市南岗区", "哈尔滨市公安局南岗分局", "哈尔滨市南岗区市场监督管理局"),
    _r("320102", "江苏省南京市玄武区", "南京市公安局玄武分局", "南京市玄武区市场监督管理局"),
    _r("320508", "江苏省苏州市姑苏区", "苏州市公安局姑苏分局", "苏州市姑苏区市场监督管理局"),
    _r("320582", "江苏省张家港市", "张家港市公安局", "张家港市市场监督管理局"),
    _r("330106", "浙江省杭州市西湖区", "杭州市公安局西湖区分局", "杭州市西湖区市场监督管理局"),
    _r("330203", "浙江省宁波市海曙区", "宁波市公安局海曙分局", "宁波市海曙区市场监督管理局"),
    _r("330782", "浙江省义乌市", "义乌市公安局", "义乌市市场监督管理局", rural=True),
    _r("340104", "安徽省合肥市蜀山区", "合肥市公安局蜀山分局", "合肥市蜀山区市场监督管理局"),
    _r("350102", "福建省福州市鼓楼区", "福州市公安局鼓楼分局", "福州市鼓楼区市场监督管理局"),
    _r("350203", "福建省厦门市思明区", "厦门市公安局思明分局", "厦门市思明区市场监督管理局"),
    _r("360102", "江西省南昌市东湖区", "南昌市公安局东湖分局", "南昌市东湖区市场监督管理局"),
    _r("370102", "山东省济南市历下区", "济南市公安局历下区分局", "济南市历下区市场监督管理局"),
    _r("370202", "山东省青岛市市南区", "青岛市公安局市南分局", "青岛市市南区市场监督管理局"),
    _r("370983", "山东省肥城市", "肥城市公安局", "肥城市市场监督管理局", rural=True),
    _r("410105", "河南省郑州市金水区", "郑州市公安局金水分局", "郑州市金水区市场监督管理局"),
    _r("420106", "湖北省武汉市武昌区", "武汉市公安局武昌分局", "武汉市武昌区市场监督管理局"),
    _r("420111", "湖北省武汉市洪山区", "武汉市公安局洪山分局", "武汉市洪山区市场监督管理局"),
    _r("421102", "湖北省黄冈市黄州区", "黄冈市公安局黄州分局", "黄冈市黄州区市场监督管理局"),
    _r("420222", "湖北省阳新县", "阳新县公安局", "阳新县市场监督管理局", rural=True),
    _r("430104", "湖南省长沙市岳麓区", "长沙市公安局岳麓分局", "长沙市岳麓区市场监督管理局"),
    _r("440106", "广东省广州市天河区", "广州市公安局天河区分局", "广州市天河区市场监督管理局"),
    _r("440305", "广东省深圳市南山区", "深圳市公安局南山分局", "深圳市市场监督管理局南山监管局"),
    _r("440604", "广东省佛山市禅城区", "佛山市公安局禅城分局", "佛山市禅城区市场监督管理局"),
    _r("450103", "广西壮族自治区南宁市青秀区", "南宁市公安局青秀分局", "南宁市青秀区市场监督管理局"),
    _r("460105", "海南省海口市秀英区", "海口市公安局秀英分局", "海口市秀英区市场监督管理局"),
    _r("510107", "四川省成都市武侯区", "成都市公安局武侯区分局", "成都市武侯区市场监督管理局"),
    _r("520102", "贵州省贵阳市南明区", "贵阳市公安局南明分局", "贵阳市南明区市场监督管理局"),
    _r("530102", "云南省昆明市五华区", "昆明市公安局五华分局", "昆明市五华区市场监督管理局"),
    _r("610113", "陕西省西安市雁塔区", "西安市公安局雁塔分局", "西安市雁塔区市场监督管理局"),
    _r("620102", "甘肃省兰州市城关区", "兰州市公安局城关分局", "兰州市城关区市场监督管理局"),
    _r("630102", "青海省西宁市城东区", "西宁市公安局城东分局", "西宁市城东区市场监督管理局"),
    _r("640104", "宁夏回族自治区银川市兴庆区", "银川市公安局兴庆区分局", "银川市兴庆区市场监督管理局"),
    _r("650102", "新疆维吾尔自治区乌鲁木齐市天山区", "乌鲁木齐市公安局天山区分局", "乌鲁木齐市天山区市场监督管理局"),
]

SUBDISTRICTS = ["城关", "中南路", "水果湖", "关山", "南湖", "新华", "东湖", "桥西", "长安", "建设", "朝阳",
                "和平", "解放", "光明", "五里墩", "石桥", "粤海", "桃源", "西园", "北站", "望江", "东门",
                "湖滨", "文新", "双塔", "龙华", "金桥", "紫金", "华阳", "玉泉"]
ROADS = ["文化路", "解放大道", "中山路", "人民路", "建设街", "和平路", "友谊大道", "光明路", "新华路", "胜利街",
         "民主路", "复兴路", "青年路", "东风路", "工业路", "学府路", "东湖路", "滨江大道", "长江路", "科技园路",
         "丽水路", "花园街", "雄楚大道", "珞喻路", "黄浦路", "南京东路", "迎宾大道", "朝阳北路", "金水路", "天府大道"]
ESTATES = ["阳光花园", "锦绣家园", "翠湖山庄", "东方明珠小区", "桂花苑", "紫荆城", "金色港湾", "和谐家园",
           "丽景湾", "幸福里", "银河湾", "绿地新都会", "恒大名都", "保利花园", "碧桂园", "万科城"]
TOWNS = ["白沙", "龙港", "富池", "兴国", "浮屠", "佛岭", "稠城", "佛堂", "苏溪", "上客", "湖屯", "桃园", "汶阳"]
VILLAGES = ["梧桐", "石门", "黄泥", "新塘", "柳林", "大屋", "刘家湾", "王家庄", "下畈", "枫树", "竹林", "上湾"]
ORDINAL = "一二三四五六七八九十"
BUILDINGS = ["科技大厦", "国际广场", "中心大厦", "创业园", "金融港", "光谷软件园", "数码港", "软件产业基地"]


def _road_number(rng: random.Random) -> str:
    return f"{rng.randint(1, 999)}号"


def home_address(rng: random.Random, region: Region) -> str:
    """A 户籍 address as printed on an ID card: 15–34 characters, so it wraps to 2–3 lines."""
    form = rng.random()
    if region.rural or form < 0.12:
        town = rng.choice(TOWNS)
        village = rng.choice(VILLAGES)
        return (f"{region.prefix}{town}镇{village}村{ORDINAL[rng.randint(0, 9)]}组{rng.randint(1, 99)}号"
                if rng.random() < 0.7 else f"{region.prefix}{town}镇{village}村{rng.randint(1, 199)}号")
    street = rng.choice(SUBDISTRICTS) + "街道" if rng.random() < 0.55 else ""
    road = rng.choice(ROADS)
    if form < 0.45:
        return f"{region.prefix}{street}{road}{_road_number(rng)}"
    if form < 0.8:
        return (f"{region.prefix}{road}{_road_number(rng)}{rng.choice(ESTATES)}{rng.randint(1, 30)}栋"
                f"{rng.randint(1, 6)}单元{rng.randint(1, 33)}{rng.randint(1, 4):02d}室")
    return f"{region.prefix}{street}{road}{rng.randint(1, 300)}号{rng.randint(1, 20)}栋{rng.randint(1, 3)}{rng.randint(1, 8):02d}号"


def business_address(rng: random.Random, region: Region) -> str:
    """A 住所 as registered: often with building, floor and room; sometimes with a 自贸区 note."""
    road = rng.choice(ROADS)
    form = rng.random()
    if form < 0.35:
        return f"{region.prefix}{road}{_road_number(rng)}{rng.choice(BUILDINGS)}{rng.randint(2, 30)}层{rng.randint(1, 30):02d}室"
    if form < 0.6:
        return f"{region.prefix}{road}{_road_number(rng)}{rng.randint(1, 12)}栋{rng.randint(1, 28)}楼{rng.randint(1, 28)}{rng.randint(1, 20):02d}室"
    if form < 0.8:
        return f"{region.prefix}{rng.choice(SUBDISTRICTS)}街道{road}{_road_number(rng)}"
    if form < 0.9:
        return (f"{region.prefix}{road}{_road_number(rng)}{rng.choice(BUILDINGS)}"
                f"{ 'A' if rng.random() < 0.5 else 'B'}座{rng.randint(1, 25)}楼{rng.randint(1, 30):02d}号")
    return f"{region.prefix}{rng.choice(TOWNS)}镇{rng.choice(VILLAGES)}村{ORDINAL[rng.randint(0, 9)]}组"


# --- people --------------------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
            "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
            "钱严覃武戴莫孔向汤柏鲁童颜葛郎岳霍")
DOUBLE_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "皇甫", "东方", "令狐", "慕容"]
GIVEN_CHARS = ("艳伟芳娜敏静丽强磊军洋勇杰娟涛明超兰霞平刚桂华建国志红玉梅俊峰晨阳鑫宇浩然子涵欣怡梓萱"
               "思远嘉雨泽一鸣文博天佑晓东海燕春永德胜立新婷雪琳颖倩璐瑶琪诗梦佳慧悦桐语昊轩睿宸铭泓"
               "瀚澜淼森焱垚鹏飞翔凯斌彬豪杉楠榕松柏菊莲荷蕾薇蓉萍茜芸蔚岚峥嵘崇峻")
UYGHUR_GIVEN = ["买买提", "艾力", "阿不都热合曼", "吐尔逊", "热依拉", "古丽娜尔", "努尔", "阿依古丽", "艾尔肯"]
ETHNICITIES = ["汉"] * 20 + ["回", "满", "壮", "苗", "土家", "蒙古", "藏", "彝", "侗", "瑶", "朝鲜", "白"]


def person_name(rng: random.Random, ethnicity: str = "汉") -> str:
    if ethnicity == "维吾尔":
        return f"{rng.choice(UYGHUR_GIVEN)}·{rng.choice(UYGHUR_GIVEN)}"
    surname = rng.choice(DOUBLE_SURNAMES) if rng.random() < 0.03 else rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(1 if rng.random() < 0.3 else 2))
    return surname + given


@dataclass
class Person:
    name: str
    sex: str
    ethnicity: str
    birth: date
    address: str
    cert_number: str
    authority: str
    valid_from: date
    valid_until: date | None  # None: 长期
    region: Region

    @property
    def valid_until_text(self) -> str:
        return "长期" if self.valid_until is None else self.valid_until.isoformat()


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def validity_years(birth: date, issued: date) -> int | None:
    age = issued.year - birth.year - ((issued.month, issued.day) < (birth.month, birth.day))
    return 5 if age < 16 else 10 if age < 26 else 20 if age < 46 else None


def random_person(rng: random.Random, *, today: date | None = None, region: Region | None = None) -> Person:
    """A card holder whose card is valid on `today` (issued before it, expiring after it or 长期)."""
    today = today or date(2026, 11, 25)
    region = region or rng.choice(REGIONS)
    ethnicity = "维吾尔" if region.code.startswith("65") and rng.random() < 0.5 else rng.choice(ETHNICITIES)
    for _ in range(200):
        birth = date(1950, 1, 1) + timedelta(days=rng.randint(0, (date(2008, 12, 31) - date(1950, 1, 1)).days))
        issued = birth + timedelta(days=rng.randint(16 * 365, max(16 * 365 + 1, (today - birth).days - 30)))
        if issued >= today or issued.year < 2005:
            continue
        years = validity_years(birth, issued)
        until = None if years is None else _add_years(issued, years)
        if until is None or until > today + timedelta(days=120):
            break
    sex = rng.choice("男女")
    sequence = rng.randrange(1 if sex == "男" else 0, 1000, 2)
    first17 = f"{region.code}{birth:%Y%m%d}{sequence:03d}"
    return Person(name=person_name(rng, ethnicity), sex=sex, ethnicity=ethnicity, birth=birth,
                  address=home_address(rng, region), cert_number=first17 + id_check_digit(first17),
                  authority=region.police, valid_from=issued, valid_until=until, region=region)


# --- companies -----------------------------------------------------------------------------------

BRANDS = ["云帆", "星河", "启明", "远航", "青禾", "海川", "锦程", "智联", "博雅", "明德", "瑞丰", "嘉禾", "华信",
          "鼎盛", "天辰", "恒通", "润泽", "蓝鲸", "极客", "楚天", "光谷", "九州", "汇智", "盛世", "领航", "腾跃",
          "新禾", "百川", "同舟", "弘毅", "知行", "乐享", "优创", "橙子", "麦田", "火山", "北辰", "森蓝"]
TRADES = ["网络科技", "信息技术", "电子商务", "文化传媒", "软件开发", "数据服务", "科技", "网络技术",
          "教育科技", "商贸", "广告", "互联网信息服务", "智能科技", "文化传播", "供应链管理"]
SCOPE_ITEMS = ["技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", "软件开发", "信息系统集成服务",
               "信息技术咨询服务", "数据处理和存储支持服务", "互联网数据服务", "网络技术服务", "广告设计、代理",
               "广告制作", "广告发布", "组织文化艺术交流活动", "会议及展览服务", "计算机软硬件及辅助设备零售",
               "电子产品销售", "办公用品销售", "日用百货销售", "企业管理咨询", "市场营销策划", "平面设计",
               "数字内容制作服务（不含出版发行）", "人工智能应用软件开发", "信息咨询服务（不含许可类信息咨询服务）"]
SCOPE_LICENSED = ["第二类增值电信业务", "互联网信息服务", "出版物零售", "网络文化经营"]


@dataclass
class Company:
    name: str
    cert_number: str
    company_type: str
    legal_representative: str
    representative_label: str  # 法定代表人 / 负责人 / 执行事务合伙人 / 投资人 / 经营者
    address: str
    address_label: str         # 住所 / 营业场所 / 主要经营场所 / 经营场所
    capital: str | None        # 壹佰万元整, None when the licence prints none
    capital_label: str         # 注册资本 / 出资额
    established: date
    valid_until: date | None   # None: 长期
    term_style: str            # "range": 起至止 / "long": 起至长期 / "only_long": 长期
    scope: str
    authority: str
    issued: date
    region: Region
    individual: bool = False   # 个体工商户 (single-column layout, no 营业期限)
    extra: dict = field(default_factory=dict)


COMPANY_TYPES = [
    ("有限责任公司（自然人投资或控股）", 40), ("有限责任公司（自然人独资）", 15),
    ("有限责任公司（非自然人投资或控股的法人独资）", 8), ("股份有限公司（非上市、自然人投资或控股）", 6),
    ("其他有限责任公司", 5), ("有限责任公司分公司（自然人投资或控股）", 6), ("有限合伙企业", 5),
    ("个人独资企业", 5),
]


def _city_short(region: Region) -> str:
    prefix = region.prefix
    for marker in ("自治区", "省"):
        if marker in prefix:
            prefix = prefix.split(marker, 1)[1]
    city = prefix.split("市", 1)[0] if "市" in prefix else prefix[:2]
    return city


def random_company(rng: random.Random, *, today: date | None = None, individual: bool = False,
                   region: Region | None = None) -> Company:
    today = today or date(2026, 11, 25)
    region = region or rng.choice(REGIONS)
    city = _city_short(region)
    brand, trade = rng.choice(BRANDS), rng.choice(TRADES)
    established = date(2015, 1, 1) + timedelta(days=rng.randint(0, (today - date(2015, 1, 1)).days - 60))
    issued = established if rng.random() < 0.6 else established + timedelta(days=rng.randint(1, (today - established).days))
    scope_items = rng.sample(SCOPE_ITEMS, rng.randint(3, 9))
    scope = "一般项目：" + "；".join(scope_items) + "。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
    if rng.random() < 0.35:
        scope = "许可项目：" + "；".join(rng.sample(SCOPE_LICENSED, 2)) + "。（依法须经批准的项目，经相关部门批准后方可开展经营活动）" + scope
    legal = person_name(rng)
    if individual:
        shop = rng.choice(["便利店", "网络工作室", "电脑维修部", "图文设计工作室", "日用品店"])
        district = region.prefix[-3:] if region.prefix.endswith("区") else city
        return Company(name=f"{district}{brand}{shop}", cert_number=make_uscc(rng, region.code, "2"),
                       company_type="个体工商户", legal_representative=legal, representative_label="经营者",
                       address=business_address(rng, region), address_label="经营场所", capital=None,
                       capital_label="", established=established, valid_until=None, term_style="none",
                       scope=scope, authority=region.market, issued=issued, region=region, individual=True,
                       extra={"组成形式": "个人经营"})
    types, weights = zip(*COMPANY_TYPES, strict=True)
    company_type = rng.choices(types, weights)[0]
    form = rng.random()
    if form < 0.6:
        name = f"{city}{brand}{trade}有限公司"
    elif form < 0.8:
        name = f"{brand}（{city}）{trade}有限公司"
    else:
        name = f"{brand}{trade}（{city}）有限公司"
    representative_label, address_label, capital_label = "法定代表人", "住所", "注册资本"
    if company_type.startswith("股份"):
        name = name.replace("有限公司", "股份有限公司")
    elif "分公司" in company_type:
        name = f"{rng.choice(BRANDS)}{trade}有限公司{city}分公司"
        representative_label, address_label = "负责人", "营业场所"
    elif company_type == "有限合伙企业":
        name = f"{city}{brand}{rng.choice(['投资合伙企业', '企业管理合伙企业', '科技合伙企业'])}（有限合伙）"
        representative_label, address_label, capital_label = "执行事务合伙人", "主要经营场所", "出资额"
    elif company_type == "个人独资企业":
        name = f"{city}{brand}{trade}{rng.choice(['工作室', '中心', '服务部'])}"
        representative_label, capital_label = "投资人", "出资额"
    capital = None if "分公司" in company_type else capital_in_words(
        rng.choice([3, 5, 10, 30, 50, 100, 100, 100, 200, 300, 500, 1000, 1050, 2000, 5000, 12000]))
    if capital and rng.random() < 0.25:
        capital = "人民币" + capital
    style = rng.choices(["range", "long", "only_long"], [45, 40, 15])[0]
    until = None
    if style == "range":
        until = _add_years(established, rng.choice([10, 20, 30, 50])) - timedelta(days=1)
    return Company(name=name, cert_number=make_uscc(rng, region.code), company_type=company_type,
                   legal_representative=legal, representative_label=representative_label,
                   address=business_address(rng, region), address_label=address_label, capital=capital,
                   capital_label=capital_label, established=established, valid_until=until, term_style=style,
                   scope=scope, authority=region.market, issued=issued, region=region)
