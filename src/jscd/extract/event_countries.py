"""Country names and demonyms in a report, with every ISO 3166 name the gazetteer lacks.

The parties of an encounter, the country of its place and the pair before a series name
("U.S.-Iraq ...") are all read from the same table and the same scan of the document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jscd.extract.pipeline import Pipeline

__all__ = ["country_table", "find_countries"]

# "Arabian Sea", "Indian Ocean": a country's name inside a place that is no country
_SEA = re.compile(r"\s+(?:Ocean|Sea|Gulf|Peninsula|Subcontinent)\b")
# no leading look-behind (it would make re try every position): the character before a
# word is checked in Python
_CAP_WORD = re.compile(r"[A-Z][\w’'.]*")


@lru_cache(maxsize=4)
def country_table(p: Pipeline) -> dict[str, str]:
    """The gazetteer's countries and demonyms, completed with every ISO 3166 country's names
    (pycountry) and the "-n" demonym of names in -a ("Kenya", "Kenyan")."""
    import pycountry

    table = dict(p.country_of)
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            name = getattr(c, attr, None)
            if not name or "," in name or "(" in name:
                continue
            table.setdefault(name, c.alpha_3)
            if name.endswith("a") and " " not in name:
                table.setdefault(name + "n", c.alpha_3)
    return table


@lru_cache(maxsize=4)
def _by_first_word(p: Pipeline) -> dict[str, list[str]]:
    """Names only pycountry knows, by their first word, longest first."""
    out: dict[str, list[str]] = {}
    for name in sorted(country_table(p), key=len, reverse=True):
        if name not in p.country_of:
            out.setdefault(re.split(r"[ -]", name)[0], []).append(name)
    return out


def find_countries(p: Pipeline, text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) of every country name or demonym, gazetteer's first; names only
    pycountry knows are looked up by their first capitalised word (a 500-name alternation
    would cost more than the rest of the rules together)."""
    table = country_table(p)
    by_first = _by_first_word(p)
    found = [(m.start(), m.end(), p.country_of[m.group(0)]) for m in p.country_re.finditer(text)
             if m.group(0) in p.country_of and not _SEA.match(text, m.end())]
    taken = {a for a, _, _ in found}
    for m in _CAP_WORD.finditer(text):
        names = by_first.get(m.group(0).rstrip(".’'"))
        at = m.start()
        if names is None or at in taken or (at and (text[at - 1].isalnum() or text[at - 1] in "._")):
            continue
        for name in names:
            after = at + len(name)
            if text.startswith(name, at) and not (after < len(text) and text[after].isalnum()) \
                    and not _SEA.match(text, after):
                found.append((at, after, table[name]))
                break
    found.sort()
    # "South Sudan" is not also "Sudan"
    return [f for i, f in enumerate(found) if not (i and found[i - 1][0] < f[0] < found[i - 1][1])]
