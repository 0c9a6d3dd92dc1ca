"""The governance tests' world (governance_world.py), with or without its meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from governance_world import build_world

from actionplan.governance.meetings import generate_meetings

D = dt.date


@pytest.fixture
def world():
    """Anyshire's plan, its people and its bodies (CYPLT and the LSCB), with no meetings."""
    return build_world()


@pytest.fixture
def meetings(world):
    """The world's meetings, January to June 2013. CYPLT: 15 Jan, 19 Feb, 19 Mar, 16 Apr,
    21 May, 18 Jun. LSCB: 28 Mar, 27 Jun. A module that wants them says
    `pytestmark = [..., pytest.mark.usefixtures("meetings")]`."""
    generate_meetings(world.cyplt, "third Tuesday of each month", D(2013, 1, 1), D(2013, 6, 30))
    generate_meetings(world.lscb, "last Thursday of each quarter", D(2013, 1, 1), D(2013, 6, 30))
    return world


@pytest.fixture
def addresses(world):
    """Everyone in the world with an e-mail address, before any meeting is made."""
    world.addresses()
    return world
