"""Tension Desktop: an offline facilitation instrument for leadership teams."""

__version__ = "0.1.0"
APP_NAME = "tension-desktop"
