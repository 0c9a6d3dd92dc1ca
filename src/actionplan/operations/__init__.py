"""Running the service: its health (/healthz), `actionplan doctor`, backups and restores."""
