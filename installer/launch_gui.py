"""PyInstaller entry script for the GUI executable (mianze-desktop); see mianze-desktop.spec."""
import sys

from mianze_desktop.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
