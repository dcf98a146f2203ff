"""Google's JavaScript SDK (`@google/genai`, pinned in tests/js/package-lock.json) for the
tests that drive the emulator with a second, independent client.

`scripts/setup.sh --test` installs Node (Debian's `nodejs`/`npm` when there is no `npm`) and
runs `npm ci` in tests/js; `ensure_js_sdk()` does the same `npm ci` when a test needs it and
the lock file changed since (never at collection time). Both write the lock file's hash to
`node_modules/.installed`, so either one's install satisfies the other.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
from pathlib import Path

JS_DIR = Path(__file__).resolve().parents[1] / "js"
CHECK_SCRIPT = JS_DIR / "live_sdk_check.mjs"
STAMP = JS_DIR / "node_modules" / ".installed"
MIN_NODE_MAJOR = 20
INSTALL_TIMEOUT_S = 600


class JsSdkUnavailable(RuntimeError):
    """Node, npm or the SDK cannot be had; the message says what to do."""


def _lock_hash() -> str:
    return hashlib.sha256((JS_DIR / "package-lock.json").read_bytes()).hexdigest()


def node_major(node: str) -> int:
    out = subprocess.run([node, "--version"], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().lstrip("v").split(".")[0])


def ensure_js_sdk() -> str:
    """The `node` executable, with tests/js/node_modules installed from the lock file."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise JsSdkUnavailable(
            "Node.js and npm are needed for the JavaScript SDK tests: run "
            "`bash scripts/setup.sh --test` (Debian: apt-get install nodejs npm)"
        )
    major = node_major(node)
    if major < MIN_NODE_MAJOR:
        raise JsSdkUnavailable(f"Node {major} is too old for @google/genai: need {MIN_NODE_MAJOR}+")
    wanted = _lock_hash()
    # Several test runs may share one checkout: one npm ci at a time (the lock lives outside
    # node_modules, which npm ci deletes first).
    with open(JS_DIR / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if STAMP.is_file() and STAMP.read_text().strip() == wanted:
            return node
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=JS_DIR,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0:
            raise JsSdkUnavailable(f"npm ci in {JS_DIR} failed:\n{done.stderr[-2000:]}")
        STAMP.write_text(wanted + "\n")
    return node
