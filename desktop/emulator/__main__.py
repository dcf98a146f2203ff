"""Run the Live emulator standalone: `python -m desktop.emulator --port 8765`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
from pathlib import Path

from desktop.emulator.models import MODEL_LIST, known_models
from desktop.emulator.server import DEFAULT_CERT_DIR, LiveEmulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.emulator", description="Local Gemini Live API emulator."
    )
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--cert-dir", type=Path, default=DEFAULT_CERT_DIR)
    parser.add_argument("--api-key", default=None, help="require this API key")
    parser.add_argument("--reply-delay", type=float, default=0.3, help="seconds before a reply")
    parser.add_argument("--chunk-delay", type=float, default=0.08, help="seconds between chunks")
    parser.add_argument(
        "--known-models",
        default="any",
        metavar="SPEC",
        help='models accepted at setup: "any" (default), "default" (see --model-list) or '
        "NAME,NAME,...; others are refused with Google's 1008",
    )
    parser.add_argument(
        "--model-list", action="store_true", help="print the models it emulates and exit"
    )
    parser.add_argument(
        "--preview-quirks",
        action="store_true",
        help="gemini-3.1-flash-live-preview turns sometimes end without usage or turnComplete",
    )
    parser.add_argument(
        "--async-calls",
        action="store_true",
        help="3.8 Live talks on while a NON_BLOCKING tool runs, then uses its scheduling",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args(argv)


def model_list() -> str:
    return "\n".join(f"{name:40} {about}" for name, about in MODEL_LIST)


async def serve(args: argparse.Namespace) -> None:
    emu = LiveEmulator(
        port=args.port,
        host=args.host,
        cert_dir=args.cert_dir,
        api_key=args.api_key,
        known_models=known_models(args.known_models),
        reply_delay_s=args.reply_delay,
        chunk_delay_s=args.chunk_delay,
        journal=False,  # a standalone server runs for as long as someone uses it
    )
    emu.preview_quirks = args.preview_quirks
    emu.async_calls = args.async_calls
    async with emu:
        print(f"Gemini Live emulator at {emu.base_url}")
        print(f"CA file: {emu.ca_file}")
        print("Press Ctrl-C to stop.", flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.model_list:
        print(model_list())
        return
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))


if __name__ == "__main__":
    main()
