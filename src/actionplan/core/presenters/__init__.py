"""Presenters: model rows in, the design system's parameters out (text, tag colours, links).

`tags` has no database access and is tested without one; `plans` and `navigation` read
what a page shows, with the queries it needs, and nothing else.
"""
