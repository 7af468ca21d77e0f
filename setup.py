"""Map the top-level resources/ and ui/ folders into the package so that a
plain (non-editable) ``pip install .`` carries them inside the wheel."""
import os

from setuptools import find_packages, setup

DATA_ROOTS = {"mianze_desktop.resources": "resources", "mianze_desktop.ui": "ui"}


def _data_packages():
    packages, package_dir, package_data = [], {}, {}
    for pkg, root in DATA_ROOTS.items():
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith((".", "__"))]
            rel = os.path.relpath(dirpath, root)
            name = pkg if rel == "." else pkg + "." + rel.replace(os.sep, ".")
            packages.append(name)
            package_dir[name] = dirpath
            package_data[name] = ["*"]
    return packages, package_dir, package_data


extra_packages, extra_dirs, extra_data = _data_packages()
setup(
    packages=find_packages("src") + extra_packages,
    package_dir={"": "src", **extra_dirs},
    package_data=extra_data,
)
