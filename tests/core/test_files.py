"""Saving the user's files: all or nothing, the mode and the symlink kept, no leftovers."""

import csv
import io
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from playground.files import (
    STALE_TEMP_S, atomic_write_text, csv_text, default_file_mode, pid_alive, remove_stale_temporaries,
    spreadsheet_safe,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits and signals")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_saving_over_a_file_keeps_its_permission_bits(tmp_path, mode):
    path = tmp_path / "preset.json"
    path.write_text("old")
    path.chmod(mode)
    atomic_write_text(path, "new")
    assert path.read_text() == "new"
    assert _mode(path) == mode


@posix_only
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path, umask):
    old = os.umask(umask)
    try:
        assert default_file_mode() == 0o666 & ~umask
        atomic_write_text(tmp_path / "new.json", "{}")
        with open(tmp_path / "by_open.json", "w") as handle:
            handle.write("{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.json") == 0o666 & ~umask == _mode(tmp_path / "by_open.json")


@posix_only
def test_saving_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "store" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new" and _mode(real) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "store"]  # no temp beside the link


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not pid_alive(child.pid)
    return child.pid


def test_a_temporary_left_by_a_killed_save_is_removed_by_the_next_save(tmp_path):
    path = tmp_path / "preset.json"
    stale = tmp_path / f".preset.json.{_dead_pid()}.abc_1234.tmp"
    stale.write_text("half a pres")
    other = tmp_path / f".other.json.{_dead_pid()}.qqqqqqqq.tmp"  # a dead save of another file in the folder
    other.write_text("x")
    atomic_write_text(path, "{}")
    assert not stale.exists() and not other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["preset.json"]


def test_only_our_own_naming_is_cleaned_and_a_live_save_is_left_alone(tmp_path):
    live = tmp_path / f".preset.json.{os.getpid()}.livesave.tmp"  # a save in progress (ours, just now)
    live.write_text("being written")
    users = [tmp_path / "notes.tmp", tmp_path / ".hidden.tmp", tmp_path / "x.1234.y.tmp",
             tmp_path / f".notes.{_dead_pid()}.short.tmp"]
    for path in users:
        path.write_text("the user's")
    assert remove_stale_temporaries(tmp_path) == []
    assert live.exists() and all(p.exists() for p in users)
    old = time.time() - STALE_TEMP_S - 5
    os.utime(live, (old, old))
    assert remove_stale_temporaries(tmp_path) == [live]  # a live pid but a minute old: a leftover


@posix_only
def test_a_save_killed_between_write_and_rename_leaves_the_original_intact(tmp_path):
    path = tmp_path / "preset.json"
    path.write_text('{"original": true}\n')
    ready = tmp_path / "ready"
    script = textwrap.dedent(f"""
        import os, pathlib, time
        import playground.files as files

        def stuck_replace(src, dst):  # the save has written its temporary: die here
            pathlib.Path({str(ready)!r}).write_text(src)
            time.sleep(60)

        files.os.replace = stuck_replace
        files.atomic_write_text({str(path)!r}, "x" * 100000)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, "the saving process ended early"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    temp = Path(ready.read_text())
    assert temp.exists() and temp.stat().st_size == 100000  # the killed save's leftover
    assert path.read_text() == '{"original": true}\n'
    atomic_write_text(path, "{}")
    assert path.read_text() == "{}" and not temp.exists()


@pytest.mark.parametrize("cell, safe", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\r=1", "'\r=1"),
    ("-1.5", "-1.5"), ("+3", "+3"), ("-inf", "-inf"), ("1e-3", "1e-3"), ("loss", "loss"), ("", ""),
    (-1.5, -1.5), (7, 7),
])
def test_cells_a_spreadsheet_would_run_get_a_leading_quote(cell, safe):
    assert spreadsheet_safe(cell) == safe


def test_csv_text_escapes_header_and_rows_and_keeps_numbers():
    text = csv_text(["step", "=HYPERLINK(1)"], [[0, -1.5], [1, "-0.25"], [2, "@x"]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["step", "'=HYPERLINK(1)"], ["0", "-1.5"], ["1", "-0.25"], ["2", "'@x"]]
