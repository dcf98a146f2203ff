"""Voice I/O glue that is neither pure nor Qt: device listing, resampling, echo cancellation
and the `Voice` wiring (mic → session, session events → speaker) shared by window and headless.
"""
