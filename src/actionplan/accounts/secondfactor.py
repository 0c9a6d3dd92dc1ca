"""The second factor: an authenticator app (TOTP) and backup codes, through django-otp.

A user has a second factor when they have a confirmed authenticator app or backup codes
left. Who must have one is the access policy's question (`access.needs_second_factor`).
"""

from __future__ import annotations

import io
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
APP_NAME = "Authenticator app"
CODES_NAME = "Backup codes"


def app(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_second_factor(user) -> bool:
    # One query: it is asked on every request of a signed-in user who has not given a code.
    apps = TOTPDevice.objects.filter(user=user, confirmed=True)
    codes = StaticToken.objects.filter(device__user=user, device__confirmed=True)
    return (
        get_user_model()
        ._default_manager.filter(pk=user.pk)
        .filter(Exists(apps) | Exists(codes))
        .exists()
    )


# --- setting up an authenticator app -----------------------------------------------------


def pending_app(user) -> TOTPDevice:
    """The app being set up: an unconfirmed device, the same one until it is confirmed, so
    the QR code does not change between the page and its image."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> bytes:
    """The otpauth:// address as an SVG QR code, with no style attributes (our CSP)."""
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", scale=5, border=4, xmldecl=False, title="QR code for your app"
    )
    return out.getvalue()


def confirm_app(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the pending app with a code from it. On success the app replaces any earlier
    one and the user gets a fresh set of backup codes, returned (they are shown once)."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not locked.verify_token(clean_code(code)):
            return None
        TOTPDevice.objects.filter(user=locked.user).exclude(pk=locked.pk).delete()
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        device.refresh_from_db()
        return new_backup_codes(locked.user)


def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with BACKUP_CODE_COUNT new ones."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=CODES_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def remove(user) -> None:
    """Take away every second factor the user has (they set one up again from scratch)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


# --- checking a code at sign-in ----------------------------------------------------------


def clean_code(code: str) -> str:
    """What people type, as django-otp stores it: no spaces or hyphens, lower case."""
    return "".join(code.split()).replace("-", "").lower()


@dataclass(frozen=True)
class Verified:
    device: object | None = None
    backup_code: bool = False
    # Why the code could not even be tried: too many wrong codes, wait `wait_seconds`.
    wait_seconds: int = 0


def verify(user, code: str, *, now) -> Verified:
    """Check a code: six digits from the app, or one of the backup codes (used up)."""
    code = clean_code(code)
    backup = not code.isdigit()
    model = StaticDevice if backup else TOTPDevice
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        if device is None:
            return Verified()
        allowed, why = device.verify_is_allowed()
        if not allowed:
            wait = 0
            if why and why.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
                wait = max(1, int((why["locked_until"] - now).total_seconds()) + 1)
            return Verified(wait_seconds=wait or 1)
        if device.verify_token(code):
            return Verified(device=device, backup_code=backup)
    return Verified()
