"""The app's screens, one per file; each owns its work and talks to the core through thread workers."""
