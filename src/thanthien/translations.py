"""Compiling the .po translation files to .mo with polib, so no gettext tools are needed at install.

It runs before Django loads any translation catalogue (from the ``thanthien`` command and the test
set-up), so a fresh checkout shows Vietnamese at once.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"


def catalogues(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The project's catalogue and each app's own (``<app>/locale``), found by Django by itself."""
    return sorted(
        [
            *package_dir.glob("locale/*/LC_MESSAGES/*.po"),
            *package_dir.glob("*/locale/*/LC_MESSAGES/*.po"),
        ]
    )


def compile_translations(package_dir: Path = PACKAGE_DIR) -> int:
    import polib

    compiled = 0
    for po_path in catalogues(package_dir):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled += 1
    return compiled
