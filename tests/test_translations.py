"""The Vietnamese catalogue is complete: every entry translated, none fuzzy, placeholders kept, and no
English sentence left standing in place of its translation.

These are catalogue checks (marker ``catalogue``): one test per catalogue that looks at every entry
and names every bad one in its message, rather than one test per entry."""

import re

import polib
import pytest

from thanthien.translations import catalogues

pytestmark = pytest.mark.catalogue

# The project's Vietnamese catalogue and each app's own.
VI_POS = [path for path in catalogues() if path.parts[-3] == "vi"]

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")

# English msgids of more than three words that may stay the same in Vietnamese (none so far).
SAME_IN_BOTH: set[str] = set()


def _owner(path) -> str:
    """``thanthien`` for the project's catalogue, the app's name for an app's own."""
    return path.parts[-5]


def _translation(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def _problems(entry: polib.POEntry) -> list[str]:
    """What is wrong with one entry; empty when nothing is."""
    translation = _translation(entry)
    if not translation.strip():
        return ["empty translation"] + (["fuzzy"] if "fuzzy" in entry.flags else [])
    problems = []
    if "fuzzy" in entry.flags:
        problems.append("fuzzy")
    expected = set(PLACEHOLDER.findall(entry.msgid))
    if entry.msgid_plural:
        expected |= set(PLACEHOLDER.findall(entry.msgid_plural))
    found = set(PLACEHOLDER.findall(translation))
    if found != expected:
        problems.append(f"placeholders {sorted(found)}, expected {sorted(expected)}")
    for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
        is_sentence = len(msgid.split()) > 3 and msgid not in SAME_IN_BOTH
        if is_sentence and translation.strip() == msgid.strip():
            problems.append("English left as the translation")
    return problems


@pytest.mark.parametrize("path", VI_POS, ids=_owner)
def test_each_catalogue_is_for_vietnamese(path):
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == "vi"
    assert po.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"
    assert not po.metadata_is_fuzzy
    assert len([e for e in po if not e.obsolete]) > 0


@pytest.mark.parametrize("path", VI_POS, ids=_owner)
def test_every_entry_is_translated_keeps_its_placeholders_and_is_not_left_in_english(path):
    bad = []
    for entry in polib.pofile(str(path)):
        problems = [] if entry.obsolete else _problems(entry)
        if problems:
            bad.append(f"{path.name}:{entry.linenum}: {entry.msgid[:60]!r}: {'; '.join(problems)}")
    assert not bad, f"{len(bad)} bad entries in {path}:\n" + "\n".join(bad)


def test_a_message_shared_by_two_catalogues_reads_the_same_in_both():
    """Django takes a message from the first catalogue that has it (the project's, then the apps'
    in INSTALLED_APPS order): a different translation in a later app would never be shown. An app
    that means something else uses other English words or a context (pgettext)."""
    from django.conf import settings

    def precedence(path):
        app = f"thanthien.{_owner(path)}"
        return settings.INSTALLED_APPS.index(app) if app in settings.INSTALLED_APPS else -1

    first: dict[tuple, tuple[str, str]] = {}
    clashes = []
    for path in sorted(VI_POS, key=precedence):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            if key in first and first[key][0] != _translation(entry):
                clashes.append((entry.msgid, first[key], (_translation(entry), _owner(path))))
            first.setdefault(key, (_translation(entry), _owner(path)))
    assert clashes == []
