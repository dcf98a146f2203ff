"""Picking an audio device by its persisted name (pure: device lists come in as data)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_DEVICE = "default"


class Direction(StrEnum):
    INPUT = "input"
    OUTPUT = "output"


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    inputs: int
    outputs: int
    default_rate: float

    def channels(self, direction: Direction) -> int:
        return self.inputs if direction is Direction.INPUT else self.outputs


@dataclass(frozen=True)
class DeviceChoice:
    device: DeviceInfo | None
    note: str = ""  # why the wanted device was not used, for the user


def is_default(wanted: str) -> bool:
    return wanted.strip().lower() in ("", DEFAULT_DEVICE)


def device_names(devices: list[DeviceInfo], direction: Direction) -> list[str]:
    """Names of the devices that can go that way, without duplicates, in the system's order."""
    names: list[str] = []
    for device in devices:
        if device.channels(direction) > 0 and device.name not in names:
            names.append(device.name)
    return names


def choose_device(
    devices: list[DeviceInfo], wanted: str, direction: Direction, default_index: int | None
) -> DeviceChoice:
    """The wanted device by exact name, else by a unique case-insensitive part of its name,
    else the system default (with a note saying so); None when there is no device at all."""
    usable = [d for d in devices if d.channels(direction) > 0]
    if not usable:
        return DeviceChoice(None, f"No audio {direction.value} device was found.")
    default = next((d for d in usable if d.index == default_index), usable[0])
    if is_default(wanted):
        return DeviceChoice(default)
    exact = [d for d in usable if d.name == wanted]
    if exact:
        return DeviceChoice(exact[0])
    partial = [d for d in usable if wanted.strip().lower() in d.name.lower()]
    if len(partial) == 1:
        return DeviceChoice(partial[0])
    return DeviceChoice(
        default,
        f"{direction.value.capitalize()} device “{wanted}” is not "
        f"available; using “{default.name}”.",
    )
