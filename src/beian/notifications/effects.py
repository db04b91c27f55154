"""Every state change reaches the applicant: site message, email (the account and every principal on the form)
and SMS (every principal's mobile) where the seed says so and the account's 备案消息通知设置 leave it on."""

from beian.filings.effects import register


@register()
def notify_applicant(order, event) -> None:
    from beian.notifications.services import notify

    name = f"state:{event.to_state}"
    context = {"reference": order.reference, "kind": order.kind_label, "state": order.state_label,
               "reason": event.reason or "—", "number": order.meta.get("icp_number", ""),
               "footer": order.meta.get("footer_html", ""), "notes": order.meta.get("approval_notes", "")}
    if name == "state:approved":
        context.update(app_numbers_context(order))
    if order.filed_website_id and order.filed_website.is_app:  # 取消接入/注销 of one APP: the APP's own wording
        context.update(app=order.filed_website.name, variant="app")
    notify(account=order.account, event=name, context=context, order=order)


def app_numbers_context(order) -> dict:
    """{apps} and {apps_sms} of the approval message: each approved APP's number with its platforms (meta
    approved_apps, written at approval by ministry.services) and where the APP must show it; variant "apps_only"
    when the order carries APPs and no website (nothing to put in a footer)."""
    from beian.notifications import messages as msg

    rows = [r for r in order.meta.get("approved_apps") or () if isinstance(r, dict) and r.get("number")]
    if not rows:
        return {}
    lines = [msg.APP_NUMBER_LINE.format(name=r.get("name") or "", number=r["number"],
                                        platforms=msg.LIST_JOIN.join(f"{p.get('label')} {p.get('package_name')}"
                                                                     for p in r.get("platforms") or ()) or "—")
             for r in rows]
    sms = msg.SMS_JOIN.join(msg.APP_NUMBER_SMS_ITEM.format(name=r.get("name") or "", number=r["number"]) for r in rows)
    return {"apps": msg.APP_NUMBERS.format(lines="\n".join(lines), where=msg.APP_NUMBER_WHERE),
            "apps_sms": msg.APP_NUMBERS_SMS.format(numbers=sms),
            **({"variant": "apps_only"} if not (order.application or {}).get("websites") else {})}
