"""Screenmate: talk to Gemini Live about what is on your screen."""

__version__ = "0.1.0"
