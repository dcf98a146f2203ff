"""Real Chromium (Debian's, driven by Playwright) on the companion page, a fake microphone
speaking espeak-ng speech, the real LiveSession and the real emulator behind the hub.

Set SCREENMATE_DOCS_SCREENSHOTS=1 to also write docs/screenshots/companion-*.png.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from desktop.companion import CompanionService
from desktop.core.fanout import EventFanout
from desktop.emulator import LiveEmulator
from desktop.session.endpoint import open_endpoint
from desktop.session.live_session import LiveSession
from desktop.settings import Settings
from playwright.async_api import Browser, Page, async_playwright, expect

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "docs" / "screenshots"
WAIT_MS = 20_000


@pytest.fixture
def speech_wav(tmp_path: Path) -> Path:
    wav = tmp_path / "speech.wav"
    subprocess.run(
        ["espeak-ng", "-s", "150", "-w", str(wav), "What is on my screen right now?"],
        check=True,
        timeout=30,
    )
    return wav


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[tuple[CompanionService, LiveEmulator]]:
    emulator = LiveEmulator(port=0, cert_dir=tmp_path / "emu-certs")
    await emulator.start()
    endpoint, close_endpoint = await open_endpoint(
        base_url=emulator.base_url, ca_file=str(emulator.ca_file)
    )
    events = EventFanout()
    session = LiveSession(endpoint, Settings(), events)
    task = asyncio.create_task(session.run())
    service = CompanionService(events, lambda: session, base_dir=tmp_path / "companion")
    await service.start(host="127.0.0.1", port=0, advertise=False)
    yield service, emulator
    await service.stop()
    service.close()
    await session.stop()
    await asyncio.gather(task, return_exceptions=True)
    await close_endpoint()
    await emulator.stop()


@pytest.fixture
async def browser(speech_wav: Path) -> AsyncIterator[Browser]:
    assert shutil.which(CHROMIUM), "Debian's chromium is needed (scripts/setup.sh --test)"
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--autoplay-policy=no-user-gesture-required",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={speech_wav}",
            ],
        )
        yield browser
        await browser.close()


async def new_page(browser: Browser, width: int, height: int, **kwargs: Any) -> Page:
    context = await browser.new_context(
        viewport={"width": width, "height": height},
        ignore_https_errors=True,  # the per-install certificate, not trusted by this profile
        device_scale_factor=1,
        has_touch=False,
        **kwargs,
    )
    return await context.new_page()


async def shot(page: Page, name: str, tmp_dir: Path) -> None:
    await page.screenshot(path=str(tmp_dir / name))
    if os.environ.get("SCREENMATE_DOCS_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SHOTS / name))


async def test_phone_pairs_with_the_code_speaks_and_hears_the_answer(
    live: tuple[CompanionService, LiveEmulator], browser: Browser, tmp_path: Path
) -> None:
    service, emulator = live
    page = await new_page(browser, 390, 760)
    await page.goto(service.urls()[0])
    await expect(page.locator("#pair-view")).to_be_visible()
    await page.fill("#pair-code", service.offer().code)
    await page.fill("#pair-name", "Test phone")
    await page.click("#pair-button")
    await expect(page.locator("#talk-view")).to_be_visible(timeout=WAIT_MS)
    await expect(page.locator("#status-text")).to_have_text("Live", timeout=WAIT_MS)
    assert [d.name for d in service.access.devices] == ["Test phone"]

    # Push to talk: hold the button while the fake microphone speaks.
    await page.locator("#talk").hover()
    await page.mouse.down()
    await expect(page.locator("#talk-label")).to_have_text("Listening…", timeout=WAIT_MS)
    for _ in range(100):
        if len(emulator.received_audio_bytes()) >= 16_000 * 2 * 2:  # 2 s of 16 kHz PCM16
            break
        await asyncio.sleep(0.1)
    await page.mouse.up()
    audio = emulator.received_audio_bytes()
    assert len(audio) >= 16_000 * 2 * 2, "the emulator did not receive the page's audio"
    assert (
        max(
            abs(int.from_bytes(audio[i : i + 2], "little", signed=True))
            for i in range(0, len(audio), 2)
        )
        > 1000
    ), "the audio is silent"

    answer = page.locator(".line.model", has_text="I heard")
    await expect(answer.first).to_be_visible(timeout=WAIT_MS)
    stats = await page.evaluate("window.companionStats")
    assert stats["audioChunksOut"] >= 40
    assert stats["audioBytesIn"] > 0, "the spoken answer did not reach the page"

    await page.fill("#text", "and what about this?")
    await page.press("#text", "Enter")
    typed = page.locator(".line.model", has_text='You wrote: "and what about this?"')
    await expect(typed).to_be_visible(timeout=WAIT_MS)
    await page.wait_for_timeout(300)
    await shot(page, "companion-phone.png", tmp_path)
    await page.set_viewport_size({"width": 396, "height": 396})  # the round-watch layout
    await page.wait_for_timeout(300)
    await shot(page, "companion-watch.png", tmp_path)


async def test_watch_pairs_from_the_qr_link_and_types_when_voice_is_unavailable(
    live: tuple[CompanionService, LiveEmulator], browser: Browser, tmp_path: Path
) -> None:
    service, emulator = live
    page = await new_page(browser, 396, 396)
    # A browser that gives the page no microphone (as on a certificate it cannot trust).
    await page.add_init_script(
        "Object.defineProperty(navigator, 'mediaDevices', {value: undefined})"
    )
    link = service.pairing_url(service.offer())
    await page.goto(link)
    await expect(page.locator("#talk-view")).to_be_visible(timeout=WAIT_MS)
    assert "#pair=" not in page.url, "the one-time secret must leave the address bar"
    await expect(page.locator("#notice")).to_contain_text("no microphone")
    await expect(page.locator("#talk-label")).to_have_text("Voice unavailable")
    await page.fill("#text", "hello")
    await page.press("#text", "Enter")
    await expect(page.locator(".line.model", has_text='You wrote: "hello"')).to_be_visible(
        timeout=WAIT_MS
    )
    # Google's habit: the last transcription piece after turnComplete. The desktop revises the
    # finished line; the watch must replace it in place, not show a second line.
    emulator.quirks.late_transcription = 1
    await page.fill("#text", "again")
    await page.press("#text", "Enter")
    answer = page.locator(".line.model", has_text='You wrote: "again"')
    await expect(answer).to_have_count(1, timeout=WAIT_MS)
    await page.wait_for_timeout(500)  # the late piece and its revised line have arrived
    await expect(answer).to_have_count(1)
    await expect(page.locator(".line.model")).to_have_count(2)
    # A reload uses the stored token (no secret in the URL any more).
    await page.reload()
    await expect(page.locator("#status-text")).to_have_text("Live", timeout=WAIT_MS)
    await expect(page.locator(".line.model").last).to_contain_text("You wrote")
    await shot(page, "companion-watch-text-only.png", tmp_path)
