"""IRC line parsing with IRCv3 message tags (what Twitch chat speaks).

``@badge-info=;display-name=Anna\\sK;emotes=25:0-4 :anna!a@a.tmi.twitch.tv PRIVMSG #shop :Kappa hi``
→ ``IrcMessage(tags={"badge-info": "", "display-name": "Anna K", "emotes": "25:0-4"},
prefix="anna!a@a.tmi.twitch.tv", command="PRIVMSG", params=["#shop", "Kappa hi"])``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shopcast.errors import InvalidInputError

MAX_LINE_BYTES = 8191 + 512  # IRCv3: 8191 bytes of tags + 512 of message
_TAG_UNESCAPE = {":": ";", "s": " ", "\\": "\\", "r": "\r", "n": "\n"}


@dataclass(frozen=True)
class IrcMessage:
    command: str
    params: list[str] = field(default_factory=list)
    prefix: str = ""
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def nick(self) -> str:
        return self.prefix.split("!", 1)[0] if self.prefix else ""

    @property
    def trailing(self) -> str:
        return self.params[-1] if self.params else ""


def unescape_tag_value(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            out.append(_TAG_UNESCAPE.get(value[i + 1], value[i + 1]))
            i += 2
            continue
        if ch != "\\":  # a lone trailing backslash is dropped (IRCv3)
            out.append(ch)
        i += 1
    return "".join(out)


def parse_line(line: str) -> IrcMessage:
    """One IRC line (without CR LF) as an :class:`IrcMessage`."""
    line = line.rstrip("\r\n")
    if not line.strip():
        raise InvalidInputError("empty IRC line")
    tags: dict[str, str] = {}
    rest = line
    if rest.startswith("@"):
        raw_tags, _, rest = rest[1:].partition(" ")
        for item in raw_tags.split(";"):
            if not item:
                continue
            key, _, value = item.partition("=")
            tags[key] = unescape_tag_value(value)
    rest = rest.lstrip(" ")
    prefix = ""
    if rest.startswith(":"):
        prefix, _, rest = rest[1:].partition(" ")
    rest = rest.lstrip(" ")
    trailing: str | None = None
    if " :" in rest:
        rest, trailing = rest.split(" :", 1)
    elif rest.startswith(":"):
        rest, trailing = "", rest[1:]
    parts = rest.split()
    if not parts:
        raise InvalidInputError(f"IRC line without a command: {line[:80]!r}")
    params = parts[1:] + ([trailing] if trailing is not None else [])
    return IrcMessage(parts[0].upper(), params, prefix, tags)


def format_line(command: str, *params: str) -> str:
    """A client line; the last parameter becomes trailing. CR/LF/NUL cannot be smuggled in."""
    clean = [p.replace("\r", " ").replace("\n", " ").replace("\x00", "") for p in params]
    if clean and (" " in clean[-1] or clean[-1].startswith(":") or not clean[-1]):
        clean[-1] = ":" + clean[-1]
    return " ".join([command, *clean])


def parse_emotes(tag: str, text: str) -> list[tuple[str, str]]:
    """Twitch ``emotes`` tag (``25:0-4,12-16/1902:6-10``) → [(emote_id, emote_text), ...] in
    text order. Positions count Unicode code points, as Twitch sends them."""
    found: list[tuple[int, str, str]] = []
    for group in filter(None, tag.split("/")):
        emote_id, _, ranges = group.partition(":")
        for span in filter(None, ranges.split(",")):
            start_s, _, end_s = span.partition("-")
            try:
                start, end = int(start_s), int(end_s)
            except ValueError:
                continue
            if 0 <= start <= end < len(text):
                found.append((start, emote_id, text[start : end + 1]))
    return [(eid, name) for _, eid, name in sorted(found)]
