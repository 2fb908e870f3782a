"""Public results pages: bracket, group tables, heat lists and places, in Chinese and English, after publishing."""
import re

from tests.web.match_helpers import by_key, contest, delegations, draw, entries, matches, play_all, put_result
from tests.web.test_races_api import BOAT
from tests.web.test_standings_api import play, round_robin

PLAYERS = ["林丹", "谌龙", "石宇奇", "李宗伟", "桃田贤斗", "安赛龙", "周天成", "陈雨菲",
           "王祉怡", "何冰娇", "张艺曼", "韩悦", "高昉洁", "陈清晨", "贾一凡", "郑思维"]


def text_of(r) -> str:
    """A page's text without tags, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.get_data(as_text=True)))


def publish(client, h, contest_id):
    assert client.post(f"/api/v1/contests/{contest_id}/draw/publish", headers=h).status_code == 200


def knockout(client, h, organiser, event, n, **fmt):
    """A published badminton singles knockout of ``n`` named players; their entry ids by name."""
    c = contest(organiser, event, "羽毛球男子单打", format={"type": "single_elimination", **fmt})
    ids = entries(c.id, delegations(event, 4), n, names=PLAYERS[:n])
    draw(client, h, c.id, random_seed=7)
    publish(client, h, c.id)
    return c, dict(zip(PLAYERS, ids))


def test_bracket_names_the_rounds_the_finalists_and_the_champion(client, organiser, dummy_event, token):
    h = token("org")
    c, ids = knockout(client, h, organiser, dummy_event, 16)
    assert play_all(client, h, c.id, pick=lambda m: 0) == 15
    names = {v: k for k, v in ids.items()}
    champion, runner_up = (names[e] for e in by_key(matches(client, h, c.id))["main-4-1"]["entries"])
    zh = text_of(client.get(f"/contests/{c.id}/bracket"))
    assert re.search(r"第 ?1 ?轮", zh)
    for word in ("1/4决赛", "半决赛", "决赛", "21-12 21-15"):
        assert word in zh, word
    assert f"冠军 {champion}" in zh and f"亚军 {runner_up}" in zh
    assert all(name in zh for name in PLAYERS)
    en = text_of(client.get(f"/contests/{c.id}/bracket?lang=en"))
    for word in ("Round 1", "Quarter-finals", "Semi-finals", "Final", f"Champion {champion}", f"Runner-up {runner_up}"):
        assert word in en, word


def test_bracket_shows_byes_pending_slots_and_delegations(client, organiser, dummy_event, token):
    h = token("org")
    c, _ = knockout(client, h, organiser, dummy_event, 6, third_place=True)
    page = client.get(f"/contests/{c.id}/bracket").get_data(as_text=True)
    assert page.count(">轮空<") == 2 and "待定" in page and "代表队" in page
    assert "三四名决赛" in page and "冠军" not in page
    en = client.get(f"/contests/{c.id}/bracket?lang=en").get_data(as_text=True)
    assert en.count(">Bye<") == 2 and "TBD" in en and "Third-place match" in en


def test_double_elimination_has_both_brackets_and_the_grand_final(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "double_elimination", "grand_final": "reset"})
    entries(c.id, delegations(dummy_event, 4), 4, names=PLAYERS[:4])
    draw(client, h, c.id, random_seed=2)
    publish(client, h, c.id)
    play_all(client, h, c.id, pick=lambda m: 0)
    zh = text_of(client.get(f"/contests/{c.id}/bracket"))
    for word in ("胜者组", "败者组", "总决赛", "胜者组决赛", "败者组决赛", "总决赛加赛", "无需比赛", "冠军"):
        assert word in zh, word


def test_basketball_boxes_show_points_overtime_and_forfeits(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "篮球", sport="basketball", discipline="5x5")
    entries(c.id, delegations(dummy_event, 4), 4, names=["红队", "蓝队", "绿队", "黄队"])
    semis = by_key(draw(client, h, c.id, random_seed=1)["matches"])
    publish(client, h, c.id)
    ot = [[20, 18], [15, 17], [25, 20], [18, 23], [7, 5]]
    assert put_result(client, h, semis["main-1-1"], periods=ot).status_code == 200
    forfeit = semis["main-1-2"]
    assert put_result(client, h, forfeit, outcome="forfeit", winner_entry_id=forfeit["entries"][1]).status_code == 200
    zh = text_of(client.get(f"/contests/{c.id}/bracket"))
    assert re.search(r"队 代表队\d+ 85 \S+ 代表队\d+ 83 20-18 15-17 25-20 18-23 加时 7-5", zh)
    assert re.search(r"队 代表队\d+ 0 \S+ 代表队\d+ 20 弃权", zh) and "待赛" in zh
    en = text_of(client.get(f"/contests/{c.id}/bracket?lang=en"))
    assert "18-23 OT 7-5" in en and "forfeit" in en


def test_knockout_after_groups_names_who_will_come(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "groups_knockout", "groups": 2,
                                                       "qualifiers_per_group": 2})
    entries(c.id, delegations(dummy_event, 4), 8)
    draw(client, h, c.id, random_seed=9)
    publish(client, h, c.id)
    zh = text_of(client.get(f"/contests/{c.id}/bracket"))
    assert "待定 · A组第1名" in zh and "B组第2名" in zh
    assert "Group A #1" in text_of(client.get(f"/contests/{c.id}/bracket?lang=en"))
    nav = client.get(f"/contests/{c.id}/standings").get_data(as_text=True)
    for page in ("standings", "bracket", "places"):
        assert f'href="/contests/{c.id}/{page}"' in nav
    assert f'href="/contests/{c.id}/heats"' not in nav


#: A, B, C and D play a group of four: A and B win two each, A ahead on head-to-head
GROUP_GAMES = [("A", "B", 100, 55), ("A", "C", 90, 85), ("A", "D", 75, 80), ("B", "C", 100, 95),
               ("B", "D", 80, 75), ("C", "D", 60, 55)]


def test_group_table_order_and_the_tie_break_in_words(client, organiser, dummy_event, token):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    publish(client, h, c.id)
    for game in GROUP_GAMES:
        play(client, h, c.id, ids, *game)
    page = client.get(f"/contests/{c.id}/standings").get_data(as_text=True)
    table = page[page.index("<tbody>"):page.index("</tbody>")]
    assert [table.index(f">{t}<") for t in "ABCD"] == sorted(table.index(f">{t}<") for t in "ABCD")
    zh = text_of(client.get(f"/contests/{c.id}/standings"))
    assert "A 凭胜负关系排在 B 之前。" in zh and "C 凭胜负关系排在 D 之前。" in zh and "已赛完" in zh
    assert "B 凭" not in zh  # B is above C on points: nothing to explain
    assert "+45" in zh and "265:220" in zh  # A: 265 scored, 220 conceded
    en = text_of(client.get(f"/contests/{c.id}/standings?lang=en"))
    assert "A ranks above B on head-to-head." in en


def test_restart_rule_is_explained_by_the_step_used(client, organiser, dummy_event, token):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    publish(client, h, c.id)
    for game in [("A", "B", 90, 70), ("A", "C", 90, 70), ("A", "D", 90, 70), ("B", "C", 80, 65), ("C", "D", 60, 50),
                 ("D", "B", 90, 85)]:
        play(client, h, c.id, ids, *game)
    zh = text_of(client.get(f"/contests/{c.id}/standings"))
    assert "B 凭相互间比赛净胜分排在 C 之前。" in zh and "C 凭胜负关系排在 D 之前。" in zh
    en = text_of(client.get(f"/contests/{c.id}/standings?lang=en"))
    assert "B ranks above C on points difference in the games between them." in en


def crews(client, h, organiser, event, n, **fmt):
    c = contest(organiser, event, "冰上龙舟", format={"type": "timed_heats", **fmt}, **BOAT)
    ids = entries(c.id, delegations(event, 3), n, names=[f"龙舟{i + 1}队" for i in range(n)])
    races = draw(client, h, c.id, random_seed=6)["matches"]
    publish(client, h, c.id)
    return c, ids, races


def test_heat_list_shows_lanes_times_penalties_and_dns(client, organiser, dummy_event, token):
    h = token("org")
    c, ids, races = crews(client, h, organiser, dummy_event, 4, lanes=4, ranking="final")
    final = races[0]
    pending = text_of(client.get(f"/contests/{c.id}/heats"))
    assert "决赛" in pending and "待赛" in pending and "龙舟1队" in pending
    lanes = [{"entry_id": ids[0], "time_ms": 62_354}, {"entry_id": ids[1], "time_ms": 58_000, "false_starts": 1},
             {"entry_id": ids[2], "time_ms": 59_999}, {"entry_id": ids[3], "status": "DNS"}]
    assert put_result(client, h, final, lanes=lanes).status_code == 200
    page = client.get(f"/contests/{c.id}/heats").get_data(as_text=True)
    rows = re.findall(r"<tr>(.*?)</tr>", page[page.index("<tbody>"):], re.S)
    cells = [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", td)).strip()
              for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]
    assert [row[0] for row in cells] == [str(lane) for lane in sorted(final["lanes"])]
    by_name = {row[1].split()[0]: row for row in cells}
    assert by_name["龙舟1队"][2:] == ["1:02.35", "2"]
    assert by_name["龙舟2队"][2:] == ["1:08.00 含罚时 +10.00", "3"]
    assert by_name["龙舟3队"][2:] == ["59.99", "1"]
    assert by_name["龙舟4队"][2:] == ["DNS", ""]
    assert "incl. penalty +10.00" in client.get(f"/contests/{c.id}/heats?lang=en").get_data(as_text=True)
    places = client.get(f"/contests/{c.id}/places").get_data(as_text=True)  # placed last, marked DNS
    last = re.findall(r'<tr class="place-(\d+)">(.*?)</tr>', places, re.S)[-1]
    assert last[0] == "4" and "龙舟4队" in last[1] and 'title="未出发">DNS</abbr>' in last[1]


def test_heats_and_finals_are_named(client, organiser, dummy_event, token):
    h = token("org")
    c, _, _ = crews(client, h, organiser, dummy_event, 6, lanes=4, ranking="final")
    zh = text_of(client.get(f"/contests/{c.id}/heats"))
    assert zh.index("预赛第1组") < zh.index("预赛第2组") < zh.index("A组决赛")
    assert "B组决赛" in zh and "待定" in zh
    en = text_of(client.get(f"/contests/{c.id}/heats?lang=en"))
    assert "Heat 1" in en and "Final A" in en and "Final B" in en and "Lane" in en


def test_places_are_provisional_then_final_with_shared_places(client, organiser, dummy_event, token):
    h = token("org")
    c, _ = knockout(client, h, organiser, dummy_event, 8)
    assert play_all(client, h, c.id, pick=lambda m: 0) == 7
    page = text_of(client.get(f"/contests/{c.id}/places"))
    assert "暂定" not in page and "名次" in page
    places = re.findall(r'class="live-place">(\d+)<', client.get(f"/contests/{c.id}/places").get_data(as_text=True))
    assert places == ["1", "2", "3", "3", "5", "5", "5", "5"]
    assert page.count("并列") == 6 and PLAYERS[0] in page
    en = text_of(client.get(f"/contests/{c.id}/places?lang=en"))
    assert en.count("tied") == 6 and "Provisional" not in en


def test_places_so_far_carry_the_provisional_badge(client, organiser, dummy_event, token):
    h = token("org")
    c, _ = knockout(client, h, organiser, dummy_event, 8)
    for m in matches(client, h, c.id, status="ready"):
        assert put_result(client, h, m, games=[[21, 10], [21, 10]]).status_code == 200
    page = client.get(f"/contests/{c.id}/places").get_data(as_text=True)
    assert "暂定" in page and re.findall(r'class="live-place">(\d+)<', page) == ["5", "5", "5", "5"]
    assert "Provisional" in client.get(f"/contests/{c.id}/places?lang=en").get_data(as_text=True)


def test_the_public_sees_nothing_before_the_draw_is_published(client, organiser, dummy_event, token, login):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, delegations(dummy_event, 2), 4, names=PLAYERS[:4])
    draw(client, h, c.id, random_seed=1, published=False)
    for page in ("bracket", "places"):
        r = client.get(f"/contests/{c.id}/{page}")
        assert r.status_code == 200 and "抽签尚未公布" in text_of(r)
        assert not any(name in text_of(r) for name in PLAYERS[:4])
    assert "The draw is not published yet" in text_of(client.get(f"/contests/{c.id}/bracket?lang=en"))
    login("org")
    preview = client.get(f"/contests/{c.id}/bracket")
    assert "预览" in text_of(preview) and all(name in text_of(preview) for name in PLAYERS[:4])
    assert preview.headers["Cache-Control"] == "private, no-store"
    client.post("/logout")
    publish(client, h, c.id)
    public = client.get(f"/contests/{c.id}/bracket")
    assert all(name in text_of(public) for name in PLAYERS[:4]) and "预览" not in text_of(public)
    assert "no-store" not in public.headers.get("Cache-Control", "")


def test_pages_outside_the_format_and_unknown_contests_are_404(client, organiser, dummy_event, token):
    h = token("org")
    c, _ = knockout(client, h, organiser, dummy_event, 4)
    assert client.get(f"/contests/{c.id}/heats").status_code == 404
    assert client.get(f"/contests/{c.id}/standings").status_code == 404
    assert client.get("/contests/424242/bracket").status_code == 404


def test_a_draw_of_128_lines_is_shown_in_parts_of_64_lines_and_the_final(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "羽毛球男子单打", format={"type": "single_elimination"})
    entries(c.id, delegations(dummy_event, 8), 128)
    draw(client, h, c.id, random_seed=7)
    publish(client, h, c.id)
    page = client.get(f"/contests/{c.id}/bracket").get_data(as_text=True)
    assert [re.sub(r"\s+", " ", p) for p in re.findall(r'<a class="btn btn-sm btn[^"]*"[^>]*>([^<]+)</a>', page)
            if "签" in p or "决胜" in p] == ["第1–64签", "第65–128签", "决胜轮次"]
    assert page.count('<div class="bm bm-s-') == 63, "the first part: 32 + 16 + 8 + 4 + 2 + 1 boxes"
    assert 'aria-current="page"' in page and "半决赛" in page and ">决赛<" not in page
    second = client.get(f"/contests/{c.id}/bracket?part-main=1").get_data(as_text=True)
    assert second.count('<div class="bm bm-s-') == 63
    final = client.get(f"/contests/{c.id}/bracket?part-main=final").get_data(as_text=True)
    assert final.count('<div class="bm bm-s-') == 1 and "决赛" in final
    assert 'href="/contests/%d/bracket?part-main=1#bracket-main"' % c.id in final
    en = client.get(f"/contests/{c.id}/bracket?lang=en&part-main=0").get_data(as_text=True)
    assert "Lines 1–64" in en and "Final rounds" in en
    junk = client.get(f"/contests/{c.id}/bracket?part-main=99")
    assert junk.status_code == 200 and junk.get_data(as_text=True).count('<div class="bm bm-s-') == 63  # the first part
