"""Presenters shared by every app: model rows in, the design system's parameters out (text,
tag colours, links). `tags` has no database access and is tested without one; `navigation`
builds the service navigation and breadcrumbs. Each app's own pages have theirs in
`<app>/presenters.py`.
"""
