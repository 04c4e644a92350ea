"""Milestone 6: the chat page in a real browser — two people join a room, see each other type, and talk.

Runs headless Chromium (Debian's `chromium` package) through Playwright against the app served by
uvicorn on 127.0.0.1 (the memory hub). Saves a screenshot to `artifacts/chat.png` at the workspace root.
Skipped when /usr/bin/chromium is missing, unless `CI` is set (then the browser must be there).

Mistakes this test catches: a page that never gets a token or never opens the socket, a join
that is never sent, presence and typing that reach the socket but never the screen, a message
shown twice (history and live), user text inserted as HTML.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [pytest.mark.task(taskno=6), pytest.mark.slow, pytest.mark.timeout(90)]


@pytest.fixture
def chromium_path() -> str:
    """The browser to drive: skipped when it is missing, unless CI is set (then it must be there)."""
    if not CHROMIUM.is_file():
        reason = f"no browser at {CHROMIUM}: install it with `apt-get install -y chromium`"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the browser test must run: {reason}", pytrace=False)
        pytest.skip(reason)
    return str(CHROMIUM)


def test_two_browsers_chat_in_a_room(
    start_servers: Callable[..., Any], chromium_path: str, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect, sync_playwright

    (server,) = start_servers(1, CHAT_HUB="memory")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            ann, sam = (browser.new_context(viewport={"width": 900, "height": 640}).new_page() for _ in range(2))
            for page, name in ((ann, "ann"), (sam, "sam")):
                page.set_default_timeout(10_000)
                page.goto(server.url + "/")
                page.get_by_label("Your name").fill(name)
                page.get_by_label("Room").fill("lobby")
                page.get_by_role("button", name="Join").click()
                expect(page.locator("#members")).to_contain_text(f"{name} (you)")

            expect(ann.locator("#members")).to_contain_text("sam")
            expect(ann.locator("#messages")).to_contain_text("sam joined")

            sam.get_by_label("Message", exact=True).press_sequentially("Hello")
            expect(ann.locator("#typing")).to_have_text("sam is typing…")
            sam.get_by_label("Message", exact=True).press_sequentially(" from <b>Chromium</b>")
            sam.get_by_role("button", name="Send").click()

            line = ann.locator("#messages li", has_text="Hello from <b>Chromium</b>")
            expect(line).to_have_count(1)  # shown once, as text: the <b> must not become markup
            expect(line).to_contain_text("sam")
            expect(ann.locator("#typing")).to_have_text("")
            expect(sam.locator("#messages li", has_text="Hello from")).to_have_count(1)

            ann.get_by_label("Message", exact=True).fill("Hi sam, loud and clear")
            ann.get_by_label("Message", exact=True).press("Enter")
            expect(sam.locator("#messages")).to_contain_text("Hi sam, loud and clear")

            artifacts = Path(request.config.rootpath) / "artifacts"
            artifacts.mkdir(exist_ok=True)
            ann.screenshot(path=str(artifacts / "chat.png"))
        finally:
            browser.close()
