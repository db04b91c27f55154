"""beian: an open-source ICP filing (ICP备案) agency platform."""

__version__ = "0.1.0"
