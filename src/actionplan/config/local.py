"""Settings for local use, `make run` and the tests: the service's own with DEBUG on.

DEBUG is set in the environment (unless it is set already), not here, so that every program
these start (the worker, the commands the tests run) reads the same settings and signs with
the same key: the one made at random on first use and kept in var/.
"""

import os

os.environ.setdefault("DEBUG", "1")

from actionplan.config.settings import *  # noqa: F403
