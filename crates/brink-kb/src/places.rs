//! The city gazetteer: `kb/places.tsv` (GeoNames, CC BY 4.0; made by `tools/make_places.py`),
//! compiled in, parsed on first use into a hash map from a normalised name to the cities it
//! names. Kept apart from the alias automaton: ~12,000 cities and their alternate spellings
//! would make the automaton several times larger and `Kb::load` slower, while a lookup on the
//! capitalised word n-grams the actors stage proposes costs a hash probe each.
//!
//! Format and selection rules: docs/KB.md ("Places").

use std::collections::HashSet;
use std::sync::OnceLock;

const PLACES_TSV: &str = include_str!("../../../kb/places.tsv");
const PLACES_EXCLUDE: &str = include_str!("../../../kb/places_exclude.txt");

/// One city of the gazetteer.
/// Its text borrows from the TSV (compiled in: `'static`).
#[derive(Debug, Clone)]
pub struct Place<'a> {
    /// GeoNames name as written there ("Khān Yūnis").
    pub name: &'a str,
    /// GeoNames ASCII name when it differs from `name`, else empty.
    pub ascii: &'a str,
    /// English-usable alternate spellings, `|`-separated ("Kiev|Kyev").
    pub alternates: &'a str,
    /// ISO 3166-1 alpha-3 of the KB state that answers for it (territories folded: HKG → CHN).
    pub country: &'a str,
    pub admin1: &'a str,
    pub population: u32,
    pub lat: f32,
    pub lon: f32,
}

/// A city a name form stands for; `alternate` when the form is not its own (ascii) name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceHit {
    pub place: u32,
    pub alternate: bool,
}

pub struct Places<'a> {
    places: Vec<Place<'a>>,
    /// (hash of the normalised form, city << 1 | alternate), sorted.
    index: Vec<(u64, u32)>,
    /// One bit per top-`BLOOM_BITS` hash prefix present: most text n-grams are no city, and
    /// this answers that without a binary search (the actors stage asks for every capitalised
    /// word n-gram).
    bloom: Vec<u64>,
    max_words: usize,
}

