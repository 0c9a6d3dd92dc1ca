"""The deployment smoke test's browser: uses a running actionplan as a person would, over
HTTPS through nginx, and says exactly what failed. Run by deploy/smoke-test with the
production environment's Python: only the standard library and requests (which the
production lock holds for GOV.UK Notify's client).

It reads /healthz, signs in as the demo's administrator (with a backup code when a second
factor is asked for), posts a progress update with an evidence file and downloads it back,
drafts a board paper and waits, polling up to a deadline, for the worker to render its PDF.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

EVIDENCE = b"%PDF-1.4\n% smoke test evidence\n"
NARRATIVE = "Smoke test: the audit of case files is under way."


class SmokeFailure(Exception):
    pass


# --- reading pages as a browser does -------------------------------------------------------


class Form:
    def __init__(self, action: str, method: str, enctype: str):
        self.action, self.method, self.enctype = action, method.lower(), enctype
        self.fields: list[tuple[str, str]] = []
        self.names: set[str] = set()


class Page(HTMLParser):
    """The forms of a page with their fields' default values, and its links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._chosen: str | None = None
        self._first: str | None = None
        self._textarea: str | None = None
        self._text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get"), a.get("enctype", ""))
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first is None:
                self._first = value
            if "selected" in a:
                self._chosen = value
        if self._form is None or not a.get("name"):
            return
        name = a["name"]
        self._form.names.add(name)
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("file", "submit", "button", "image", "reset"):
                self._form.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._chosen, self._first = name, None, None
        elif tag == "textarea":
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields.append((self._textarea, self._text))
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            value = self._chosen if self._chosen is not None else self._first
            if value is not None:
                self._form.fields.append((self._select, value))
            self._select = None

    def form_with(self, field: str) -> Form:
        for form in self.forms:
            if field in form.names:
                return form
        raise SmokeFailure(f"no form with a field {field!r} on the page")


class Browser:
    def __init__(self, base: str, ca: str | None):
        self.base = base.rstrip("/")
        self.session = requests.Session()
        # Given with each request: a session's own is overridden by REQUESTS_CA_BUNDLE.
        self.verify = ca or True
        # A browser's same-origin form posts carry these; Django checks them over HTTPS.
        self.session.headers["Origin"] = self.base

    def url(self, path: str) -> str:
        return urljoin(self.base + "/", path.lstrip("/")) if not path.startswith("http") else path

    def get(self, path: str, expect: int | tuple = 200, **kw) -> requests.Response:
        response = self.session.get(self.url(path), timeout=60, verify=self.verify, **kw)
        return check(response, expect, f"GET {path}")

    def submit(self, response, field: str, values: dict, files=None, expect=200):
        """Fill in the form holding `field` on the page `response` and send it."""
        form = Page(response.text).form_with(field)
        data = [(k, v) for k, v in form.fields if k not in values]
        data += list(values.items())
        target = urljoin(response.url, form.action or response.url)
        sent = self.session.request(
            form.method.upper(),
            target,
            data=data,
            files=files,
            headers={"Referer": response.url},
            timeout=120,
            verify=self.verify,
        )
        return check(sent, expect, f"{form.method.upper()} {urlsplit(target).path}")


def check(response: requests.Response, expect, what: str) -> requests.Response:
    expected = expect if isinstance(expect, tuple) else (expect,)
    if response.status_code not in expected:
        raise SmokeFailure(
            f"{what}: HTTP {response.status_code}, expected {' or '.join(map(str, expected))}"
            f"\n{_text_of(response)[:1500]}"
        )
    return response


