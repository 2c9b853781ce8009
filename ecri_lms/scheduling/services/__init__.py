"""Scheduling use cases; every function takes the acting user, raises domain errors, flushes only."""

from .clashes import Clash, clashes_with_run, clashing_ids
from .feeds import active_feed_token, issue_feed_token, revoke_feed_tokens, user_for_feed_token
from .registrations import (
    add_registration,
    cancel_own_registration,
    get_registration_for,
    move_registration,
    register,
    registration_refusal,
    remove_registration,
)
from .runs import RunPlan, cancel_run, complete_run, create_run, get_run_for_manager, plan_of, publish_run, update_run
from .sessions import (
    SessionPlan,
    add_sessions,
    cancel_session,
    get_session_for_manager,
    plan_of_session,
    update_session,
)
from .venues import VenueData, create_venue, get_venue_for, update_venue, usable_venues, venues_visible_to

__all__ = [
    "Clash",
    "RunPlan",
    "SessionPlan",
    "VenueData",
    "active_feed_token",
    "add_registration",
    "add_sessions",
    "cancel_own_registration",
    "clashes_with_run",
    "clashing_ids",
    "cancel_run",
    "cancel_session",
    "complete_run",
    "create_run",
    "create_venue",
    "get_registration_for",
    "get_run_for_manager",
    "get_session_for_manager",
    "get_venue_for",
    "issue_feed_token",
    "move_registration",
    "plan_of",
    "plan_of_session",
    "publish_run",
    "register",
    "registration_refusal",
    "remove_registration",
    "revoke_feed_tokens",
    "update_run",
    "update_session",
    "update_venue",
    "usable_venues",
    "user_for_feed_token",
    "venues_visible_to",
]
