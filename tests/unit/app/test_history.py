"""The history store and recorder on real SQLite files (never an in-memory database)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from desktop.core.events import (
    LineSource,
    Role,
    SessionState,
    StateChanged,
    TranscriptLine,
    Usage,
)
from desktop.core.pricing import ModelPrices, PriceTable
from desktop.outputs.history import HistoryRecorder
from desktop.outputs.history_db import HistoryStore, open_history
from desktop.outputs.history_export import to_json, to_markdown
from desktop.outputs.price_file import load_prices

_ids = iter(range(1, 1_000_000))


def line(text: str, role: Role = Role.USER, interrupted: bool = False) -> TranscriptLine:
    n = next(_ids)
    return TranscriptLine(n, role, text, LineSource.TYPED, 1000.0 + n, 1000.5 + n, interrupted)


def other_reader(path: Path) -> list[tuple[str, str]]:
    """What another process would read from the file right now."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT role, text FROM lines ORDER BY id").fetchall()


def test_every_line_is_committed_as_it_is_finalised(tmp_path: Path) -> None:
    problems: list[str] = []
    rec = HistoryRecorder(path=tmp_path / "h.db", on_problem=problems.append)
    rec.new_session("gemini-x", "emulator")
    rec(StateChanged(SessionState.LIVE))
    assert rec.session_id is None  # no empty sessions
    rec(line("hello"))
    assert other_reader(tmp_path / "h.db") == [("user", "hello")]
    rec(line("hi there", Role.MODEL))
    assert other_reader(tmp_path / "h.db")[-1] == ("model", "hi there")
    rec(Usage(100, 50, 150, {"TEXT": 60, "AUDIO": 40}, {"AUDIO": 50}))
    rec(Usage(200, 10, 210, {"TEXT": 200}, {"AUDIO": 10}))
    rec(StateChanged(SessionState.CLOSED))
    assert not problems
    assert rec.store is not None
    journal = rec.store._conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"
    (session,) = rec.store.sessions()
    assert (session.model, session.endpoint, session.first_line) == (
        "gemini-x",
        "emulator",
        "hello",
    )
    assert session.total_tokens == 360 and session.lines == 2
    assert session.usage["prompt_by_modality"] == {"TEXT": 260, "AUDIO": 40}
    prices = PriceTable().for_model("gemini-x")
    assert session.cost == prices.cost({"TEXT": 260, "AUDIO": 40}, {"AUDIO": 60}) > 0
    rec.close()


def test_search_export_and_delete(tmp_path: Path) -> None:
    rec = HistoryRecorder(path=tmp_path / "h.db")
    for words in (["the red fox", "a fox answer"], ["blue sky", "sky answer"]):
        rec.new_session("m")
        rec(line(words[0]))
        rec(line(words[1], Role.MODEL, interrupted=True))
        rec.end_session()
    store = rec.store
    assert store is not None and store.fts
    assert [s.first_line for s in store.sessions()] == ["blue sky", "the red fox"]
    assert [s.first_line for s in store.sessions("fox")] == ["the red fox"]
    assert [s.first_line for s in store.sessions("SKY answ")] == ["blue sky"]
    assert store.sessions('"; DROP TABLE lines; --') == []
    store.fts = False  # the LIKE fallback finds the same
    assert [s.first_line for s in store.sessions("fox")] == ["the red fox"]
    assert store.sessions("100%") == []
    session = store.sessions("fox")[0]
    lines = store.lines(session.id)
    markdown = to_markdown(session, lines)
    assert (
        "**You**" in markdown and "the red fox" in markdown and "_(typed, interrupted)_" in markdown
    )
    exported = json.loads(json.dumps(to_json(session, lines)))
    assert [x["text"] for x in exported["lines"]] == ["the red fox", "a fox answer"]
    store.delete_session(session.id)
    assert [s.first_line for s in store.sessions()] == ["blue sky"]
    store.fts = True
    assert store.sessions("fox") == []
    rec.close()


