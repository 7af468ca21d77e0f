"""PyInstaller entry script for the command-line executable (mianze); see mianze-desktop.spec."""
import sys

from mianze_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
