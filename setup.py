"""setuptools, with one copy step: the site's theme (docs/overrides, docs/assets) goes into the
wheel as rectify/templates/theme, so that ``rectify init`` makes a new site from an installed
package too. (An editable install reads docs/ from the checkout.) Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

THEME_FOLDERS = ("overrides", "assets")


class BuildWithTheme(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib, "rectify", "templates", "theme")
        for name in THEME_FOLDERS:
            shutil.copytree(Path(__file__).parent / "docs" / name, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithTheme})
