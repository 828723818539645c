"""shopcast: AI virtual hosts for live commerce."""

__version__ = "0.1.0"
