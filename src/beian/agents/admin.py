"""Staff make an account an agent here (or with `manage make_agent`); links and their audit are read-only."""

from django.contrib import admin

from beian.agents.models import Agent, AgentEvent, AgentLink


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "active", "created_at")
    list_filter = ("active",)
    raw_id_fields = ("user",)


@admin.register(AgentLink)
class AgentLinkAdmin(admin.ModelAdmin):
    list_display = ("agent", "customer", "status", "created_at", "accepted_at", "ended_at")
    list_filter = ("status",)
    readonly_fields = ("agent", "customer", "status", "created_account", "created_at", "accepted_at", "ended_at")


@admin.register(AgentEvent)
class AgentEventAdmin(admin.ModelAdmin):
    list_display = ("link", "kind", "actor", "at")
    readonly_fields = ("link", "kind", "actor", "at", "payload")
