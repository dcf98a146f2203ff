"""Command-line arguments of `screenmate` (window by default, `--headless` for scripts)."""

from __future__ import annotations

import argparse

from desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screenmate",
        description="Talk to Gemini Live about what is on your screen. Without an API key "
        "(GEMINI_API_KEY, GOOGLE_API_KEY or the OS keychain) it runs on the bundled offline "
        "emulator.",
    )
    parser.add_argument("--version", action="version", version=f"screenmate {__version__}")
    parser.add_argument(
        "--headless",
        action="store_true",
        help="no window: print one JSON object per line on stdout for every session event",
    )
    parser.add_argument("--base-url", metavar="URL", help="Live API endpoint (default: Google)")
    parser.add_argument("--ca-file", metavar="PEM", help="trust this certificate for --base-url")
    parser.add_argument("--model", metavar="M", help="Live model name (default: from settings)")
    parser.add_argument(
        "--say",
        metavar="TEXT",
        nargs="+",
        action="extend",
        help="headless: type these lines, one per model turn (else lines are read from stdin)",
    )
    parser.add_argument(
        "--turns",
        metavar="N",
        type=int,
        help="headless: exit after N model turns (default: one per line said)",
    )
    parser.add_argument(
        "--timeout",
        metavar="S",
        type=float,
        default=0.0,
        help="headless: give up after S seconds with exit code 1 (default: no limit)",
    )
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="log verbosity on stderr",
    )
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.turns is not None and args.turns < 1:
        parser.error("--turns must be at least 1")
    if args.timeout < 0:
        parser.error("--timeout must not be negative")
    if not args.headless and (args.say or args.turns):
        parser.error("--say and --turns need --headless")
    return args
