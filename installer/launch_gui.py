"""PyInstaller entry script for the GUI executable (mianze-desktop); see mianze-desktop.spec.

On Linux the bundle has one executable: ``mianze`` is a symlink to ``mianze-desktop`` (saves the
second 8 MB copy of the Python archive), so invoked under the CLI's name this runs the CLI.
"""
import os
import sys

if __name__ == "__main__":
    if os.path.basename(sys.argv[0]) == "mianze":
        from mianze_desktop.cli import main
    else:
        from mianze_desktop.gui.app import main
    sys.exit(main())
