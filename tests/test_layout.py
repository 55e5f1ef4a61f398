"""The house's layout holds: each room says what lives in it, imports run only downward (a room uses the
rooms below it, never one above or beside it), and no room grows past 15 % of the project's lines."""

import ast
from pathlib import Path

import thanthien

PACKAGE = Path(thanthien.__file__).resolve().parent

# From the bottom up. A room may import the rooms of a lower rank; rooms of one rank are peers and do
# not import each other. The top (`api`, `demo`) uses everything; nothing uses it.
RANKS = {
    "formats": 0,  # Django's number and date formats for Vietnamese
    "core": 0,
    "petitions": 1,  # the petition core: tables, workflow, deadlines, tracking, the staff inbox
    "feedback": 2,
    "complaints": 2,
    "denunciations": 2,
    "reception": 3,  # takes complaints and denunciations at the reception desk
    "disclosure": 4,
    "participation": 5,  # publishes campaign contributions in the disclosure register
    "meetings": 6,
    "rollout": 7,  # reads meetings' attendance and publishes its budget as a disclosure
    "api": 8,
    "demo": 9,
}

MAX_SHARE = 0.15
BINARY = {".mo", ".png", ".jpg", ".ico", ".woff", ".woff2", ".pdf", ".docx", ".xlsx", ".sqlite3"}


def rooms() -> list[Path]:
    return sorted(p for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def test_every_room_has_a_rank_and_says_what_lives_there():
    unknown = [room.name for room in rooms() if room.name not in RANKS]
    assert not unknown, f"give these rooms a rank in RANKS: {unknown}"
    for room in rooms():
        doc = ast.get_docstring(ast.parse((room / "__init__.py").read_text())) or ""
        assert len(doc.split()) >= 8, f"{room.name}/__init__.py: say in two lines what lives here"


def _imported_rooms(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "thanthien" and len(parts) > 1 and parts[1] in RANKS:
                found.add(parts[1])
    return found


def test_imports_run_only_downward():
    wrong = []
    for room in rooms():
        for path in room.rglob("*.py"):
            if "migrations" in path.parts:
                continue  # generated; they name the models' modules as they were
            for other in _imported_rooms(path):
                if other != room.name and RANKS[other] >= RANKS[room.name]:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {other}")
    assert not wrong, "imports that run up or sideways:\n" + "\n".join(sorted(wrong))


def _lines(path: Path) -> int:
    if path.suffix in BINARY or "vendor" in path.parts:
        return 0
    try:
        return len(path.read_text().splitlines())
    except UnicodeDecodeError:
        return 0


def test_no_room_holds_more_than_15_percent_of_the_lines():
    folders = [p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"]
    per_room = {
        folder.name: sum(_lines(p) for p in folder.rglob("*") if p.is_file()) for folder in folders
    }
    total = sum(_lines(p) for p in PACKAGE.rglob("*") if p.is_file())
    over = {name: f"{n / total:.1%}" for name, n in per_room.items() if n > MAX_SHARE * total}
    assert not over, f"rooms over {MAX_SHARE:.0%} of {total} lines: {over}"
