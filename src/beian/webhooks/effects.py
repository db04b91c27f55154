"""Order events become webhook deliveries, written in the transition's transaction and sent after it commits."""

from beian.filings.effects import register, register_created


@register()
def webhook_on_transition(order, event) -> None:
    from beian.webhooks.services import order_transitioned

    order_transitioned(order, event)


@register_created
def webhook_on_created(order, event) -> None:
    from beian.webhooks.services import order_created

    order_created(order, now=event.at)
