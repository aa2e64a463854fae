"""The learner's terminal app, in Textual: library, briefing, consultation, feedback, progress.

This package is a face on the core: screens own a consultation and call the
engine, scorer, store and report through thread workers; widgets only render
what they are given and post messages. Nothing in the core imports it.
"""
