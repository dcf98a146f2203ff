"""Entry point: `screenmate` / `python -m desktop`. Window by default, `--headless` for scripts."""

from __future__ import annotations

import asyncio
import logging
import sys

from desktop.cli import parse_args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, args.log_level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.running:
        from desktop.ui.single_instance import running_instance_display

        where = running_instance_display()
        if where is None:
            return 1
        print(f"Screenmate is already running on {where}.")
        return 0
    if args.headless:
        from desktop.capture.factory import needs_portal
        from desktop.headless.run import run_headless

        try:
            if needs_portal(args.source):  # Wayland screen sharing needs a Qt loop
                from desktop.ui.screencast import run_headless_with_qt

                return run_headless_with_qt(run_headless(args))
            return asyncio.run(run_headless(args))
        except KeyboardInterrupt:
            return 130
    from desktop.ui.gui_app import run_gui

    return run_gui(
        base_url=args.base_url,
        ca_file=args.ca_file,
        model=args.model,
        ready_file=args.ready_file,
    )


if __name__ == "__main__":
    sys.exit(main())
