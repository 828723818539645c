"""IRC / IRCv3 / Twitch line parsing (real Twitch line formats)."""

from __future__ import annotations

import pytest

from shopcast.chatplatforms import Backoff, parse_line, privmsg_to_chat
from shopcast.chatplatforms.irc import format_line, parse_emotes, unescape_tag_value
from shopcast.errors import InvalidInputError

TWITCH_PRIVMSG = (
    "@badge-info=;badges=broadcaster/1;color=#0D4200;display-name=Ronni\\sK;"
    "emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;"
    "room-id=1337;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type= "
    ":ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa is it waterproof?"
)


def test_parses_twitch_privmsg_with_tags_and_emotes() -> None:
    irc = parse_line(TWITCH_PRIVMSG)
    assert irc.command == "PRIVMSG" and irc.params[0] == "#ronni" and irc.nick == "ronni"
    assert irc.tags["display-name"] == "Ronni K" and irc.tags["user-type"] == ""
    chat = privmsg_to_chat(irc)
    msg = chat.message
    assert (msg.user_name, msg.user_id, msg.id) == (
        "Ronni K",
        "1337",
        "b34ccfc7-4977-403a-8a94-33c6bac34fb8",
    )
    assert msg.received_at == pytest.approx(1507246572.675)
    assert msg.text == "Kappa Keepo Kappa is it waterproof?"
    assert chat.emotes == [("25", "Kappa"), ("1902", "Keepo"), ("25", "Kappa")]


def test_unicode_display_name_action_and_escapes() -> None:
    line = (
        "@display-name=미아;user-id=9;emotes= :mia!mia@mia.tmi.twitch.tv PRIVMSG #shop "
        ":\x01ACTION 가격이 얼마예요?\x01"
    )
    chat = privmsg_to_chat(parse_line(line))
    assert chat.is_action and chat.message.text == "가격이 얼마예요?"
    assert chat.message.user_name == "미아" and chat.emotes == []
    assert unescape_tag_value(r"a\:b\sc\\d\n") == "a;b c\\d\n"


def test_server_lines_and_errors() -> None:
    ping = parse_line("PING :tmi.twitch.tv")
    assert ping.command == "PING" and ping.trailing == "tmi.twitch.tv"
    numeric = parse_line(":tmi.twitch.tv 001 mia :Welcome, GLHF!\r\n")
    assert numeric.command == "001" and numeric.params == ["mia", "Welcome, GLHF!"]
    cap = parse_line(":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands")
    assert cap.params == ["*", "ACK", "twitch.tv/tags twitch.tv/commands"]
    with pytest.raises(InvalidInputError):
        parse_line("   ")
    with pytest.raises(InvalidInputError):
        parse_line(":prefix.only")


def test_format_line_cannot_smuggle_commands() -> None:
    assert format_line("PRIVMSG", "#c", "hi\r\nQUIT :bye") == "PRIVMSG #c :hi  QUIT :bye"
    assert format_line("JOIN", "#c") == "JOIN #c"


def test_emote_ranges_out_of_bounds_are_ignored() -> None:
    assert parse_emotes("25:0-4,90-99/x:a-b", "Kappa") == [("25", "Kappa")]


def test_backoff_grows_caps_and_resets() -> None:
    backoff = Backoff(initial=1, factor=2, maximum=5, jitter=0)
    assert [backoff.next_delay() for _ in range(5)] == [1, 2, 4, 5, 5]
    backoff.reset()
    assert backoff.next_delay() == 1
