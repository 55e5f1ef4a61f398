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
