"""Monitoring's web layer: `pages` shows the plan as at a date, `changes` runs it. The URLs
keep the names plans: gave them (config/urls.py puts both apps' URLs in that namespace)."""