def _text_of(response) -> str:
    text = re.sub(r"<script.*?</script>|<style.*?</style>", "", response.text, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


# --- the journey -------------------------------------------------------------------------


def healthz(url: str, ca) -> dict:
    response = check(requests.get(url, timeout=30, verify=ca or True), 200, f"GET {url}")
    body = response.json()
    if body.get("status") != "ok":
        raise SmokeFailure(f"{url} says {body}")
    if not re.fullmatch(r"[0-9a-f]{32}|[0-9A-Za-z._:-]+", response.headers.get("X-Request-ID", "")):
        raise SmokeFailure(f"{url}: no X-Request-ID in the response")
    return body


def demo_credentials(path: str) -> tuple[str, str, list[str]]:
    text = Path(path).read_text()
    password = re.search(r"user 'demo' with password (\S+)", text)
    if not password:
        raise SmokeFailure(f"{path}: `actionplan demo` printed no password for 'demo'")
    codes = re.findall(r"^  (\S.*)$", text, flags=re.M)
    return "demo", password.group(1), " ".join(codes).split()


def sign_in(browser: Browser, username: str, password: str, codes: list[str]) -> None:
    page = browser.get("/accounts/sign-in/")
    done = browser.submit(page, "password", {"username": username, "password": password})
    if "/sign-in/code/" in done.url:
        if not codes:
            raise SmokeFailure("a second factor was asked for, and `actionplan demo` gave no codes")
        done = browser.submit(done, "code", {"code": codes[0]})
    if "/accounts/sign-in" in urlsplit(done.url).path:
        raise SmokeFailure(f"signing in as {username} failed: {_text_of(done)[:500]}")


def post_update(browser: Browser, plan: int, action: int) -> None:
    form = browser.get(f"/plans/{plan}/actions/{action}/update/")
    done = browser.submit(
        form,
        "narrative",
        {"status": "on_track", "narrative": NARRATIVE, "next_steps": "Report to the board."},
        files=[("files", ("smoke-evidence.pdf", EVIDENCE, "application/pdf"))],
    )
    if NARRATIVE not in done.text:
        raise SmokeFailure(f"the update was not shown after posting it: {_text_of(done)[:800]}")
    links = [link for link in Page(done.text).links if f"/plans/{plan}/evidence/" in link]
    if not links:
        raise SmokeFailure("the action's page links no evidence file after the update")
    evidence = browser.get(links[-1])
    if evidence.content != EVIDENCE:
        raise SmokeFailure("the evidence file downloaded is not the one uploaded")


def draft_paper_pdf(browser: Browser, plan: int, deadline: float) -> bytes:
    form = browser.get(f"/plans/{plan}/papers/new/")
    paper = browser.submit(form, "body", {})
    match = re.search(rf"/plans/{plan}/papers/(\d+)/", paper.url)
    if not match:
        raise SmokeFailure(f"drafting a paper did not lead to its page: {_text_of(paper)[:800]}")
    download = f"/plans/{plan}/papers/{match.group(1)}/download/pdf/"
    while True:
        response = browser.get(download, expect=(200, 202))
        if response.status_code == 200:
            if not response.content.startswith(b"%PDF"):
                raise SmokeFailure(f"{download} is not a PDF")
            return response.content
        if "could not be made" in response.text:
            raise SmokeFailure(f"the worker failed to render the PDF: {_text_of(response)[:800]}")
        if time.monotonic() > deadline:
            raise SmokeFailure(
                f"the worker had not rendered the paper's PDF by the deadline ({download})"
            )
        time.sleep(1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--base", required=True, help="the service's address, e.g. https://localhost:8443"
    )
    parser.add_argument("--direct", required=True, help="gunicorn's own address, for /healthz")
    parser.add_argument("--http", help="nginx's plain HTTP address, which must redirect")
    parser.add_argument("--ca", help="the certificate to trust for --base")
    parser.add_argument("--demo-output", required=True, help="what `actionplan demo` printed")
    parser.add_argument("--plan", type=int, required=True)
    parser.add_argument("--action", type=int, required=True, help="an action open for updates")
    parser.add_argument("--seconds", type=float, default=300, help="deadline for the whole run")
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.seconds
    try:
        print("smoke: /healthz from gunicorn:", healthz(f"{args.direct}/healthz", None)["checks"])
        healthz(f"{args.base}/healthz", args.ca)
        if args.http:
            response = requests.get(f"{args.http}/plans/", allow_redirects=False, timeout=30)
            if response.status_code != 301 or not response.headers["Location"].startswith(
                "https://"
            ):
                raise SmokeFailure(
                    f"{args.http} does not redirect to HTTPS ({response.status_code})"
                )
        browser = Browser(args.base, args.ca)
        sign_in(browser, *demo_credentials(args.demo_output))
        dashboard = browser.get(f"/plans/{args.plan}/")
        if "Post Inspection Action Plan" not in dashboard.text:
            raise SmokeFailure("the demo plan's dashboard does not show its title")
        print("smoke: signed in; the dashboard shows the demo plan")
        post_update(browser, args.plan, args.action)
        print("smoke: posted a progress update with an evidence file, and downloaded it back")
        pdf = draft_paper_pdf(browser, args.plan, deadline)
        print(f"smoke: drafted a paper; the worker rendered its PDF ({len(pdf):,} bytes)")
        print("smoke: /healthz after:", healthz(f"{args.base}/healthz", args.ca)["checks"])
    except (SmokeFailure, requests.RequestException) as e:
        print(f"smoke test: FAILED: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
