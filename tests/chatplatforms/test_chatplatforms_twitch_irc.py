"""The Twitch IRC adapter against a real IRC server (ngircd) with a second client posting."""

from __future__ import annotations

import asyncio

import pytest
from irc_poster import TOKEN, PosterClient

from shopcast.chatplatforms import Backoff, TwitchIrcAdapter
from shopcast.errors import ProviderError

CHANNEL = "#shopcast"


def _adapter(port: int, token: str = TOKEN) -> TwitchIrcAdapter:
    return TwitchIrcAdapter(
        "shopcast",
        nick="mia_host",
        token=token,
        host="127.0.0.1",
        port=port,
        tls=False,
        backoff=Backoff(initial=0.1, maximum=0.5),
        timeout_s=5,
    )


async def _next(it, limit_s: float = 5.0):  # noqa: ANN001, ANN202
    return await asyncio.wait_for(anext(it), limit_s)


def test_receives_viewer_messages_and_sends_replies(irc_server) -> None:
    async def scenario() -> None:
        adapter = _adapter(irc_server.port)
        await adapter.connect()
        viewer = PosterClient(irc_server.port, "viewer1")
        await viewer.connect(CHANNEL)
        it = adapter.messages()
        await viewer.say(CHANNEL, "Is the lid leakproof?")
        await viewer.say(CHANNEL, "이거 식기세척기 돼요? 🙏")
        await viewer.say(CHANNEL, "\x01ACTION waves hello\x01")
        first, second, third = [await _next(it) for _ in range(3)]
        assert (first.platform, first.user_name, first.user_id) == ("twitch", "viewer1", "viewer1")
        assert first.text == "Is the lid leakproof?"
        assert second.text == "이거 식기세척기 돼요? 🙏"
        assert third.text == "waves hello"
        await adapter.send("Yes — the lid is leakproof!\r\nPRIVMSG #shopcast :injected")
        line = await viewer.wait_for(lambda s: "PRIVMSG #shopcast" in s and "mia_host" in s)
        assert line.rstrip("\r\n").endswith(
            ":Yes — the lid is leakproof! PRIVMSG #shopcast :injected"
        )  # one line: the CR LF could not start a second command
        await viewer.close()
        await adapter.close()

    asyncio.run(scenario())


def test_answers_server_ping_and_stays_connected(irc_server) -> None:
    async def scenario() -> None:
        adapter = _adapter(irc_server.port)
        await adapter.connect()
        it = adapter.messages()
        reader = asyncio.ensure_future(anext(it))
        for _ in range(130):  # ngircd pings after 5 s idle
            if adapter.pongs_sent:
                break
            await asyncio.sleep(0.1)
        assert adapter.pongs_sent >= 1
        viewer = PosterClient(irc_server.port, "viewer2")
        await viewer.connect(CHANNEL)
        await viewer.say(CHANNEL, "still there?")
        msg = await asyncio.wait_for(reader, 5)
        assert msg.text == "still there?" and adapter.reconnects == 0
        await viewer.close()
        await adapter.close()

    asyncio.run(scenario())


def test_reconnects_with_backoff_after_server_restart(irc_server) -> None:
    async def scenario() -> None:
        adapter = _adapter(irc_server.port)
        await adapter.connect()
        it = adapter.messages()
        reader = asyncio.ensure_future(anext(it))
        await asyncio.sleep(0.2)
        await asyncio.to_thread(irc_server.stop)
        await asyncio.sleep(0.5)
        await asyncio.to_thread(irc_server.start)
        for _ in range(100):
            if adapter.reconnects and adapter._writer is not None:
                break
            await asyncio.sleep(0.1)
        viewer = PosterClient(irc_server.port, "viewer3")
        await viewer.connect(CHANNEL)
        # The adapter's JOIN after reconnecting may land after the viewer's first line (IRC
        # does not replay missed lines): say it again until it arrives, for at most 8 s.
        for _ in range(16):
            await viewer.say(CHANNEL, "back again?")
            done, _pending = await asyncio.wait({reader}, timeout=0.5)
            if done:
                break
        msg = await asyncio.wait_for(reader, 1)
        assert msg.text == "back again?"
        assert adapter.reconnects >= 1
        await viewer.close()
        await adapter.close()

    asyncio.run(scenario())


def test_wrong_token_is_a_clear_non_retryable_error(irc_server) -> None:
    async def scenario() -> None:
        adapter = _adapter(irc_server.port, token="oauth:wrong")
        with pytest.raises(ProviderError) as info:
            await adapter.connect()
        assert not info.value.retryable and "refused" in info.value.message
        assert info.value.hint and "token" in info.value.hint

    asyncio.run(scenario())
