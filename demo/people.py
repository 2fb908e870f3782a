"""Demo athletes: realistic Chinese names with valid, unique resident ID numbers, birth dates and phones."""
from __future__ import annotations

from datetime import date, timedelta

from registrations.idcard import check_char

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟万段"
MEN = ("伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "辉", "鹏", "飞", "斌", "宇", "浩", "凯", "健",
       "俊杰", "志强", "建华", "国庆", "海波", "晓东", "文博", "振宇", "宏伟", "立新", "永刚", "德明", "庆丰",
       "春雷", "铁军", "长江", "树林", "子豪", "博文", "继东", "金龙", "成刚", "玉龙", "大鹏", "占军")
WOMEN = ("芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "晶", "颖", "慧", "佳",
         "倩", "欣", "丽华", "晓燕", "春梅", "秀英", "海燕", "雅琴", "思雨", "梦琪", "欣怡", "雨桐", "桂兰",
         "玉兰", "淑珍", "红梅", "丹丹", "佳琪", "美玲", "冬梅")

#: the region code written in the ID numbers of each delegation's athletes (by leader username)
REGIONS = {"changchun": "220102", "jilin": "220202", "siping": "220302", "liaoyuan": "220402",
           "tonghua": "220502", "baishan": "220602", "songyuan": "220702", "baicheng": "220802",
           "yanbian": "222401", "changbaishan": "222426", "faw": "220104", "sgcc_jl": "220105",
           "jlpc": "220204", "crrc_cc": "220106", "jlbank": "220103", "tonggang": "220502"}


class People:
    """Hands out demo people one by one: no name, ID number or phone is given twice."""

    def __init__(self) -> None:
        self.count = 0
        self.names: set[str] = set()

    def person(self, delegation: str, gender: str, role: str | None = None) -> dict:
        """The next person of a delegation (leader username), of ``gender`` M/F, with ``role`` if given."""
        n = self.count
        self.count += 1
        born = date(1978, 3, 1) + timedelta(days=(n * 131) % 8000)
        sequence = 100 + 2 * (n % 440) + (1 if gender == "M" else 0)  # odd for men, even for women
        body = f"{REGIONS[delegation]}{born:%Y%m%d}{sequence:03d}"
        member = {"name": self._name(n, gender), "gender": gender, "birth_date": born.isoformat(),
                  "id_number": body + check_char(body), "phone": f"139{4310_0000 + n * 37:08d}"}
        if role:
            member["role"] = role
        return member

    def _name(self, n: int, gender: str) -> str:
        given = MEN if gender == "M" else WOMEN
        i = n
        while True:
            name = SURNAMES[(i * 7) % len(SURNAMES)] + given[(i * 5 + i // len(given)) % len(given)]
            if name not in self.names:
                self.names.add(name)
                return name
            i += 1
