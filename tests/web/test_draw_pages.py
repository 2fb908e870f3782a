"""Pages: the organisers' draw page (seeds, separation, preview, publish, re-draw) and the draw sheet PDF."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from sqlalchemy import func, select

from common.db import db
from scheduling.models import Draw
from tests.web.match_helpers import by_key, contest, delegations, entries, matches, put_result, win_games
from tests.web.works_support import csrf_login, csrf_token

NAMES = ["种子甲", "种子乙", "王小明", "李小红", "赵大山", "钱多多", "孙悟空", "周瑜"]


@pytest.fixture
def as_org(client, login, organiser):
    login("org")
    return client


def page_url(contest_id: int) -> str:
    return f"/manage/contests/{contest_id}/draw"


def seeded_contest(organiser, event, n: int = 8, **over):
    """A contest with ``n`` approved entries named from NAMES over four delegations."""
    c = contest(organiser, event, "男单", **over)
    ids = entries(c.id, delegations(event, 4), n, names=NAMES[:n] if n <= len(NAMES) else None)
    return c, ids


def make(client, contest_id: int, seeds: dict[int, str] | None = None, **fields):
    data = {"separate_delegations": "y", "random_seed": "", **fields}
    data.update({f"seed-{e}": v for e, v in (seeds or {}).items()})
    return client.post(page_url(contest_id), data=data)


def pdf_text(data: bytes, tmp_path, name: str = "sheet.pdf") -> tuple[str, str]:
    """pdftotext and pdffonts output of a PDF."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / name
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return text, fonts


def draws_of(contest_id: int) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(Draw.id)).where(Draw.contest_id == contest_id))


def test_organiser_seeds_1_and_2_land_in_opposite_halves(as_org, organiser, dummy_event, token):
    c, ids = seeded_contest(organiser, dummy_event)
    page = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert "种子甲" in page and "代表队" in page and 'id="no-draw"' in page and "抽签" in page
    r = make(as_org, c.id, {ids[0]: "1", ids[1]: "2"}, random_seed="4242")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"{page_url(c.id)}#preview")
    html = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert '<dd class="col-7 col-sm-9" id="random-seed">4242</dd>' in html and "未公布" in html
    top, bottom = html.split('data-half="bottom"')
    top = top.split('data-half="top"')[1]
    assert "种子甲" in top and "种子乙" not in top and "种子乙" in bottom and "种子甲" not in bottom
    assert all(name in html for name in NAMES)
    assert 'value="1"' in html and 'value="2"' in html  # the seeds stay in the form for a re-draw
    first = sorted((m for m in matches(as_org, token("org"), c.id) if m["stage"] == "main" and m["round"] == 1),
                   key=lambda m: m["position"])
    assert first[0]["entries"][0] == ids[0] and first[-1]["entries"][1] == ids[1]


