"""What the demo event holds: delegations, venues and contests of the four sports."""
from __future__ import annotations

from datetime import date, timedelta

#: the event's name; the year is the one its dates fall in (see ``calendar``)
NAME = "{year}年吉林省职工运动会"
EVENT = {
    "timezone": "Asia/Shanghai",
    "host": "吉林省总工会",
    "divisions": [{"code": "city", "name": "市州组"}, {"code": "enterprise", "name": "企业组"}],
}

#: (name, division code, leader username)
DELEGATIONS = [
    ("长春市代表队", "city", "changchun"), ("吉林市代表队", "city", "jilin"), ("四平市代表队", "city", "siping"),
    ("辽源市代表队", "city", "liaoyuan"), ("通化市代表队", "city", "tonghua"), ("白山市代表队", "city", "baishan"),
    ("松原市代表队", "city", "songyuan"), ("白城市代表队", "city", "baicheng"),
    ("延边朝鲜族自治州代表队", "city", "yanbian"), ("长白山管委会代表队", "city", "changbaishan"),
    ("中国第一汽车集团代表队", "enterprise", "faw"), ("国网吉林省电力公司代表队", "enterprise", "sgcc_jl"),
    ("吉林石化公司代表队", "enterprise", "jlpc"), ("中车长春轨道客车代表队", "enterprise", "crrc_cc"),
    ("吉林银行代表队", "enterprise", "jlbank"), ("通化钢铁集团代表队", "enterprise", "tonggang"),
]

VENUES = [
    {"name": "吉林省全民健身中心羽毛球馆", "kind": "hall", "address": "长春市南关区", "courts": 8},
    {"name": "长春市体育馆篮球场", "kind": "arena", "address": "长春市朝阳区", "courts": ["A", "B"]},
    {"name": "松花江冰上龙舟赛道", "kind": "course", "address": "吉林市松花江江面",
     "courts": ["1道", "2道", "3道", "4道"]},
    {"name": "吉林省工人文化宫展厅", "kind": "exhibition", "address": "长春市朝阳区", "courts": ["展厅"]},
]



def _moment(day: date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00+08:00"


def calendar(today: date) -> dict[str, dict]:
    """The demo's dates around the day it is loaded: the event under way for five days, registration open
    for ten more days ("open"), closed a week before the start for the contests already played ("closed")."""
    opens = _moment(today - timedelta(days=30), 9)
    starts = today - timedelta(days=5)
    return {"event": {"name": NAME.format(year=starts.year), "starts_on": starts.isoformat(),
                      "ends_on": (today + timedelta(days=24)).isoformat()},
            "open": {"registration_opens_at": opens,
                     "registration_closes_at": _moment(today + timedelta(days=10), 17)},
            "closed": {"registration_opens_at": opens,
                       "registration_closes_at": _moment(today - timedelta(days=12), 17)}}

#: (contest fields, venue index)
CONTESTS = [
    ({"name": "羽毛球混合团体（市州组）", "sport": "badminton", "discipline": "team", "division": "city",
      "format": {"type": "groups_knockout", "groups": 2, "qualifiers_per_group": 2, "third_place": True},
      "max_entries": 10, "waiting_list": False}, 0),
    ({"name": "羽毛球混合团体（企业组）", "sport": "badminton", "discipline": "team", "division": "enterprise",
      "format": {"type": "round_robin", "cycles": 1}, "max_entries": 8}, 0),
    ({"name": "羽毛球男子单打", "sport": "badminton", "discipline": "MS",
      "format": {"type": "single_elimination", "third_place": False, "seeds": 4}, "max_entries": 64,
      "waiting_list": True}, 0),
    ({"name": "篮球5x5男子组", "sport": "basketball", "discipline": "5x5", "division": "city",
      "format": {"type": "groups_knockout", "groups": 2, "qualifiers_per_group": 2, "third_place": True},
      "max_entries": 12}, 1),
    ({"name": "篮球3x3混合组", "sport": "basketball", "discipline": "3x3",
      "format": {"type": "double_elimination", "grand_final": "single"}, "max_entries": 16,
      "waiting_list": True}, 1),
    ({"name": "12人混合冰上龙舟200米直道赛", "sport": "ice_dragon_boat",
      "format": {"type": "timed_heats", "lanes": 4, "runs": 1, "ranking": "final"},
      "settings": {"boat": 12, "class": "mixed", "distance_m": 200}, "max_entries": 16}, 2),
    ({"name": "职工摄影大赛（单幅）", "sport": "photography", "discipline": "single",
      "format": {"type": "judged", "rounds": 2}, "settings": {"entries_per_author": 5, "judges": 5,
                                                            "drop_extremes": True}}, 3),
    ({"name": "职工摄影大赛（组照）", "sport": "photography", "discipline": "series",
      "format": {"type": "judged", "rounds": 1}, "settings": {"entries_per_author": 3, "judges": 5}}, 3),
]

#: demo accounts other than the delegation leaders: (username, display name, role)
STAFF = [("organiser", "赛事组委会", "organiser"), ("referee", "王裁判", "referee"), ("judge", "李评委", "judge")]
