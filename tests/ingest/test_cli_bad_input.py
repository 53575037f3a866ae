"""``jscd ingest`` on a directory of bad files: each is named with its reason, the rest go in.

Every bad file is generated here in ``tmp_path``; the good file is one real seed report.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jscd.extract.loading import MAX_BYTES
from jscd.record.models import ConflictFlag, Proposal, Source

pytestmark = pytest.mark.django_db

SCRIPT = "<script>document.title='pwned'</script>"


def _blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as fh:
        writer.write(fh)


@pytest.fixture
def batch(tmp_path: Path, shared: Path) -> Path:
    d = tmp_path / "batch"
    d.mkdir()
    seed = sorted((shared / "seeds").glob("*.txt"))[1]
    shutil.copy(seed, d / seed.name)
    (d / "empty.txt").write_bytes(b"")
    (d / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (d / "latin1.txt").write_bytes(
        "Communiqu\u00e9: the Minister of Defense met his counterpart in Washington.\n"
        .encode("latin-1"))
    (d / "utf16.txt").write_bytes(
        "\ufeffThe delegations agreed to meet again in Baghdad.\n".encode("utf-16-le"))
    (d / "page.html").write_text(
        "<html><head><title>Readout</title><script>alert('run')</script></head><body>"
        "<article><p>The two delegations discussed training of Iraqi officers in detail, "
        "and agreed to review the plan at the next session of their dialogue.</p>"
        f"<p>Quoted markup: {SCRIPT.replace('<', '&lt;').replace('>', '&gt;')}</p>"
        "</article></body></html>", encoding="utf-8")
    _blank_pdf(d / "scan.pdf")
    with (d / "huge.txt").open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    return d


def run(*args: str) -> tuple[str, str, CommandError | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *args, "--no-progress", stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_bad_files_are_listed_with_reasons_and_the_batch_continues(batch: Path) -> None:
    out, err, failure = run(str(batch))
    assert failure is not None and "4 of 8 file(s) failed" in str(failure)
    errors = {line.split(": ", 1)[0].strip(): line.split(": ", 1)[1]
              for line in err.splitlines() if line.startswith("  ")}
    assert "empty" in errors[str(batch / "empty.txt")]
    assert "binary" in errors[str(batch / "blob.bin")]
    assert "no text layer" in errors[str(batch / "scan.pdf")]
    assert "50 MB" in errors[str(batch / "huge.txt")]
    assert f"warning: {batch / 'latin1.txt'}: not UTF-8; read as latin-1" in err
    stored = {Path(s.origin).name: s for s in Source.objects.all()}
    assert set(stored) == {"latin1.txt", "utf16.txt", "page.html",
                           sorted(p.name for p in batch.glob("0*.txt"))[0]}
    assert stored["latin1.txt"].text.startswith("Communiqu\u00e9")
    assert stored["utf16.txt"].text.startswith("The delegations agreed")
    html = stored["page.html"].text
    assert "alert('run')" not in html, "script elements are dropped, never kept as text"
    assert SCRIPT in html, "markup quoted in the document stays as text"
    assert "stored" in out and "4 stored, 0 skipped, 4 failed" in out


def test_a_second_run_reports_every_readable_file_as_skipped_and_writes_nothing(batch: Path) -> None:
    run(str(batch))
    counts = (Source.objects.count(), Proposal.objects.count(), ConflictFlag.objects.count())
    out, _, failure = run(str(batch))
    assert failure is not None  # the bad files still fail
    assert "0 stored, 4 skipped, 4 failed; 0 new proposal(s), 0 new conflict(s)" in out
    assert (Source.objects.count(), Proposal.objects.count(), ConflictFlag.objects.count()) == counts


def test_a_clean_batch_exits_zero(shared: Path) -> None:
    out, _, failure = run(str(sorted((shared / "seeds").glob("*.txt"))[0]))
    assert failure is None
    assert "1 stored, 0 skipped, 0 failed" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root "
                    "from reading, so an unreadable file cannot be made here")
def test_an_unreadable_file_in_a_directory_is_an_error_and_the_rest_go_in(tmp_path: Path,
                                                                        shared: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    seed = sorted((shared / "seeds").glob("*.txt"))[0]
    shutil.copy(seed, d / seed.name)
    locked = d / "locked.txt"
    locked.write_text("The delegations agreed to meet again.", encoding="utf-8")
    locked.chmod(0)
    try:
        _, err, failure = run(str(d))
    finally:
        locked.chmod(0o644)
    assert failure is not None
    assert f"{locked}: cannot read file" in err
    assert Source.objects.count() == 1


def test_ingest_as_a_viewer_is_refused_before_reading(usa_viewer: Any, shared: Path) -> None:
    with pytest.raises(CommandError, match="role"):
        call_command("ingest", str(shared / "seeds"), "--as", usa_viewer.username,
                     "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Source.objects.exists()


def test_ingest_under_the_other_partys_marking_is_refused(usa_editor: Any, shared: Path) -> None:
    with pytest.raises(CommandError, match="marking"):
        call_command("ingest", str(shared / "seeds"), "--as", usa_editor.username,
                     "--marking", "IRQ", "--no-progress", stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert not Source.objects.exists()


def test_a_dangling_link_in_a_directory_is_an_error_and_the_rest_go_in(tmp_path: Path,
                                                                       shared: Path) -> None:
    """The unreadable-file case that can be built even as root: a link to nothing."""
    d = tmp_path / "d"
    d.mkdir()
    seed = sorted((shared / "seeds").glob("*.txt"))[0]
    shutil.copy(seed, d / seed.name)
    (d / "gone.txt").symlink_to(tmp_path / "missing.txt")
    _, err, failure = run(str(d))
    assert failure is not None and "1 of 2 file(s) failed" in str(failure)
    assert f"{d / 'gone.txt'}: cannot read file" in err
    assert Source.objects.count() == 1
