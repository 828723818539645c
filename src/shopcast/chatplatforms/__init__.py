"""Platform chat adapters: one interface (:class:`ChatAdapter`), one real adapter (Twitch IRC)."""

from shopcast.chatplatforms.base import Backoff, ChatAdapter
from shopcast.chatplatforms.irc import IrcMessage, parse_line
from shopcast.chatplatforms.twitch_irc import TwitchChat, TwitchIrcAdapter, privmsg_to_chat

__all__ = [
    "Backoff",
    "ChatAdapter",
    "IrcMessage",
    "TwitchChat",
    "TwitchIrcAdapter",
    "parse_line",
    "privmsg_to_chat",
]
