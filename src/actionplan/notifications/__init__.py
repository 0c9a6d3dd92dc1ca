"""E-mail notifications: who is told of what happened in a plan, when, and once
(docs/notifications.md, docs/adr/0028-notifications.md)."""
