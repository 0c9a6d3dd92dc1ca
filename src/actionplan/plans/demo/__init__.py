"""The demo plan that `actionplan demo` loads: North Yorkshire's 2013 post-inspection plan."""
