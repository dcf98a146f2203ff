"""Where session events go besides the window: the speaker, history, companions."""
