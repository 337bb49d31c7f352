"""ReportLab's mini-markup never acts on what a participant typed; the CLI writes handouts."""

from __future__ import annotations

import zlib

import pytest
from pypdf import PdfReader

from tension_desktop.cli import main
from tension_desktop.export.covenant_pdf import export_covenant
from tension_desktop.model import CovenantItem, EscalationThreshold
from tension_desktop.store import covenant, library_path, open_library, people, workshops


def page_text(path) -> str:
    return "".join(p.extract_text() for p in PdfReader(str(path)).pages)


def content_streams(path) -> bytes:
    out = b""
    for page in PdfReader(str(path)).pages:
        out += page.get_contents().get_data()
    return out


def one_item_covenant(lib, tmp_path, text: str, name: str = "Ana"):
    ws = workshops.create_workshop(lib, "Team", "Offsite")
    pid = people.add_participant(lib, ws.id, name).id
    covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text=text))
    covenant.add_threshold(lib, ws.id, EscalationThreshold(metric=text, threshold="3 %", lever=text, owner_ids=(pid,)))
    [res] = export_covenant(lib, ws.id, tmp_path / "c.pdf")
    return res.path


def test_a_bold_tag_in_a_name_prints_literally_instead_of_raising_a_parse_error(lib, tmp_path):
    path = one_item_covenant(lib, tmp_path, "<b>unclosed", name="<b>Bob</b> & <i>Co")
    text = page_text(path)
    assert "<b>Bob</b> & <i>Co" in text
    assert "<b>unclosed" in text


def test_a_font_colour_tag_is_not_applied(lib, tmp_path):
    path = one_item_covenant(lib, tmp_path, '<font color="red">alarm</font>')
    assert '<font color="red">alarm</font>' in page_text(path)
    assert b"1 0 0 rg" not in content_streams(path)  # red fill never set


def test_an_img_tag_never_opens_a_local_file(lib, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    text = f'<img src="{secret}" width="50" height="50"/>'
    path = one_item_covenant(lib, tmp_path, text)
    assert "".join(text.split()) in "".join(page_text(path).split())  # literal, though wrapped
    raw = path.read_bytes()
    assert b"/Subtype /Image" not in raw and b"/XObject" not in raw
    assert zlib.compress(b"\0" * 64) not in raw


def test_cli_writes_the_team_covenant_and_personal_handouts(demo_lib, tmp_path, capsys):
    data_dir = demo_lib.path.parent
    wid = demo_lib.demo_id
    demo_lib.close()
    code = main(["--data-dir", str(data_dir), "export", "covenant", str(wid), "--out", str(tmp_path / "c.pdf"),
                 "--per-participant", str(tmp_path / "each"), "--paper", "letter"])
    assert code == 0
    out = capsys.readouterr().out
    assert "c.pdf\t" in out and len(list((tmp_path / "each").glob("*.pdf"))) == 6
    assert round(float(PdfReader(str(tmp_path / "c.pdf")).pages[0].mediabox[2])) == 612
    assert main(["--data-dir", str(data_dir), "export", "report", str(wid), "--out", str(tmp_path / "r.pdf")]) == 0
    assert "Tension map" in page_text(tmp_path / "r.pdf")


def test_cli_names_unprintable_text_and_exits_1(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    with open_library(library_path(data)) as lib:
        ws = workshops.create_workshop(lib, "T", "W")
        covenant.add_item(lib, ws.id, CovenantItem(kind="protected", text="Runes ᚠᚢᚦ"))
    assert main(["--data-dir", str(data), "export", "covenant", str(ws.id), "--out", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "protected item" in err and "ᚠᚢᚦ" in err and "--replace-missing" in err
    assert main(["--data-dir", str(data), "export", "covenant", str(ws.id), "--out", str(tmp_path / "x.pdf"),
                 "--replace-missing"]) == 0


def test_cli_without_out_or_folder_is_a_usage_error(demo_lib, capsys):
    data_dir = demo_lib.path.parent
    demo_lib.close()
    assert main(["--data-dir", str(data_dir), "export", "covenant", str(demo_lib.demo_id)]) == 2


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_both_papers_lay_out_the_demo(demo_lib, tmp_path, paper):
    [res] = export_covenant(demo_lib, demo_lib.demo_id, tmp_path / "d.pdf", paper=paper)
    assert res.pages >= 2
