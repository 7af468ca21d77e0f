"""mianze_desktop: 社会救助容错纠错 / 尽职免责 case handling."""

__version__ = "0.1.0"

from .store import pg_driver as _pg_driver  # noqa: E402

_pg_driver.defer()  # peewee without the PostgreSQL driver until a PostgreSQL database is opened
