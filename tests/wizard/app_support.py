"""Helpers for the APP form at 填写网站信息 (issue 17 #2)."""

import html
import re

from beian.filings.models import Order

ANDROID_MD5 = "9F:1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:7C"
IOS_SHA1 = "3b 5c 00 11 22 33 44 55 66 77\n88 99 aa bb cc dd ee ff 00 e1"
KEY_HEX = "30:82:01:22:30:0d:06:09:2a:86:48:86:f7:0d:01:01:01:05:00:03:82:01:0f:00"


def app_post(i, name="示例商城", *, platforms=(("android", "com.example.shop", KEY_HEX, ANDROID_MD5),),
             domains="", reuse="1", content="其他") -> dict:
    data = {f"apps[{i}].name": name, f"apps[{i}].content": content, f"apps[{i}].languages": ["中文简体"],
            f"apps[{i}].pre_approvals[0].category": "", f"apps[{i}].remark": "", f"apps[{i}].domains": domains,
            f"apps[{i}].reuse": reuse}
    for j, (platform, package, key, signature) in enumerate(platforms):
        p = f"apps[{i}].platforms[{j}]"
        data.update({f"{p}.platform": platform, f"{p}.package_name": package, f"{p}.public_key": key,
                     f"{p}.signature": signature})
    return data


def form_of(page: str) -> dict:
    """The hidden version and base of a step page, as the browser posts them back."""
    return {"version": re.search(r'name="version" value="(\d+)"', page).group(1),
            "base": html.unescape(re.search(r'name="base" value="([^"]*)"', page).group(1))}


def fresh(order):
    return Order.objects.get(pk=order.pk)
