"""The conversation history as a SQLite database (`history.db` in the user data directory).

Durability: WAL journal with `synchronous=NORMAL`, one transaction per finalised line. In WAL
mode a commit is in the OS once `COMMIT` returns, so killing the app (even `kill -9`) loses
nothing committed; only a power cut or OS crash can lose the last few commits, and never
corrupts the file. `FULL` would add an fsync per line on the UI thread for that last case.

Damage control: a database that cannot be read (corrupt, not SQLite) is moved aside as
`history.corrupt-<time>.db` and a fresh one is started; a database another process holds
locked is left alone and this run writes to `history-<time>.db` beside it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.events import TranscriptLine
from desktop.private_files import create_private, private_file
from desktop.settings import data_dir

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 200
SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    started_at REAL NOT NULL,
    ended_at REAL,
    model TEXT NOT NULL DEFAULT '',
    endpoint TEXT NOT NULL DEFAULT '',
    first_line TEXT NOT NULL DEFAULT '',
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    response_tokens INTEGER NOT NULL DEFAULT 0,
    total_tokens INTEGER NOT NULL DEFAULT 0,
    usage_json TEXT NOT NULL DEFAULT '{}',
    cost REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS lines (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    started_at REAL NOT NULL,
    ended_at REAL NOT NULL,
    interrupted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS lines_by_session ON lines (session_id, id);
"""
FTS_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS lines_fts USING fts5(text, content='lines', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS lines_fts_insert AFTER INSERT ON lines BEGIN
    INSERT INTO lines_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS lines_fts_delete AFTER DELETE ON lines BEGIN
    INSERT INTO lines_fts (lines_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""


def default_path() -> Path:
    return data_dir() / "history.db"


@dataclass(frozen=True)
class SessionRow:
    id: int
    started_at: float
    ended_at: float | None
    model: str
    endpoint: str
    first_line: str
    prompt_tokens: int
    response_tokens: int
    total_tokens: int
    usage: dict[str, Any]
    cost: float
    lines: int

    @property
    def duration_s(self) -> float:
        return max(0.0, (self.ended_at or self.started_at) - self.started_at)


@dataclass(frozen=True)
class LineRow:
    id: int
    role: str
    source: str
    text: str
    started_at: float
    ended_at: float
    interrupted: bool


class HistoryStore:
    """One connection to the history database; every write is its own transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Transcripts are private: the file is made 0600 before SQLite opens it (its WAL and
        # shm files take the database's mode); older, wider files are narrowed (issue 14).
        create_private(path)
        for suffix in ("-wal", "-shm"):
            private_file(Path(f"{path}{suffix}"))
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("history database is in %s mode, not WAL", mode)
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._script(SCHEMA)
            self.fts = self._create_fts()
            self._conn.execute("SELECT count(*) FROM sessions").fetchone()
        except BaseException:
            self._conn.close()
            raise

    def _create_fts(self) -> bool:
        try:
            self._script(FTS_SCHEMA)
            return True
        except sqlite3.OperationalError as exc:
            if "fts5" not in str(exc).lower():
                raise
            log.info("SQLite has no FTS5; history search uses LIKE")
            return False

    def _script(self, sql: str) -> None:
        """Several statements in one transaction (executescript commits on its own)."""
        try:
            self._conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nCOMMIT;")
        except BaseException:
            if self._conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def _transaction(self) -> Any:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    # -- writing ------------------------------------------------------------------------

    def amend_line(self, session_id: int, line: TranscriptLine) -> None:
        """Replace the text of the session's line of that role and start (a late
        transcription piece completed it); a line not found is added."""
        row = self._conn.execute(
            "SELECT id, text FROM lines WHERE session_id = ? AND role = ? AND started_at = ?"
            " ORDER BY id DESC LIMIT 1",
            (session_id, line.role.value, line.started_at),
        ).fetchone()
        if row is None:
            self.add_line(session_id, line)
            return
        with self._transaction():
            if self.fts:
                self._conn.execute(
                    "INSERT INTO lines_fts (lines_fts, rowid, text) VALUES ('delete', ?, ?)",
                    (row[0], row[1]),
                )
            self._conn.execute(
                "UPDATE lines SET text = ?, ended_at = ? WHERE id = ?",
                (line.text, line.ended_at, row[0]),
            )
            if self.fts:
                self._conn.execute(
                    "INSERT INTO lines_fts (rowid, text) VALUES (?, ?)", (row[0], line.text)
                )

    def begin_session(self, started_at: float, model: str, endpoint: str) -> int:
        with self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO sessions (started_at, ended_at, model, endpoint) VALUES (?, ?, ?, ?)",
                (started_at, started_at, model, endpoint),
            )
        return int(cursor.lastrowid or 0)

    def add_line(self, session_id: int, line: TranscriptLine) -> None:
        text = valid_text(line.text)
        with self._transaction():
            self._conn.execute(
                "INSERT INTO lines (session_id, role, source, text, started_at, ended_at,"
                " interrupted) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    line.role.value,
                    line.source.value,
                    text,
                    line.started_at,
                    line.ended_at,
                    int(line.interrupted),
                ),
            )
            self._conn.execute(
                "UPDATE sessions SET ended_at = max(coalesce(ended_at, 0), ?),"
                " first_line = CASE WHEN first_line = '' THEN ? ELSE first_line END"
                " WHERE id = ?",
                (line.ended_at, text[:200], session_id),
            )

    def set_usage(self, session_id: int, usage: dict[str, Any], cost: float) -> None:
        with self._transaction():
            self._conn.execute(
                "UPDATE sessions SET prompt_tokens = ?, response_tokens = ?, total_tokens = ?,"
                " usage_json = ?, cost = ? WHERE id = ?",
                (
                    int(usage.get("prompt_tokens", 0)),
                    int(usage.get("response_tokens", 0)),
                    int(usage.get("total_tokens", 0)),
                    json.dumps(usage),
                    cost,
                    session_id,
                ),
            )

    def end_session(self, session_id: int, ended_at: float) -> None:
        with self._transaction():
            self._conn.execute(
                "UPDATE sessions SET ended_at = max(coalesce(ended_at, 0), ?) WHERE id = ?",
                (ended_at, session_id),
            )

    def delete_session(self, session_id: int) -> None:
        with self._transaction():
            self._conn.execute("DELETE FROM lines WHERE session_id = ?", (session_id,))
            self._conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # -- reading ------------------------------------------------------------------------

    def sessions(self, search: str = "", limit: int = 500) -> list[SessionRow]:
        """Newest first; with `search`, the sessions with a line matching every word."""
        select = (
            "SELECT s.id, s.started_at, s.ended_at, s.model, s.endpoint, s.first_line,"
            " s.prompt_tokens, s.response_tokens, s.total_tokens, s.usage_json, s.cost,"
            " (SELECT count(*) FROM lines l WHERE l.session_id = s.id) FROM sessions s"
        )
        words = search.split()
        if not words:
            rows = self._conn.execute(
                f"{select} ORDER BY s.started_at DESC, s.id DESC LIMIT ?", (limit,)
            )
        elif self.fts:
            query = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
            rows = self._conn.execute(
                f"{select} WHERE s.id IN (SELECT l.session_id FROM lines l JOIN lines_fts f"
                " ON f.rowid = l.id WHERE lines_fts MATCH ?)"
                " ORDER BY s.started_at DESC, s.id DESC LIMIT ?",
                (query, limit),
            )
        else:
            clauses = " AND ".join("l.text LIKE ? ESCAPE '\\'" for _ in words)
            patterns = [
                "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                for w in words
            ]
            rows = self._conn.execute(
                f"{select} WHERE s.id IN (SELECT l.session_id FROM lines l WHERE {clauses})"
                " ORDER BY s.started_at DESC, s.id DESC LIMIT ?",
                (*patterns, limit),
            )
        return [
            SessionRow(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], _json(r[9]), r[10], r[11]
            )
            for r in rows.fetchall()
        ]

    def session(self, session_id: int) -> SessionRow | None:
        return next((s for s in self.sessions(limit=1_000_000) if s.id == session_id), None)

    def lines(self, session_id: int) -> list[LineRow]:
        rows = self._conn.execute(
            "SELECT id, role, source, text, started_at, ended_at, interrupted FROM lines"
            " WHERE session_id = ? ORDER BY id",
            (session_id,),
        )
        return [LineRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows.fetchall()]


_warned_invalid = False


def valid_text(text: str) -> str:
    """`text` as SQLite can store it: lone surrogates (not Unicode text, so not encodable as
    UTF-8) become U+FFFD. Said once per run in the log."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        global _warned_invalid
        if not _warned_invalid:
            _warned_invalid = True
            log.warning("history: a line held invalid characters; they were replaced")
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def is_full(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def is_corrupt(exc: BaseException) -> bool:
    """Damage that a retry cannot fix (as opposed to locked / full / I/O trouble)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"


def set_aside(path: Path) -> Path:
    """Move a damaged database (and its WAL files) aside, keeping it for the user."""
    kept = path.with_name(f"{path.stem}.corrupt-{_stamp()}{path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{kept}{suffix}"))
    return kept


def open_history(path: Path | None = None) -> tuple[HistoryStore, str]:
    """The store, and a message for the user when the usual database could not be used."""
    path = path or default_path()
    try:
        return HistoryStore(path), ""
    except sqlite3.Error as exc:
        if is_locked(exc):
            fresh = path.with_name(f"{path.stem}-{_stamp()}{path.suffix}")
            log.warning("history database %s is locked (%s); writing to %s", path, exc, fresh)
            return HistoryStore(fresh), (
                f"The history database is locked by another program; this session's history "
                f"goes to {fresh.name}."
            )
        if not is_corrupt(exc):
            raise
        kept = set_aside(path)
        log.warning("history database %s is unreadable (%s); kept as %s", path, exc, kept)
        return HistoryStore(path), (
            f"The history database was damaged ({exc}); it was kept as {kept.name} and a new "
            "one was started."
        )
