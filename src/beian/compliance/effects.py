"""The 公安联网备案 reminder timer (registered at app start; timers are rows, swept by filings.timers)."""

from beian.compliance.services import PSB_TIMER
from beian.filings.timers import register_timer


@register_timer(PSB_TIMER)
def remind_public_security_filing(timer, now) -> bool:
    from beian.compliance.services import send_due_reminders

    return send_due_reminders(order=timer.order, now=now)
