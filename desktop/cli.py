"""Command-line arguments of `screenmate` (window by default, `--headless` for scripts)."""

from __future__ import annotations

import argparse

from desktop import __version__
from desktop.core.source_spec import USAGE, SourceSpec, parse_source


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
        "--source",
        metavar="SPEC",
        type=_source,
        help=f"share a picture with the model: {USAGE}",
    )
    parser.add_argument(
        "--fps-max",
        metavar="F",
        type=float,
        help="at most F frames per second (default: from settings, 1)",
    )
    parser.add_argument(
        "--companion-port",
        metavar="P",
        type=int,
        help="headless: let watches and phones join on port P (0: any free port) and print "
        "the pairing code as a JSON event",
    )
    parser.add_argument(
        "--companion-host",
        metavar="H",
        help="with --companion-port: listen on H only, e.g. 127.0.0.1 (default: the LAN)",
    )
    parser.add_argument(
        "--mic",
        metavar="DEVICE",
        help="headless: talk through this microphone ('default' or a device name)",
    )
    parser.add_argument(
        "--speaker",
        metavar="DEVICE",
        help="headless: play the model's voice on this device ('default' or a device name)",
    )
    parser.add_argument(
        "--talk",
        choices=["hands-free", "push-to-talk"],
        help="talk mode (default: from settings); headless push-to-talk reads /press and "
        "/release lines on stdin",
    )
    parser.add_argument(
        "--no-history",
        action="store_true",
        help="do not write this session to the history database",
    )
    parser.add_argument(
        "--ready-file",
        metavar="PATH",
        help="window: write 'live' to PATH once the session is live (scripts, tests)",
    )
    parser.add_argument(
        "--running",
        action="store_true",
        help="only say whether Screenmate already runs for this user, and on which display "
        "(exit 0 if it does, 1 if not)",
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
    if not args.headless and (args.mic or args.speaker or args.talk):
        parser.error("--mic, --speaker and --talk need --headless (the window has its own)")
    if not args.headless and (args.source or args.fps_max):
        parser.error("--source and --fps-max need --headless (the window has a source picker)")
    if args.fps_max is not None and not 0 < args.fps_max <= 5:
        parser.error("--fps-max must be more than 0 and at most 5")
    if args.companion_port is not None and not 0 <= args.companion_port <= 65535:
        parser.error("--companion-port must be 0 to 65535")
    if args.companion_port is not None and not args.headless:
        parser.error("--companion-port needs --headless (in the window: Session › Pair a device…)")
    if args.companion_host and args.companion_port is None:
        parser.error("--companion-host needs --companion-port")
    return args


def _source(text: str) -> SourceSpec:
    try:
        return parse_source(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
