"""Take docs/watch-page.png: the watch page of a real show (sample catalog, builtin persona,
templates, no LLM) in headless Chromium, with chat, the pinned product and the flash deal.

    .venv/bin/python scripts/screenshot_watch.py [--out docs/watch-page.png]

Needs Debian's chromium (/usr/bin/chromium) and the dev extra (playwright). Takes about a
minute: the show has to start and reach its deal.
"""

from __future__ import annotations

import argparse
import io
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from shopcast.config import Settings, load_settings
from shopcast.store import open_database
from shopcast.web.testing import (
    LiveSite,
    ServerThread,
    demo_show,
    start_show,
    wait_until,
    watch_app,
)

CHAT = [
    ("Jisoo", "Just joined! 👋"),
    ("Marco", "Is the sun fluid okay under makeup?"),
    ("Lena", "that glow though ✨"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/watch-page.png"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--size", default="1200x760", help="viewport, e.g. 390x844 for a phone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        models = load_settings().models_dir  # the installed models; the rest is throwaway
        settings = Settings(home=Path(home), models=models, database_url=None)
        db = open_database(settings)
        app = watch_app(settings, db)
        runner = start_show(app, demo_show("glow-live"))
        site = LiveSite(ServerThread(app).start(), app, runner, db)
        try:
            png = _shoot(site, args.chromium, args.size)
        finally:
            site.stop()
            db.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # 256 colours keep the PNG small enough to commit as documentation
    Image.open(io.BytesIO(png)).convert("RGB").quantize(256, dither=Image.Dither.NONE).save(
        args.out, optimize=True
    )
    print(f"{args.out}: {args.out.stat().st_size / 1024:.0f} KB")


def _shoot(site: LiveSite, chromium: str, size: str) -> bytes:
    width, height = (int(n) for n in size.split("x"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--autoplay-policy=no-user-gesture-required"]
        )
        page = browser.new_page(viewport={"width": width, "height": height}, bypass_csp=True)
        page.goto(site.watch_url)
        page.wait_for_function("document.querySelector('video').currentTime > 1", timeout=60_000)
        for name, text in CHAT:
            site.runner.post_chat(f"demo-{name.lower()}", name, text)
        wait_until(lambda: site.runner.state().deal, 90, "the flash deal")
        page.locator("#deal").wait_for(state="visible", timeout=10_000)
        page.wait_for_timeout(1500)
        png = page.screenshot()
        browser.close()
        return png


if __name__ == "__main__":
    main()
