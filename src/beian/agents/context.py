from beian.agents.selectors import is_agent


def agents(request):
    """`acting_for` (the banner) and `is_agent` (the nav link), looked up only when a page asks."""
    user = getattr(request, "user", None)
    return {"acting_for": getattr(request, "acting_for", None),
            "is_agent": (lambda: is_agent(user)) if user is not None and user.is_authenticated else False}
