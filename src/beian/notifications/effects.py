"""Every state change reaches the applicant: site message + email, and SMS where the seed says so."""

from beian.filings.effects import register


def _principal_mobile(order) -> str:
    principal = (order.application.get("subject") or {}).get("principal") or {}
    return (principal.get("mobile") or "").strip()


@register()
def notify_applicant(order, event) -> None:
    from beian.notifications.services import notify

    name = f"state:{event.to_state}"
    context = {"reference": order.reference, "kind": order.kind_label, "state": order.state_label,
               "reason": event.reason or "—", "number": order.meta.get("icp_number", ""),
               "footer": order.meta.get("footer_html", ""), "notes": order.meta.get("approval_notes", "")}
    notify(account=order.account, event=name, context=context, order=order, mobile=_principal_mobile(order))
