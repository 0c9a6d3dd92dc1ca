"""Read settings from environment variables, failing loudly on a value that makes no sense.

A typo such as DEBUG=ture must stop the service at start-up, not quietly mean False.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; an empty variable gives an empty list, an unset one the default."""
    if name not in os.environ:
        return list(default)
    return [item.strip() for item in os.environ[name].split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, "").strip() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_header(name: str) -> tuple[str, str] | None:
    """A request header and the value that marks HTTPS, given as "X-Forwarded-Proto,https":
    Django's SECURE_PROXY_SSL_HEADER, which names the header as WSGI does (HTTP_X_...)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ImproperlyConfigured(
            f"{name} must be a header and its value, like X-Forwarded-Proto,https, not {value!r}"
        )
    header = parts[0].upper().replace("-", "_")
    return (header if header.startswith("HTTP_") else f"HTTP_{header}", parts[1])


def local_secret_key(path: Path) -> str:
    """The key local development signs with: made at random the first time and kept in
    `path`, readable by its owner only, so that it is never a key anyone else knows."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, spare = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")  # mode 0600
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50) + "\n")
        try:
            # Creates `path` only if it is still missing: two processes starting at once
            # both end up with the first one's key.
            os.link(spare, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(spare)
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(f"{path} is empty: delete it and a new key will be made")
    return key
