"""The Vietnamese catalogue is complete: every entry translated, none fuzzy, placeholders kept, and no
English sentence left standing in place of its translation."""

import re

import polib
import pytest

from thanthien.translations import catalogues

# The project's Vietnamese catalogue and each app's own.
VI_POS = [path for path in catalogues() if path.parts[-3] == "vi"]

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")

# English msgids of more than three words that may stay the same in Vietnamese (none so far).
SAME_IN_BOTH: set[str] = set()


def _entries() -> list[polib.POEntry]:
    return [e for path in VI_POS for e in polib.pofile(str(path)) if not e.obsolete]


def _translation(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def _ids(entry: polib.POEntry) -> str:
    return entry.msgid[:60]


@pytest.mark.parametrize("path", VI_POS, ids=lambda path: str(path.relative_to(path.parents[4])))
def test_each_catalogue_is_for_vietnamese(path):
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == "vi"
    assert po.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"
    assert not po.metadata_is_fuzzy
    assert len([e for e in po if not e.obsolete]) > 0


@pytest.mark.parametrize("entry", _entries(), ids=_ids)
def test_every_entry_is_translated_and_keeps_its_placeholders(entry):
    translation = _translation(entry)
    assert translation.strip(), "empty translation"
    assert "fuzzy" not in entry.flags
    expected = set(PLACEHOLDER.findall(entry.msgid))
    if entry.msgid_plural:
        expected |= set(PLACEHOLDER.findall(entry.msgid_plural))
    assert set(PLACEHOLDER.findall(translation)) == expected


@pytest.mark.parametrize("entry", _entries(), ids=_ids)
def test_no_english_sentence_is_left_untranslated(entry):
    translation = _translation(entry)
    for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
        if len(msgid.split()) > 3 and msgid not in SAME_IN_BOTH:
            assert translation.strip() != msgid.strip()


def test_a_message_shared_by_two_catalogues_reads_the_same_in_both():
    """Django takes a message from the first catalogue that has it (the project's, then the apps'
    in INSTALLED_APPS order): a different translation in a later app would never be shown. An app
    that means something else uses other English words or a context (pgettext)."""
    from django.conf import settings

    def precedence(path):
        app = f"thanthien.{path.parts[-5]}"
        return settings.INSTALLED_APPS.index(app) if app in settings.INSTALLED_APPS else -1

    first: dict[tuple, tuple[str, str]] = {}
    clashes = []
    for path in sorted(VI_POS, key=precedence):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            if key in first and first[key][0] != _translation(entry):
                clashes.append((entry.msgid, first[key], (_translation(entry), path.parts[-5])))
            first.setdefault(key, (_translation(entry), path.parts[-5]))
    assert clashes == []
