"""The forms on a page as a browser would submit them, read from its HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    # (name, value) as the browser sends them: text and hidden inputs, checked boxes and
    # radios, textareas, selected options.
    fields: list[tuple[str, str]] = field(default_factory=list)
    # The kinds of input each name has: text, hidden, radio, checkbox, file, textarea, select...
    kinds: dict[str, str] = field(default_factory=dict)
    # Every value a radio or checkbox group offers, checked or not.
    choices: dict[str, list[str]] = field(default_factory=dict)

    def data(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.fields:
            out.setdefault(name, []).append(value)
        return out


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None
        self._first_option: dict[str, str] = {}
        self._selected: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(
                a.get("action", ""),
                a.get("method", "get").lower(),
                a.get("enctype", "application/x-www-form-urlencoded"),
            )
            self.forms.append(self._form)
        if self._form is None or ("name" not in a and tag != "option"):
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            self._form.kinds[name] = kind
            if kind in ("radio", "checkbox"):
                self._form.choices.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._form.fields.append((name, a.get("value", "")))
        elif tag == "textarea":
            self._form.kinds[name] = "textarea"
            self._textarea, self._text = name, []
        elif tag == "select":
            self._form.kinds[name] = "select"
            self._select = name
        elif tag == "option" and self._select is not None:
            self._option = (a.get("value", ""), "selected" in a)
            self._first_option.setdefault(self._select, a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            # A browser drops the newline that follows <textarea>.
            self._form.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._form is not None:
            value, selected = self._option
            if selected:
                self._form.fields.append((self._select, value))
                self._selected.add(self._select)
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            if self._select not in self._selected and self._select in self._first_option:
                self._form.fields.append((self._select, self._first_option[self._select]))
            self._select = None
        elif tag == "form":
            self._form = None


def forms_in(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def post_forms(html: str) -> list[Form]:
    """The forms that send something (method post), in page order."""
    return [f for f in forms_in(html) if f.method == "post"]