/// The normalised lookup form of a name: accents folded, lowercase, curly apostrophes straight,
/// dots dropped, hyphens/dashes/underscores as spaces, single spaces ("El-Fasher" = "el fasher").
/// Same as `key` in tools/make_places.py.
pub fn place_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        return ascii_key(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let mut push = |c: char, out: &mut String| {
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.extend(c.to_lowercase());
            space = false;
        }
    };
    for c in s.chars() {
        match c {
            'ı' => push('i', &mut out),
            'ł' | 'Ł' => push('l', &mut out),
            'ø' | 'Ø' => push('o', &mut out),
            'đ' | 'Đ' => push('d', &mut out),
            'ß' => {
                push('s', &mut out);
                push('s', &mut out)
            }
            '\u{2019}' | '\u{2018}' | '`' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ' => push('\'', &mut out),
            '.' => {}
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '_' | '/' => push(' ', &mut out),
            c if c.is_whitespace() => push(' ', &mut out),
            c if c.is_ascii() => push(c, &mut out),
            c => {
                for d in c.to_string().nfd() {
                    if !unicode_normalization::char::is_combining_mark(d) {
                        push(d, &mut out);
                    }
                }
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `place_key` for ASCII text (most forms): no Unicode tables.
fn ascii_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for &b in s.as_bytes() {
        match b {
            b'.' => {}
            b'-' | b'_' | b'/' | b' ' | b'\t' | b'\n' | b'\r' => {
                if !space {
                    out.push(' ');
                }
                space = true;
            }
            b'`' => {
                out.push('\'');
                space = false;
            }
            b => {
                out.push(b.to_ascii_lowercase() as char);
                space = false;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

const BLOOM_BITS: u32 = 20;

fn bloom_slot(h: u64) -> (usize, u64) {
    let b = (h >> (64 - BLOOM_BITS)) as usize;
    (b / 64, 1u64 << (b % 64))
}

/// FxHash step (rustc's hasher), one byte at a time: the keys are short trusted strings.
#[inline]
fn fx(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The hash of `place_key(s)`, fed piece by piece: hashing "El", " ", "Fasher" in turn gives
/// the hash of "El Fasher", so a caller trying n-grams of growing length extends one hash
/// instead of rehashing each n-gram. No allocation for ASCII pieces.
#[derive(Debug, Clone, Copy, Default)]
pub struct FormHasher {
    h: u64,
    pending_space: bool,
    any: bool,
}

impl FormHasher {
    pub fn push_str(&mut self, s: &str) {
        if s.is_ascii() {
            self.push_bytes(s.as_bytes());
        } else {
            if s.starts_with(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')) {
                self.pending_space = self.any;
            }
            self.push_bytes(place_key(s).as_bytes());
            if s.ends_with(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')) {
                self.pending_space = self.any;
            }
        }
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'.' => {}
                b'-' | b'_' | b'/' | b' ' | b'\t' | b'\n' | b'\r' => self.pending_space = self.any,
                b => {
                    if self.pending_space {
                        self.h = fx(self.h, b' ');
                        self.pending_space = false;
                    }
                    self.h = fx(self.h, if b == b'`' { b'\'' } else { b.to_ascii_lowercase() });
                    self.any = true;
                }
            }
        }
    }

    pub fn finish(&self) -> u64 {
        self.h
    }
}

fn form_hash(s: &str) -> u64 {
    let mut f = FormHasher::default();
    f.push_str(s);
    f.finish()
}

impl Places<'static> {
    /// The compiled-in gazetteer, parsed once.
    pub fn builtin() -> &'static Places<'static> {
        static P: OnceLock<Places<'static>> = OnceLock::new();
        P.get_or_init(|| Places::parse(PLACES_TSV, PLACES_EXCLUDE))
    }

}

impl<'a> Places<'a> {
    /// Parses the TSV (see docs/KB.md) minus the names listed in `exclude` (one per line, `#`
    /// comments, `+Name` lines are keep-notes for the converter and ignored here).
    ///
    /// The index is a sorted vector of (hash of the normalised form, city, alternate), and the
    /// cities borrow their text from the TSV: no per-form allocation. A hit is checked against
    /// the city's own forms, so a hash collision cannot produce a wrong city.
    pub fn parse(tsv: &'a str, exclude: &str) -> Places<'a> {
        let excluded: HashSet<u64> = exclude
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty() && !l.starts_with('+'))
            .map(form_hash)
            .collect();
        let mut places = Vec::with_capacity(12_500);
        let mut index: Vec<(u64, u32)> = Vec::with_capacity(60_000);
        let mut max_words = 1;
        for line in tsv.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(name), Some(ascii), Some(alts), Some(country), Some(admin1), Some(pop), Some(lat), Some(lon)) =
                (f.next(), f.next(), f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let own = form_hash(name);
            if excluded.contains(&own) {
                continue;
            }
            let i = places.len() as u32;
            let forms = std::iter::once((own, false))
                .chain((!ascii.is_empty()).then(|| (form_hash(ascii), false)))
                .chain(alts.split('|').filter(|a| !a.is_empty()).map(|a| (form_hash(a), true)));
            for (h, alternate) in forms {
                if excluded.contains(&h) {
                    continue;
                }
                index.push((h, i << 1 | alternate as u32));
            }
            for form in std::iter::once(name).chain(std::iter::once(ascii)).chain(alts.split('|')) {
                max_words = max_words.max(form.split([' ', '-']).filter(|w| !w.is_empty()).count());
            }
            places.push(Place {
                name,
                ascii,
                alternates: alts,
                country,
                admin1,
                population: pop.parse().unwrap_or(0),
                lat: lat.parse().unwrap_or(0.0),
                lon: lon.parse().unwrap_or(0.0),
            });
        }
        // Per hash: own names before alternates, then most populous first; one entry per city.
        index.sort_unstable_by_key(|&(h, v)| (h, v & 1, std::cmp::Reverse(places[(v >> 1) as usize].population), v));
        index.dedup_by(|a, b| a.0 == b.0 && a.1 >> 1 == b.1 >> 1);
        let mut bloom = vec![0u64; (1usize << BLOOM_BITS) / 64];
        for &(h, _) in &index {
            let (w, bit) = bloom_slot(h);
            bloom[w] |= bit;
        }
        Places { places, index, bloom, max_words }
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
    pub fn place(&self, i: u32) -> &Place<'a> {
        &self.places[i as usize]
    }
    pub fn all(&self) -> &[Place<'a>] {
        &self.places
    }
    /// The most words any form has (hyphens count as word breaks).
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The cities a form names (any case and accents; hyphens as spaces): only the cities
    /// whose own name it is when there are any, otherwise those that list it as an alternate.
    /// Own names first, then most populous first.
    pub fn lookup(&self, form: &str) -> Vec<PlaceHit> {
        let h = form_hash(form);
        let lo = self.index.partition_point(|e| e.0 < h);
        let hits: Vec<PlaceHit> = self.index[lo..]
            .iter()
            .take_while(|e| e.0 == h)
            .map(|e| PlaceHit { place: e.1 >> 1, alternate: e.1 & 1 == 1 })
            .collect();
        if hits.is_empty() {
            return hits;
        }
        // Guard against a hash collision: the form must be one of the city's own forms.
        let key = place_key(form);
        let hits: Vec<PlaceHit> = hits.into_iter().filter(|h| self.places[h.place as usize].forms().any(|f| place_key(f) == key)).collect();
        if hits.iter().any(|h| !h.alternate) {
            hits.into_iter().filter(|h| !h.alternate).collect()
        } else {
            hits
        }
    }

    /// Is the form in the gazetteer? Cheap (one hash and a binary search; no allocation for
    /// ASCII text); may rarely say yes wrongly, never no wrongly: confirm with `lookup`.
    pub fn maybe_contains(&self, form: &str) -> bool {
        self.maybe_contains_hash(form_hash(form))
    }

    /// `maybe_contains` for a hash from [`FormHasher`].
    pub fn maybe_contains_hash(&self, h: u64) -> bool {
        let (w, bit) = bloom_slot(h);
        if self.bloom[w] & bit == 0 {
            return false;
        }
        let lo = self.index.partition_point(|e| e.0 < h);
        self.index.get(lo).is_some_and(|e| e.0 == h)
    }
}

impl<'a> Place<'a> {
    /// Its name, ascii name and alternates.
    pub fn forms(&self) -> impl Iterator<Item = &'a str> {
        std::iter::once(self.name).chain(std::iter::once(self.ascii).filter(|a| !a.is_empty())).chain(self.alternates.split('|').filter(|a| !a.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_accents_hyphens() {
        assert_eq!(place_key("El-Fasher"), "el fasher");
        assert_eq!(place_key("Khān Yūnis"), "khan yunis");
        assert_eq!(place_key("Mek’ele"), "mek'ele");
        assert_eq!(place_key("St. Petersburg"), "st petersburg");
        assert_eq!(place_key("  Port-au-Prince "), "port au prince");
        // Piecewise hashing equals hashing the whole form.
        for (pieces, whole) in [(&["El", "-", "Fasher"][..], "el fasher"), (&["Khān", " ", "Yūnis"][..], "Khan Yunis"), (&["St.", " ", "Petersburg"][..], "st petersburg")] {
            let mut f = FormHasher::default();
            for p in pieces {
                f.push_str(p);
            }
            assert_eq!(f.finish(), form_hash(whole), "{pieces:?}");
        }
    }

    #[test]
    fn builtin_has_conflict_cities() {
        let p = Places::builtin();
        assert!(p.len() > 10_000, "{} places", p.len());
        let country = |n: &str| p.lookup(n).first().map(|h| p.place(h.place).country);
        assert_eq!(country("Goma"), Some("COD"));
        assert_eq!(country("Odesa"), Some("UKR"));
        assert_eq!(country("Odessa"), Some("UKR")); // an alternate of Odesa; Odessa (USA) is dropped as a person name
        assert_eq!(country("Mekelle"), Some("ETH"));
        assert_eq!(country("El Fasher"), Some("SDN"));
        assert_eq!(country("el-Fasher"), Some("SDN"));
        assert_eq!(country("Kharkov"), Some("UKR"));
        // Ambiguous: both, most populous first.
        let t: Vec<&str> = p.lookup("Tripoli").iter().map(|h| p.place(h.place).country).collect();
        assert_eq!(t, vec!["LBY", "LBN"]);
        // Common words and person names are not in it.
        for w in ["Mobile", "Nice", "Reading", "Split", "Bath", "Of", "Jackson", "Chester"] {
            assert!(p.lookup(w).is_empty(), "{w} should be excluded");
        }
    }
}
