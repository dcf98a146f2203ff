"""The headless shell: `screenmate --headless`, the same session as the window with JSON lines
on stdout instead of widgets. `run.py` composes it; `pacer.py` paces the lines to say; the
other modules attach one feature each (history, tools, vision, voice, companions)."""
