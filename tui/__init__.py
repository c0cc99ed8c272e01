"""jiedu (解读): a terminal reader for Chinese tech-business news clippings."""

__version__ = "0.1.0"
