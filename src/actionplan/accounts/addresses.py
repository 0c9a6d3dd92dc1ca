"""The address a request came from, for sign-in throttling and the audit log.

Behind reverse proxies the connection comes from the nearest proxy; each proxy appends the
address it was connected from to X-Forwarded-For. The client's is therefore the
TRUSTED_PROXY_COUNT-th from the right: anything further left was written by the client and
could be anything. With no proxies configured the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def forwarded_address(remote_addr: str, forwarded_for: str, proxies: int) -> str:
    """The client's address, given the connection's, the X-Forwarded-For header and how many
    trusted proxies append to it. A header too short for `proxies`, or an entry that is not an
    address, gives the connection's address: the proxies are then not as configured."""
    if proxies <= 0:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote_addr
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def client_address(request) -> str:
    return forwarded_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.TRUSTED_PROXY_COUNT,
    )
