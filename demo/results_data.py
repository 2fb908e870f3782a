"""The demo contests already under way: who entered them, the draw's seed, and the results recorded so far.

Scores are given in the order the draw put the entries in each match (slot 0 first); each list is used on
the contest's ready matches of ``stage`` in draw order, so the rest of the bracket, the group table and
the other races are left for the person trying the demo to enter.
"""

#: 羽毛球男子单打, single elimination of 8 with 2 seeds: the quarter-finals and one semi-final played
BADMINTON = {
    "contest": "羽毛球男子单打", "random_seed": 20251220, "seeded": 2,
    #: one player per delegation (leader username), seeds first
    "entries": ["changchun", "faw", "jilin", "sgcc_jl", "siping", "tonghua", "jlpc", "yanbian"],
    "results": [("main", {"games": [[21, 12], [21, 16]]}),
                ("main", {"games": [[21, 18], [17, 21], [21, 19]]}),
                ("main", {"games": [[15, 21], [21, 23]]}),
                ("main", {"games": [[21, 9], [21, 14]]}),
                ("main", {"games": [[22, 20], [18, 21], [21, 17]]})],
}

#: 篮球5x5男子组 (city division), two groups of three: group A played out, one game of group B
BASKETBALL = {
    "contest": "篮球5x5男子组", "random_seed": 20251221, "players": 6,
    "entries": ["changchun", "jilin", "siping", "tonghua", "songyuan", "yanbian"],
    "results": [("group", {"periods": [[22, 18], [19, 21], [24, 16], [20, 17]]}),
                ("group", {"periods": [[15, 20], [18, 22], [21, 19], [16, 18]]}),
                ("group", {"periods": [[25, 19], [17, 17], [20, 22], [19, 15]]}),
                ("group", {"periods": [[18, 16], [14, 20], [22, 21], [17, 21]]})],
}

#: 12人混合冰上龙舟200米直道赛, six crews on four lanes: heats, then finals A and B; the first heat raced
DRAGON_BOAT = {
    "contest": "12人混合冰上龙舟200米直道赛", "random_seed": 20251222,
    "entries": ["jilin", "baishan", "songyuan", "baicheng", "faw", "crrc_cc"],
    #: times in milliseconds, given to the heat's crews in lane order
    "races": [("heat", [52_340, 50_870, 53_915])],
}

#: a team's short name from its delegation's leader username
SHORT_NAMES = {"changchun": "长春", "jilin": "吉林", "siping": "四平", "tonghua": "通化", "songyuan": "松原",
               "yanbian": "延边", "baishan": "白山", "baicheng": "白城", "faw": "一汽", "crrc_cc": "中车长客"}
