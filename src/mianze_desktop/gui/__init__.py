"""The PySide6 desktop GUI. Views are thin: every rule lives behind the service API.

Entry point: ``mianze_desktop.gui.app:main`` (console script ``mianze-desktop``).
Forms in ``gui/forms`` are generated from ``ui/*.ui`` by ``scripts/compile_ui.py``.
"""
