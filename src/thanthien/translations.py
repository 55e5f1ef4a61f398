"""Compiling the .po translation files to .mo with polib, so no gettext tools are needed at install.

It runs before Django loads any translation catalogue (from the ``thanthien`` command and the test
set-up), so a fresh checkout shows Vietnamese at once.
"""

from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def compile_translations(locale_dir: Path = LOCALE_DIR) -> int:
    import polib

    compiled = 0
    for po_path in locale_dir.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled += 1
    return compiled