def test_a_corrupt_database_is_kept_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"this is not a database at all" * 100)
    problems: list[str] = []
    rec = HistoryRecorder(path=path, on_problem=problems.append)
    (problem,) = problems
    assert "damaged" in problem and "kept as" in problem
    (kept,) = tmp_path.glob("history.corrupt-*.db")
    assert kept.read_bytes().startswith(b"this is not a database")
    rec(line("still recorded"))
    assert other_reader(path) == [("user", "still recorded")]
    rec.close()


def test_a_locked_database_is_left_alone_and_history_goes_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    HistoryStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store, problem = open_history(path)
        assert "locked" in problem and store.path != path
        store.begin_session(1.0, "m", "")
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert HistoryStore(path).sessions() == []  # the locked one was not touched


def test_disk_full_warns_once_keeps_lines_and_damages_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    problems: list[str] = []
    rec = HistoryRecorder(path=path, on_problem=problems.append)
    rec(line("before"))
    store = rec.store
    assert store is not None
    # A real SQLITE_FULL: the database may not grow by another page.
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    for i in range(300):
        rec(line(f"during {i} " + "x" * 200))
    assert len(problems) == 1 and "disk is full" in problems[0]
    assert other_reader(path)[0] == ("user", "before")  # intact, readable
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store._conn.execute("PRAGMA max_page_count = 1073741823")
    rec(line("after"))
    texts = [text for _, text in other_reader(path)]
    assert texts[0] == "before" and texts[-1] == "after" and len(texts) == 302
    assert problems[-1] == "History is being saved again."
    rec.close()


def test_price_table_file_is_created_editable_and_survives_garbage(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    table, problem = load_prices(path)
    assert not problem and path.exists()
    raw = json.loads(path.read_text())
    assert raw["source"].startswith("Google") and raw["as_of"]
    raw["models"]["my-model"] = {"input": {"TEXT": 1.0}, "output": {"AUDIO": 2}}
    raw["models"]["bad"] = {"input": {"TEXT": -1}, "output": {}}
    path.write_text(json.dumps(raw))
    table, problem = load_prices(path)
    assert table.for_model("models/my-model") == ModelPrices({"TEXT": 1.0}, {"AUDIO": 2.0})
    assert table.for_model("bad") == table.for_model("*")
    assert table.for_model("my-model").cost({"TEXT": 1_000_000}, {"AUDIO": 500_000}) == 2.0
    path.write_text("{nope")
    table, problem = load_prices(path)
    assert "unreadable" in problem and (tmp_path / "prices.json.broken").exists()


def test_a_database_damaged_mid_session_gets_the_whole_session_rewritten(
    tmp_path: Path,
) -> None:
    """The open session is kept in memory to rewrite it into a fresh database: its lines and
    only its newest totals (one usage record per turn would grow all day for nothing)."""
    path = tmp_path / "history.db"
    problems: list[str] = []
    rec = HistoryRecorder(path=path, on_problem=problems.append)
    rec.new_session("gemini-x", "emulator")
    rec(line("first"))
    rec(Usage(100, 50, 150, {"TEXT": 100}, {"AUDIO": 50}))
    rec(line("second"))
    rec(Usage(200, 10, 210, {"TEXT": 200}, {"AUDIO": 10}))
    assert [op.kind for op in rec._current_ops] == ["line", "line"]
    assert rec.store is not None

    def malformed(*_: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    # Stand-in for damage that SQLite reports mid-session (real damage cannot be made to
    # appear at a chosen write): the store's next write fails the way SQLite says it.
    rec.store.add_line = malformed  # type: ignore[method-assign]
    rec(line("third"))

    assert any("damaged" in p for p in problems)
    assert other_reader(path) == [("user", "first"), ("user", "second"), ("user", "third")]
    with sqlite3.connect(path) as conn:
        (prompt,) = conn.execute("SELECT prompt_tokens FROM sessions").fetchone()
    assert prompt == 300
    rec.close()
