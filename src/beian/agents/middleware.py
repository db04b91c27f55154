from django.contrib import messages

from beian.agents import messages as msg
from beian.agents.selectors import SESSION_KEY, active_link


class ActingMiddleware:
    """代客户办理: `request.acting_for` is the customer while the signed-in agent acts for one. The link is read on
    every request, so a customer leaving (or the agent being switched off) ends the agent's access at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting_for = None
        session = getattr(request, "session", None)
        customer_id = session.get(SESSION_KEY) if session is not None else None
        if customer_id is not None:
            link = active_link(agent_user=request.user, customer_id=customer_id)
            if link is None:
                session.pop(SESSION_KEY, None)
                messages.warning(request, msg.ACTING_ENDED)
            else:
                request.acting_for = link.customer
        return self.get_response(request)
