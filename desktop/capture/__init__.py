"""Capture edges: they move pixels and samples in from the machine, and decide nothing."""
