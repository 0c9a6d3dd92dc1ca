"""A real service on a SQLite file, shared by the tests that attack it concurrently."""

from __future__ import annotations

import pytest

from support.seed import SEED
from support.server import Service


@pytest.fixture(scope="session")
def sqlite_service(tmp_path_factory):
    """The installed program serving its own SQLite file through gunicorn: migrated, the
    seed plan imported, an administrator made (support.server)."""
    service = Service(tmp_path_factory.mktemp("sqlite-service"))
    service.set_up(SEED)
    service.start()
    yield service
    service.stop()