def test_bad_seed_input_shows_errors_per_field_and_makes_no_draw(client, login, organiser, dummy_event):
    login("org")
    c, ids = seeded_contest(organiser, dummy_event, 4)
    r = client.post(page_url(c.id) + "?lang=en", data={
        f"seed-{ids[0]}": "0", f"seed-{ids[1]}": "x", f"seed-{ids[2]}": "9", f"seed-{ids[3]}": "3",
        "random_seed": "-3", "separate_delegations": "y"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and draws_of(c.id) == 0
    assert html.count("Give a whole number from 1, or leave it blank.") == 2
    assert "At most 4: there are 4 approved entries." in html
    assert "This contest has at most 2 seeds." in html  # 4 entries in a knockout: 2 seeds (BWF)
    assert "Give a whole number from 0 to 2147483647, or leave it blank." in html
    assert html.count("is-invalid") == 5 and 'value="x"' in html and 'value="-3"' in html
    twice = client.post(page_url(c.id), data={f"seed-{ids[0]}": "1", f"seed-{ids[1]}": "1"}).get_data(as_text=True)
    assert twice.count("种子 1 被分配给了多个参赛者。") == 2 and draws_of(c.id) == 0
    rr = contest(organiser, dummy_event, "循环赛", discipline="WS", format={"type": "round_robin"})
    rr_ids = entries(rr.id, delegations(dummy_event, 2), 4)
    gap = client.post(page_url(rr.id) + "?lang=en", data={f"seed-{rr_ids[0]}": "1", f"seed-{rr_ids[1]}": "3"})
    assert "Seed 2 is missing: number the seeds 1, 2, 3… without gaps." in gap.get_data(as_text=True)
    assert draws_of(rr.id) == 0


def test_publish_shows_the_matches_to_the_public_and_unpublish_hides_them(as_org, organiser, dummy_event, server):
    c, ids = seeded_contest(organiser, dummy_event, 4)
    assert make(as_org, c.id, random_seed="7").status_code == 302
    public = server.test_client()
    url = f"/api/v1/contests/{c.id}/matches"
    assert public.get(url).get_json() == {"items": [], "total": 0}
    preview = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert preview.index('id="preview"') < preview.index('id="publish-below"'), "publish under the preview too"
    r = as_org.post(f"{page_url(c.id)}/publish", data={"published": "1"}, follow_redirects=True)
    assert "抽签已公布" in r.get_data(as_text=True) and "取消公布" in r.get_data(as_text=True)
    assert 'data-confirm="确定' in r.get_data(as_text=True) and 'id="publish-below"' not in r.get_data(as_text=True)
    body = public.get(url).get_json()
    assert body["total"] == 3 and {e for m in body["items"] for e in m["entries"] if e} == set(ids)
    as_org.post(f"{page_url(c.id)}/publish", data={"published": "0"})
    assert public.get(url).get_json()["total"] == 0


def test_redraw_after_a_result_is_refused_and_keeps_the_draw(as_org, organiser, dummy_event, token):
    c, ids = seeded_contest(organiser, dummy_event, 4)
    h = token("org")
    assert make(as_org, c.id, {ids[2]: "1"}, random_seed="11").status_code == 302
    assert make(as_org, c.id, {ids[2]: "1"}, random_seed="12").status_code == 302
    redrawn = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert "抽签完成，随机种子为 12。" in redrawn and 'id="random-seed">12<' in redrawn and draws_of(c.id) == 1
    assert 'data-confirm="确定重新抽签吗？' in redrawn and "重新抽签</button>" in redrawn
    first = by_key(matches(as_org, h, c.id))["main-1-1"]
    assert put_result(as_org, h, first, games=win_games(0)).status_code == 200
    r = as_org.post(page_url(c.id) + "?lang=en", data={f"seed-{ids[2]}": "1", f"seed-{ids[3]}": "2",
                                                      "random_seed": "99", "separate_delegations": "y"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Results have been recorded: the draw can no longer be changed." in html
    assert 'value="99"' in html and re.search(rf'name="seed-{ids[3]}"\s+value="2"', html)
    db.session.rollback()
    assert db.session.scalar(select(Draw.random_seed).where(Draw.contest_id == c.id)) == 12
    assert by_key(matches(as_org, h, c.id))["main-1-1"]["status"] == "finished"
    locked = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert '<fieldset disabled aria-describedby="draw-locked">' in locked, "the seeds and the button are shown disabled"
    assert "data-confirm" not in locked.split('id="draw-form"')[1].split(">")[0], "no question for a locked draw"


def test_only_the_event_organisers_reach_the_draw_page(client, login, organiser, dummy_event, dummy_delegation,
                                                       create_organiser):
    c, ids = seeded_contest(organiser, dummy_event, 4)
    r = client.get(page_url(c.id))
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert client.post(f"{page_url(c.id)}/publish", data={"published": "1"}).status_code == 302
    login("leader1")
    assert client.get(page_url(c.id)).status_code == 403
    assert make(client, c.id, random_seed="1").status_code == 403
    assert client.post(f"{page_url(c.id)}/publish", data={"published": "1"}).status_code == 403
    create_organiser("other_org")
    login("other_org")
    assert client.get(page_url(c.id)).status_code == 403
    assert draws_of(c.id) == 0
    assert client.get("/manage/contests/9999/draw").status_code == 404


def test_the_draw_sheet_is_public_only_once_published(as_org, organiser, dummy_event, server, tmp_path):
    c, ids = seeded_contest(organiser, dummy_event, 6)
    public, url = server.test_client(), f"/contests/{c.id}/draw-sheet.pdf"
    assert public.get(url).status_code == 404 and as_org.get(url).status_code == 404  # no draw yet
    make(as_org, c.id, {ids[0]: "1", ids[1]: "2"}, random_seed="31")
    assert public.get(url).status_code == 404
    own = as_org.get(url)
    assert own.status_code == 200 and own.mimetype == "application/pdf"
    as_org.post(f"{page_url(c.id)}/publish", data={"published": "1"})
    r = public.get(url)
    assert r.status_code == 200 and r.data.startswith(b"%PDF")
    text, fonts = pdf_text(r.data, tmp_path)
    assert "抽签表" in text and "2025年吉林省职工运动会" in text and "羽毛球" in text and "单败淘汰" in text
    assert all(name in text for name in NAMES[:6]) and "轮空" in text and "[1]" in text and "31" in text
    assert any("TrueType" in line and line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts


def test_the_english_switch(as_org, organiser, dummy_event, tmp_path):
    c, ids = seeded_contest(organiser, dummy_event, 4)
    as_org.get("/lang/en")
    html = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert "Make the draw now" in html and "No draw yet." in html and "Keep entries of the same delegation apart" in html
    make(as_org, c.id, random_seed="5")
    html = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert "Re-draw" in html and "Top half" in html and "Not published" in html and "Publish" in html
    text, _ = pdf_text(as_org.get(f"/contests/{c.id}/draw-sheet.pdf").data, tmp_path)
    assert "Draw sheet" in text and "Badminton" in text and "Single elimination" in text and "种子甲" in text
    as_org.get("/lang/zh")
    zh, _ = pdf_text(as_org.get(f"/contests/{c.id}/draw-sheet.pdf").data, tmp_path, "zh.pdf")
    assert "抽签表" in zh and "Draw sheet" not in zh


def test_empty_states(as_org, organiser, dummy_event):
    c = contest(organiser, dummy_event, "男单")
    html = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert 'id="no-entries"' in html and 'id="draw-form"' not in html and 'id="no-draw"' in html
    entries(c.id, delegations(dummy_event, 1), 3, status="pending")
    assert 'id="no-entries"' in as_org.get(page_url(c.id)).get_data(as_text=True)  # pending entries are not drawn
    entries(c.id, delegations(dummy_event, 2), 2)
    html = as_org.get(page_url(c.id)).get_data(as_text=True)
    assert 'id="draw-form"' in html and 'id="no-draw"' in html and 'data-confirm="' not in html


def test_groups_round_robin_and_heats_previews_and_sheets(as_org, organiser, dummy_event, tmp_path):
    groups = contest(organiser, dummy_event, "小组赛", discipline="WS",
                     format={"type": "groups_knockout", "groups": 2, "qualifiers_per_group": 2})
    entries(groups.id, delegations(dummy_event, 4), 8, names=NAMES)
    make(as_org, groups.id, random_seed="3")
    html = as_org.get(page_url(groups.id)).get_data(as_text=True)
    assert 'data-group="A"' in html and 'data-group="B"' in html and "A1 – B2" in html
    assert all(html.count(name) >= 4 for name in NAMES)  # once as a member, three times in the group's rounds
    text, _ = pdf_text(as_org.get(f"/contests/{groups.id}/draw-sheet.pdf").data, tmp_path, "groups.pdf")
    assert "A组" in text and "B组" in text and "淘汰赛对阵" in text and all(name in text for name in NAMES)
    rr = contest(organiser, dummy_event, "循环赛", discipline="WD", format={"type": "round_robin"})
    entries(rr.id, delegations(dummy_event, 2), 5, names=NAMES[:5])
    make(as_org, rr.id, random_seed="3")
    html = as_org.get(page_url(rr.id)).get_data(as_text=True)
    assert html.count('data-round="') == 5 and html.count("轮空：") == 5
    boats = contest(organiser, dummy_event, "冰上龙舟", format={"type": "timed_heats", "lanes": 4, "ranking": "final"},
                    sport="ice_dragon_boat", discipline=None,
                    settings={"boat": 12, "class": "open", "distance_m": 200})
    entries(boats.id, delegations(dummy_event, 3), 6, names=NAMES[:6])
    make(as_org, boats.id, random_seed="6")
    html = as_org.get(page_url(boats.id)).get_data(as_text=True)
    assert html.count("<h3 class=\"h6 mt-3\">预赛第") == 2 and all(name in html for name in NAMES[:6])
    text, _ = pdf_text(as_org.get(f"/contests/{boats.id}/draw-sheet.pdf").data, tmp_path, "boats.pdf")
    assert "预赛第1组" in text and "道次" in text and all(name in text for name in NAMES[:6])


def test_the_forms_need_the_csrf_token(csrf_client, organiser, dummy_event):
    c, ids = seeded_contest(organiser, dummy_event, 4)
    csrf_login(csrf_client, "org")
    assert make(csrf_client, c.id, random_seed="1").status_code == 400 and draws_of(c.id) == 0
    token = csrf_token(csrf_client.get(page_url(c.id)).get_data(as_text=True))
    assert make(csrf_client, c.id, random_seed="1", csrf_token=token).status_code == 302 and draws_of(c.id) == 1
    assert csrf_client.post(f"{page_url(c.id)}/publish", data={"published": "1"}).status_code == 400
    page = csrf_client.get(page_url(c.id)).get_data(as_text=True)
    publish = re.search(r'draw/publish"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"', page).group(1)
    r = csrf_client.post(f"{page_url(c.id)}/publish", data={"published": "1", "csrf_token": publish})
    assert r.status_code == 302
    db.session.rollback()
    assert db.session.scalar(select(Draw.published).where(Draw.contest_id == c.id)) is True


def test_the_contest_page_links_the_draw_and_results(client, login, organiser, dummy_event, token):
    c, _ids = seeded_contest(organiser, dummy_event)
    url = f"/contests/{c.id}"
    public = client.get(url).get_data(as_text=True)
    assert f"/contests/{c.id}/bracket" not in public and "/draw" not in public
    login("org")
    make(client, c.id, random_seed="5")
    own = client.get(url).get_data(as_text=True)
    assert f"/manage/contests/{c.id}/draw" in own and f"/manage/contests/{c.id}/results" in own
    assert "预览：尚未公布" in own and f"/contests/{c.id}/bracket" in own
    assert client.post(f"/api/v1/contests/{c.id}/draw/publish", headers=token("org")).status_code == 200
    shown = client.application.test_client().get(url).get_data(as_text=True)
    assert f"/contests/{c.id}/bracket" in shown and f"/contests/{c.id}/places" in shown
    assert f"/contests/{c.id}/draw-sheet.pdf" in shown and "/manage/" not in shown
