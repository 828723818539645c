"""Platform chat adapters: one interface (:class:`ChatAdapter`), one real adapter (Twitch IRC),
and the bridge that feeds a running show."""

from shopcast.chatplatforms.base import Backoff, ChatAdapter
from shopcast.chatplatforms.bridge import ChatBridge, adapter_for
from shopcast.chatplatforms.irc import IrcMessage, parse_line
from shopcast.chatplatforms.twitch_irc import TwitchChat, TwitchIrcAdapter, privmsg_to_chat

__all__ = [
    "Backoff",
    "ChatAdapter",
    "ChatBridge",
    "IrcMessage",
    "TwitchChat",
    "TwitchIrcAdapter",
    "adapter_for",
    "parse_line",
    "privmsg_to_chat",
]
