"""A headless Wayland desktop with the ScreenCast portal, started and torn down by the tests.

    desk = WaylandDesktop(scale=1); desk.start(); ... desk.env ...; desk.stop()

Started in order, each waited for: a private D-Bus session bus, PipeWire, WirePlumber (without
it no stream is ever linked, and nothing errors), sway (headless backend, pixman renderer, run
as `nobody` because sway refuses root), xdg-desktop-portal-wlr (with `xdpw_shm_fix.so`
preloaded: Debian 12's 0.7.0 needs a DMA-BUF format that a GPU-less compositor never offers)
and xdg-desktop-portal. Parts can be left out to make the failures the app must explain: no
portal, no PipeWire, no ScreenCast backend, or a chooser that the "user" cancels or never
answers.

Every process we start, and every one the stack spawns by itself, carries SCREENMATE_WL_TAG in
its environment; `stop()` ends them newest first and then looks for stragglers in /proc.
Missing binaries are an error with the install hint, never a skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAG = "SCREENMATE_WL_TAG"
NOBODY = 65534
OUTPUT = "HEADLESS-1"
BINARIES = ("dbus-daemon", "dbus-send", "dbus-update-activation-environment", "pipewire",
            "wireplumber", "sway", "swaymsg", "grim", "gcc", "setpriv")  # fmt: skip
PORTAL = "/usr/libexec/xdg-desktop-portal"
PORTAL_WLR = "/usr/libexec/xdg-desktop-portal-wlr"
XDPW_NAME = "org.freedesktop.impl.portal.desktop.wlr"
# What a client of this desktop needs to find it (the rest of its environment is the caller's).
CLIENT_KEYS = ("XDG_RUNTIME_DIR", "XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE",
               "DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY", "SWAYSOCK", TAG)  # fmt: skip
INSTALL_HINT = "run scripts/setup.sh --test (it installs sway, the portals, PipeWire and gcc)"


BUS_WITHOUT_SERVICES = """<busconfig>
  <type>session</type>
  <listen>{}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>{}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class DesktopError(RuntimeError):
    pass


def build_shm_fix(out_dir: Path) -> Path:
    """Compile the portal backend's SHM fix (a fraction of a second with gcc)."""
    lib = out_dir / "xdpw_shm_fix.so"
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-O2", "-o", str(lib), str(HERE / "xdpw_shm_fix.c"), "-ldl"],
        check=True,
        capture_output=True,
    )
    return lib


