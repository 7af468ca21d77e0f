"""mianze_desktop: 社会救助容错纠错 / 尽职免责 case handling."""

__version__ = "0.1.0"
