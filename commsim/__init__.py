"""commsim: practise NHS consultations in free text and get feedback on your words."""

__version__ = "0.1.0"