class WaylandDesktop:
    def __init__(
        self,
        width: int = 1920,
        height: int = 1080,
        scale: float = 1.0,
        *,
        portal: bool = True,
        pipewire: bool = True,
        screencast: bool = True,
        chooser_cmd: str | None = None,
    ) -> None:
        self.width, self.height, self.scale = width, height, scale
        self.portal, self.pipewire = portal, pipewire
        # The portal's "dialog": None picks the output at once; "false" is a user who cancels,
        # "sleep 600" one who never answers.
        self.screencast, self.chooser_cmd = screencast, chooser_cmd
        self.tag = uuid.uuid4().hex
        self.root = Path(tempfile.mkdtemp(prefix="sm-wayland-", dir="/tmp"))
        self.root.chmod(0o755)  # sway (as nobody) must traverse it
        self.runtime = self.root / "run"
        self.sway_runtime = self.root / "sway-run"
        self.logs = self.root / "logs"
        self._procs: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.env: dict[str, str] = {}

    # -- start ----------------------------------------------------------------------------

    def start(self) -> WaylandDesktop:
        missing = [b for b in BINARIES if shutil.which(b) is None]
        missing += [p for p in (PORTAL, PORTAL_WLR) if not Path(p).exists()]
        if missing:
            raise DesktopError(f"missing {', '.join(missing)}: {INSTALL_HINT}")
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait(self, check: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
        """Wait for `check`; a started process that died meanwhile fails at once, with its log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            for name, proc in self._procs:
                if proc.poll() is not None and name not in ("xdpw",):
                    raise DesktopError(
                        f"the Wayland test desktop: {name} exited ({proc.returncode}) while "
                        f"waiting for {what}:\n{self.log(name)[-2000:]}"
                    )
            time.sleep(0.05)
        raise DesktopError(f"the Wayland test desktop: {what} did not come up in {timeout:.0f} s")

    def _start(self) -> None:
        self.runtime.mkdir(mode=0o700)
        self.sway_runtime.mkdir(mode=0o700)
        os.chown(self.sway_runtime, NOBODY, NOBODY)
        self.logs.mkdir()
        config = self.root / "config"
        (config / "xdg-desktop-portal-wlr").mkdir(parents=True)
        bus = f"unix:path={self.runtime}/bus"
        base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.env = {
            **base,
            TAG: self.tag,
            "XDG_RUNTIME_DIR": str(self.runtime),
            "XDG_CONFIG_HOME": str(config),
            "XDG_CURRENT_DESKTOP": "sway",
            "XDG_SESSION_TYPE": "wayland",
            "DBUS_SESSION_BUS_ADDRESS": bus,
        }
        if self.portal and self.screencast:
            bus_args = ["--session", f"--address={bus}"]
        else:  # nothing installed to activate: no portal, or no ScreenCast backend
            (self.root / "no-services").mkdir()
            conf = self.root / "bus.conf"
            conf.write_text(BUS_WITHOUT_SERVICES.format(bus, self.root / "no-services"))
            bus_args = [f"--config-file={conf}"]
        self._spawn("dbus", ["dbus-daemon", *bus_args, "--nofork"])
        self._wait(lambda: (self.runtime / "bus").exists(), "the D-Bus session bus")
        if self.pipewire:
            self._spawn("pipewire", ["pipewire"])
            self._wait(lambda: (self.runtime / "pipewire-0").exists(), "PipeWire")
            self._spawn("wireplumber", ["wireplumber"])
            time.sleep(0.3)
        self._start_sway()
        self.env["WAYLAND_DISPLAY"] = "wayland-1"
        self.env["SWAYSOCK"] = str(self._swaysock())
        subprocess.run(
            ["dbus-update-activation-environment", "WAYLAND_DISPLAY", "SWAYSOCK",
             "XDG_CURRENT_DESKTOP", TAG],
            env=self.env, check=True, capture_output=True, timeout=10,
        )  # fmt: skip
        if self.portal:
            chooser = f"simple\nchooser_cmd={self.chooser_cmd}" if self.chooser_cmd else "none"
            (config / "xdg-desktop-portal-wlr" / "config").write_text(
                f"[screencast]\nchooser_type={chooser}\noutput_name={OUTPUT}\nmax_fps=30\n"
            )
            fix = build_shm_fix(self.root)
            if self.screencast:
                self._spawn("xdpw", [PORTAL_WLR, "-r"], extra={"LD_PRELOAD": str(fix)})
            if self.screencast and self.pipewire:  # without PipeWire it gives up at once
                self._wait(lambda: self._has_name(XDPW_NAME), "xdg-desktop-portal-wlr")
            self._spawn("portal", [PORTAL, "-r"])
            self._wait(lambda: self._has_name("org.freedesktop.portal.Desktop"), "the portal")

    def _start_sway(self) -> None:
        scale = f" scale {self.scale:g}" if self.scale != 1 else ""
        conf = self.root / "sway.conf"
        conf.write_text(
            f"output {OUTPUT} mode {self.width}x{self.height}@60Hz position 0 0{scale}\n"
            "default_border none\ndefault_floating_border none\nfocus_follows_mouse no\n"
        )
        conf.chmod(0o644)
        env = {
            **self.env,
            "XDG_RUNTIME_DIR": str(self.sway_runtime),
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
            "WLR_HEADLESS_OUTPUTS": "1",
            "HOME": str(self.root),
        }
        setpriv = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        self._spawn("sway", [*setpriv, "sway", "-c", str(conf)], env=env)
        self._wait(lambda: (self.sway_runtime / "wayland-1").exists(), "sway")
        self._wait(lambda: self._swaysock() is not None, "sway's IPC socket")
        link = self.runtime / "wayland-1"
        link.symlink_to(self.sway_runtime / "wayland-1")

    def _swaysock(self) -> Path | None:
        found = sorted(self.sway_runtime.glob("sway-ipc.*.sock"))
        return found[0] if found else None

    def _spawn(
        self,
        name: str,
        argv: list[str],
        *,
        env: dict[str, str] | None = None,
        extra: dict[str, str] | None = None,
    ) -> subprocess.Popen[bytes]:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            argv,
            env={**(env or self.env), **(extra or {})},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self._procs.append((name, proc))
        return proc

    def _has_name(self, name: str) -> bool:
        result = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
            env=self.env, capture_output=True, text=True, timeout=5, check=False,
        )  # fmt: skip
        return "boolean true" in result.stdout

    def client_env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """`base` (default: this process's environment) as a client of this desktop: its
        Wayland display, bus and runtime dir, and no X display."""
        env = {
            k: v
            for k, v in (base or dict(os.environ)).items()
            if k not in ("DISPLAY", "QT_QPA_PLATFORM")  # Qt finds Wayland by itself
        }
        env.update({k: self.env[k] for k in CLIENT_KEYS if k in self.env})
        return env

    def end(self, name: str) -> None:
        """End one part of the desktop (as when the user's session loses it)."""
        for part, proc in self._procs:
            if part == name:
                _end(proc.pid, proc)

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- helpers for tests ------------------------------------------------------------------

    def swaymsg(self, *args: str) -> str:
        result = subprocess.run(
            ["swaymsg", "-s", self.env["SWAYSOCK"], *args],
            env=self.env, capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
        return result.stdout

    def screenshot(self, path: Path) -> Path:
        """What the output shows now, as a PNG (grim over the Wayland protocol)."""
        subprocess.run(["grim", str(path)], env=self.env, check=True, timeout=20)
        return path

    # -- stop -----------------------------------------------------------------------------

    def stop(self) -> None:
        for _name, proc in reversed(self._procs):
            _end(proc.pid, proc)
        self._procs.clear()
        for pid in self.tagged_processes():
            _end(pid, None)
        doc = self.runtime / "doc"
        if doc.is_mount():
            subprocess.run(["fusermount", "-u", str(doc)], check=False, capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def tagged_processes(self) -> list[int]:
        """Processes the stack spawned by itself (swaybg, document portal, ...)."""
        needle = f"{TAG}={self.tag}".encode()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            with contextlib.suppress(OSError):
                if needle in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
        return sorted(found, reverse=True)


def _end(pid: int, proc: subprocess.Popen[bytes] | None) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGTERM)
    if proc is not None:
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        return
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)
