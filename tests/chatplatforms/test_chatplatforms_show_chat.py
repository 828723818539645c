"""Platform chat into a running show: the show file's ``chat:`` source (a Twitch-style IRC
channel on a real ngircd) is started by the registry with the show; a viewer's comment reaches
the show's chat and moderation decides; the bridge reconnects with backoff when the server goes
away and comes back; stopping the show closes it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from irc_poster import TOKEN, PosterClient

from shopcast.chatplatforms import Backoff
from shopcast.commerce import CommerceService
from shopcast.live.show import parse_show
from shopcast.live.show.registry import ShowRegistry
from shopcast.store import open_database
from show_helpers import sample_shop, wait_for

CHANNEL = "#shopcast"


def post(port: int, nick: str, *lines: str) -> None:
    """A viewer joins the channel on the IRC server and posts ``lines``."""

    async def scenario() -> None:
        viewer = PosterClient(port, nick)
        await viewer.connect(CHANNEL)
        for line in lines:
            await viewer.say(CHANNEL, line)
        await asyncio.sleep(0.3)
        await viewer.close()

    asyncio.run(scenario())


def test_irc_channel_feeds_the_running_show(
    irc_server, tmp_path: Path, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOPCAST_TEST_IRC_TOKEN", TOKEN)
    settings = sample_shop(tmp_path / "home", models_dir)
    db = open_database(settings)
    show = parse_show(
        {
            "show": "irc-show",
            "persona": "mina",
            "market": "en-US",
            "size": "360x640",
            "writer": "templates",
            "rundown": [{"product": "glow-serum", "seconds": 15, "segments": ["hook", "demo"]}],
            "chat": [
                {
                    "platform": "twitch",
                    "channel": CHANNEL,
                    "nick": "mia_host",
                    "token_env": "SHOPCAST_TEST_IRC_TOKEN",
                    "server": f"127.0.0.1:{irc_server.port}",
                    "tls": False,
                }
            ],
        },
        "test",
    )
    registry = ShowRegistry(
        settings,
        db,
        CommerceService(db),
        chat_backoff=lambda: Backoff(initial=0.1, maximum=0.5),
    )
    runner = registry.start(show)
    try:
        (bridge,) = registry.bridges("irc-show")
        wait_for(lambda: bridge.state == "connected", 20, "the bridge to join the channel")

        question = "Is the glow serum good for dry skin?"
        post(irc_server.port, "viewer1", question, "cheap followers at spam-site.xyz")
        wait_for(lambda: any(c.text == question for c in runner.recent_chat), 10, "the IRC comment")
        line = next(c for c in runner.recent_chat if c.text == question)
        assert line.name == "viewer1"
        wait_for(lambda: runner.status().chat_rejected >= 1, 10, "moderation to reject the spam")
        assert not any("spam-site" in c.text for c in runner.recent_chat)
        assert runner.status().chat_received == 1 and bridge.received == 2

        irc_server.stop()  # the server goes away: the show goes on, the bridge retries
        wait_for(lambda: bridge.state == "retrying", 15, "the bridge to notice")
        assert runner.running
        irc_server.start()
        wait_for(lambda: bridge.state == "connected", 20, "the bridge to reconnect")
        post(irc_server.port, "viewer2", "free gift cards at www.spam-site.xyz")
        wait_for(lambda: bridge.received == 3, 10, "a comment after the reconnect")
        wait_for(lambda: runner.status().chat_rejected >= 2, 10, "moderation to decide on it")
    finally:
        registry.stop("irc-show")
        db.close()
    assert bridge.state == "stopped" and not runner.running
