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
    notify(account=order.account, event=name, context=context, order=order)
