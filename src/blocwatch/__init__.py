"""blocwatch: a self-hosted news-intelligence engine for geopolitics."""

__version__ = "0.1.0"
