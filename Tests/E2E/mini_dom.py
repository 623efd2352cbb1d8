"""A very small DOM with descendant CSS selectors: enough for the page hooks the E2E tests read."""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field


def norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
CLOSES_P = {"address", "article", "aside", "blockquote", "details", "div", "dl",
            "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hr", "main", "menu", "nav", "ol",
            "p", "pre", "section", "table", "ul"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)
    parent: "Node | None" = None

    @property
    def classes(self) -> list:
        return (self.attrs.get("class") or "").split()

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return "".join(parts)

    @property
    def clean_text(self) -> str:
        return norm_space(self.text)

    def select(self, selector: str) -> list:
        chain = [_parse_compound(p) for p in selector.split()]
        return [n for n in self.iter() if _matches_chain(n, chain)]

    def select_one(self, selector: str):
        found = self.select(selector)
        return found[0] if found else None

    def __repr__(self) -> str:
        attrs = " ".join(f'{k}="{v}"' for k, v in self.attrs.items())
        return f"<{self.tag} {attrs}>"


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag == "li" and self.stack[-1].tag == "li":
            self.stack.pop()
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, [], self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, [], self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


_COMPOUND_TOKEN = re.compile(
    r"""\.(?P<cls>[\w-]+)
      | \#(?P<id>[\w-]+)
      | \[(?P<attr>[\w:-]+)(?:(?P<op>[~^$*]?=)["']?(?P<val>[^"'\]]*)["']?)?\]""",
    re.X,
)


def _parse_compound(text: str):
    m = re.match(r"[a-zA-Z][\w-]*|\*", text)
    tag = None
    rest = text
    if m:
        tag = None if m.group(0) == "*" else m.group(0).lower()
        rest = text[m.end():]
    tests = []
    pos = 0
    while pos < len(rest):
        t = _COMPOUND_TOKEN.match(rest, pos)
        if not t:
            raise ValueError(f"unsupported selector: {text!r}")
        tests.append(t.groupdict())
        pos = t.end()
    return tag, tests


def _matches_compound(node: Node, compound) -> bool:
    tag, tests = compound
    if tag is not None and node.tag != tag:
        return False
    for t in tests:
        if t["cls"] is not None and t["cls"] not in node.classes:
            return False
        if t["id"] is not None and node.attrs.get("id") != t["id"]:
            return False
        if t["attr"] is not None:
            if t["attr"] not in node.attrs:
                return False
            if t["op"]:
                have, want = node.attrs[t["attr"]], t["val"]
                ok = {
                    "=": have == want,
                    "^=": have.startswith(want),
                    "$=": have.endswith(want),
                    "*=": want in have,
                    "~=": want in have.split(),
                }[t["op"]]
                if not ok:
                    return False
    return True


def _matches_chain(node: Node, chain) -> bool:
    if not _matches_compound(node, chain[-1]):
        return False
    if len(chain) == 1:
        return True
    for anc in node.ancestors():
        if _matches_chain(anc, chain[:-1]):
            return True
    return False
