"""Small helpers shared by the apps: reading settings from the environment, the commands' base."""
