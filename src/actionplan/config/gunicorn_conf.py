"""gunicorn's settings for actionplan's web service, from the environment (docs/deploy.md):

    gunicorn --config python:actionplan.config.gunicorn_conf

A bad value stops gunicorn at start with the variable's name, as the Django settings do.
"""

import os

from actionplan.core import logs
from actionplan.core.env import env_choice, env_int, env_list, env_str

wsgi_app = "actionplan.config.wsgi:application"
bind = env_list("WEB_BIND", []) or ["127.0.0.1:8000"]

# Processes, each with threads: a thread waits on the database or a slow client while the
# others serve. Two processes a core keeps a request that is busy in Python (a large
# plan's page, an upload's preview) from holding up the rest.
workers = env_int("WEB_CONCURRENCY", max(2, 2 * (os.cpu_count() or 1)))
threads = env_int("WEB_THREADS", 4)
worker_class = "gthread"
# A request still running after this is killed: an Annex A workbook read in the web page
# takes up to half a minute (docs/indicators.md). The proxy's read timeout must be longer.
timeout = env_int("WEB_TIMEOUT", 120)
graceful_timeout = 30
keepalive = 5
# A fresh process now and then returns what a long-lived one holds (charts, PDF fonts).
max_requests = 1000
max_requests_jitter = 100

# Requests are read no further than this: a request line, header count and header size
# fit every page and form of the service; uploads are bodies, limited by the proxy.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Only the reverse proxy on this machine may say a request came over HTTPS.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"

# Access lines are the gunicorn.access logger's; both loggers write to standard error
# (journald, under systemd) in LOG_FORMAT, as the service does.
loglevel = env_choice("LOG_LEVEL", "INFO", logs.LEVELS)
logconfig_dict = logs.config(
    env_choice("LOG_FORMAT", "plain", logs.FORMATS),
    loglevel,
    loggers=("gunicorn.error", "gunicorn.access"),
)
# The path without its query string: a log holds no more of what people send than it needs.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

proc_name = "actionplan-web"
# No control socket: systemd starts, reloads (HUP) and stops the service.
control_socket_disable = True
# The workers' heartbeat files, in memory rather than on disk where a slow write could
# make a worker look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The application and every view are imported once, before the workers are forked: a new
# worker (at start, or after max_requests) serves its first request at once instead of
# spending seconds on imports, and the workers share the imported code's memory. Code
# changes therefore need a restart, not a HUP (docs/deploy.md, upgrades).
preload_app = True


def when_ready(server):
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports the URLconf, and so every view)
    connections.close_all()  # none may be shared with the workers
