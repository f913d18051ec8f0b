//! Relation patterns as data (`data/relation_patterns.tsv`) and the matcher that applies them.
//!
//! Why a small pattern language of our own: relations are stated in a handful of
//! recurring shapes ("Iran-backed Hezbollah", "the war between Israel and Hamas",
//! "mediate a ceasefire between X and Y"), and keeping those shapes in a data file lets
//! them be reviewed and extended without touching code. A pattern is a sequence of
//! elements matched over a sentence's *items*: actor mentions (from the actors stage),
//! pronouns, and the words between mentions.
//!
//! Why we tokenise the words between mentions ourselves instead of using `doc.tokens`:
//! mention spans need not align with token boundaries ("Iran" inside "Iran-backed"), and
//! the matcher only needs lowercased words and punctuation; this keeps relations working
//! whatever the tokeniser decides about hyphens and apostrophes.
//!
//! Pattern elements (whitespace separated):
//! - `{A}` `{B}` `{M}`: a slot binding one actor item (or a pronoun, resolved to the
//!   clause subject or the quote speaker). A slot also looks through a modifier prefix
//!   ("Lebanese Hezbollah", "Iran-backed Hezbollah" bind Hezbollah) by backtracking.
//! - `{B*}`: the slot may also bind a group noun ("militias", "groups") as the unnamed actor `*`.
//! - `{M+}`: a coordinated list ("the United States, Egypt and Qatar").
//! - `{A<}`: the subject to the left of this point in the sentence (consumes nothing).
//! - `word`, `a|b|c`: literal lowercased word(s); a trailing `?` makes the element optional.
//! - `*N`: skip up to N words.

use std::borrow::Cow;
use std::sync::OnceLock;

use brink_core::{ActorKind, ActorRef, Document, RelationType, Span};
use regex::Regex;

/// What a pattern yields: a relation type, or `Talks` (a pair in talks, used only as the
/// context that fills a mediator's two parties).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    Rel(RelationType),
    Talks,
    /// `members`: the B list are members of the armed-group alliance or coalition in A, so
    /// allies of each other (an intergovernmental body's members are not: see relations.rs).
    Members,
    /// `insurgency`: A, an armed group, attacks the forces or posts of the state it fights in
    /// ("the rebels overran army posts"): an adversary of its own country's state.
    Insurgency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SlotKind {
    One,
    OneOrGroup,
    List,
    Subject,
}

#[derive(Debug, Clone, PartialEq)]
enum Elem {
    Slot(char, SlotKind),
    /// Alternatives, their ids in the [`PatternSet`] vocabulary (filled when the set is built), optional.
    Words(Vec<String>, Vec<u32>, bool),
    Gap(usize),
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub kind: PatternKind,
    pub confidence: f32,
    /// Type `supplier`: a patron pattern whose B stays a client even when it is a state
    /// ("China, which is Pakistan's main arms supplier"); other patron patterns report a
    /// backed state as an ally.
    pub keeps_state_client: bool,
    elems: Vec<Elem>,
}

/// Parses the TSV: `id <TAB> type <TAB> pattern <TAB> confidence [<TAB> note]`; `#` comments.
pub fn parse_patterns(tsv: &str) -> Result<Vec<Pattern>, String> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            return Err(format!("line {}: expected 4 tab-separated columns", n + 1));
        }
        let keeps_state_client = cols[1].trim() == "supplier";
        let kind = match cols[1].trim() {
            "ally" => PatternKind::Rel(RelationType::Ally),
            "supplier" => PatternKind::Rel(RelationType::Patron),
            "members" => PatternKind::Members,
            "adversary" => PatternKind::Rel(RelationType::Adversary),
            "patron" => PatternKind::Rel(RelationType::Patron),
            "mediator" => PatternKind::Rel(RelationType::Mediator),
            "talks" => PatternKind::Talks,
            "insurgency" => PatternKind::Insurgency,
            t => return Err(format!("line {}: unknown type '{t}'", n + 1)),
        };
        let confidence: f32 = cols[3].trim().parse().map_err(|_| format!("line {}: bad confidence", n + 1))?;
        let mut elems = Vec::new();
        for tok in cols[2].split_whitespace() {
            elems.push(parse_elem(tok).map_err(|e| format!("line {}: {e}", n + 1))?);
        }
        if elems.is_empty() {
            return Err(format!("line {}: empty pattern", n + 1));
        }
        out.push(Pattern { id: cols[0].trim().to_string(), kind, confidence, keeps_state_client, elems });
    }
    Ok(out)
}

fn parse_elem(tok: &str) -> Result<Elem, String> {
    if tok.starts_with('{') && tok.ends_with('}') && tok.len() >= 3 {
        let inner = &tok[1..tok.len() - 1];
        let mut ch = inner.chars();
        let name = ch.next().ok_or("empty slot")?;
        if !matches!(name, 'A' | 'B' | 'M') {
            return Err(format!("unknown slot {tok}"));
        }
        let kind = match ch.as_str() {
            "" => SlotKind::One,
            "*" => SlotKind::OneOrGroup,
            "+" => SlotKind::List,
            "<" => SlotKind::Subject,
            s => return Err(format!("unknown slot suffix '{s}'")),
        };
        return Ok(Elem::Slot(name, kind));
    }
    if let Some(n) = tok.strip_prefix('*') {
        if let Ok(n) = n.parse::<usize>() {
            return Ok(Elem::Gap(n));
        }
    }
    let (body, opt) = match tok.strip_suffix('?') {
        Some(b) if !b.is_empty() => (b, true),
        _ => (tok, false),
    };
    Ok(Elem::Words(body.split('|').map(|w| w.replace('’', "'").to_lowercase()).collect(), Vec::new(), opt))
}

/// The patterns shipped in `data/relation_patterns.tsv`.
pub fn builtin_patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| parse_patterns(include_str!("../data/relation_patterns.tsv")).expect("relation_patterns.tsv parses"))
}

/// Patterns ready for matching.
///
/// Why compiled: the relation stage runs every pattern at every item of every sentence, and
/// most patterns need a literal word the sentence does not contain. Every literal word is
/// interned to a small id; a sentence's words are looked up once, and a pattern is tried
/// only when each of its required (non-optional) word elements has an alternative in the
/// sentence. A pattern skipped this way could not have matched, so results are unchanged.
#[derive(Debug, Clone)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    vocab: brink_core::fasthash::FastMap<String, u32>,
    /// Per pattern: the id lists of its required word elements.
    required: Vec<Vec<Vec<u32>>>,
}

/// Id of a word no pattern contains.
const NO_ID: u32 = u32::MAX;

impl PatternSet {
    pub fn new(mut patterns: Vec<Pattern>) -> PatternSet {
        let mut vocab: brink_core::fasthash::FastMap<String, u32> = Default::default();
        let mut required = Vec::with_capacity(patterns.len());
        for p in &mut patterns {
            let mut req = Vec::new();
            for e in &mut p.elems {
                if let Elem::Words(ws, ids, opt) = e {
                    *ids = ws
                        .iter()
                        .map(|w| {
                            let n = vocab.len() as u32;
                            *vocab.entry(w.clone()).or_insert(n)
                        })
                        .collect();
                    if !*opt {
                        req.push(ids.clone());
                    }
                }
            }
            required.push(req);
        }
        PatternSet { patterns, vocab, required }
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    fn id(&self, w: &str) -> u32 {
        self.vocab.get(w).copied().unwrap_or(NO_ID)
    }
}

// ---------------------------------------------------------------------------------------
// Items

/// One item of a sentence. Borrowed from the document where possible: the matcher tries
/// many patterns at many positions, and cloning actors and words for each try was most
/// of the relation stage's time.
#[derive(Debug, Clone)]
pub(crate) enum ItemKind<'a> {
    Actor { actor: &'a ActorRef, modifier: bool, place: bool },
    Word(Cow<'a, str>),
    Pronoun(&'static str),
}

#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    pub kind: ItemKind<'a>,
    pub span: Span,
    /// The word's (or pronoun's) id in the pattern vocabulary, or `NO_ID`.
    id: u32,
}

impl<'a> Item<'a> {
    fn word(&self) -> Option<&str> {
        match &self.kind {
            ItemKind::Word(w) => Some(w),
            _ => None,
        }
    }
    fn is_actor(&self) -> bool {
        matches!(self.kind, ItemKind::Actor { .. })
    }
}

const PRONOUNS: &[&str] = &["it", "its", "they", "their", "them", "we", "our"];
const DETERMINERS: &[&str] = &["the", "a", "an"];
const PREPS: &[&str] = &[
    "on", "at", "to", "with", "against", "of", "in", "for", "from", "by", "into", "over", "toward", "towards", "about",
    "between", "among", "upon", "onto", "across", "through", "via", "than", "including", "like", "after", "before",
    "since", "amid", "during", "without", "within", "under", "and", "or",
];
const VERBISH: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "shall",
    "should", "did", "does", "do", "says", "said", "told", "also", "'s", ",", "wants", "supplies", "seeks", "plans",
    "continues", "remains", "launches", "sends", "backs", "supports", "denies", "accuses", "warns", "vows", "insists",
];
const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "without", "refrain", "refrained", "avoid", "deny", "denied"];
/// Verbs that report or judge someone else's act: skipped in a gap they void the match
/// ("X condemned the strikes on Y" is not X's strike).
const DISTANCING: &[&str] = &[
    "condemned", "condemns", "condemn", "denounced", "denounces", "criticised", "criticized", "criticises", "criticizes",
    "deplored", "deplores", "blamed", "blames", "decried", "decries", "protested", "mourned",
];
fn is_neg(w: &str) -> bool {
    NEGATIONS.contains(&w) || w.ends_with("n't")
}
const GROUP_NOUNS: &[&str] = &[
    "militia", "militias", "group", "groups", "proxy", "proxies", "fighters", "factions", "rebels", "insurgents",
    "forces", "paramilitaries", "gunmen",
];

/// Role nouns that end a mention ("Omani mediators", "Qatari negotiators") and that patterns
/// need to see as words.
const ROLE_TAILS: &[&str] = &[
    "mediator", "mediators", "intermediary", "intermediaries", "facilitator", "facilitators", "negotiator", "negotiators",
];

/// The matcher's words, as the regex `WORDS_RE` splits text: "'s", a run of letters and
/// digits ending in a negated contraction ("don't"), a run of letters and digits, or any
/// other single non-space character. Written by hand because it runs on every sentence and
/// the regex engine's overhead per (short) match was most of the relation stage; the test
/// `word_scanner_agrees_with_the_regex` holds it to the regex.
#[cfg(test)]
const WORDS_RE: &str = r"['’]s\b|[\p{L}\p{N}]+n['’]t\b|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]";

/// Character classes of `WORDS_RE`, with a fast path for ASCII and common punctuation.
/// Other characters ask the regex engine, whose Unicode tables define the classes.
fn is_letter_or_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if matches!(c, '’' | '‘' | '“' | '”' | '—' | '–' | '…') {
        return false;
    }
    static R: OnceLock<Regex> = OnceLock::new();
    let mut buf = [0u8; 4];
    R.get_or_init(|| Regex::new(r"^[\p{L}\p{N}]").unwrap()).is_match(c.encode_utf8(&mut buf))
}

/// `\w` of the regex crate (Unicode): does a word boundary fall before `c`, after a letter?
fn is_regex_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if matches!(c, '’' | '‘' | '“' | '”' | '—' | '–' | '…') {
        return false;
    }
    static R: OnceLock<Regex> = OnceLock::new();
    let mut buf = [0u8; 4];
    R.get_or_init(|| Regex::new(r"^\w").unwrap()).is_match(c.encode_utf8(&mut buf))
}

/// Calls `f(start, end)` for each word of `text` (byte offsets), in order.
fn scan_words(text: &str, mut f: impl FnMut(usize, usize)) {
    let next = |i: usize| text[i..].chars().next();
    let boundary_at = |i: usize| !next(i).is_some_and(is_regex_word);
    let apostrophe = |c: char| c == '\'' || c == '’';
    let mut i = 0;
    while let Some(c) = next(i) {
        let cl = c.len_utf8();
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        if apostrophe(c) {
            // "'s" as a word of its own, else the apostrophe alone.
            let end = if next(i + cl) == Some('s') && boundary_at(i + cl + 1) { i + cl + 1 } else { i + cl };
            f(i, end);
            i = end;
            continue;
        }
        if is_letter_or_number(c) {
            let mut j = i + cl;
            let mut last = c;
            while let Some(d) = next(j).filter(|&d| is_letter_or_number(d)) {
                j += d.len_utf8();
                last = d;
            }
            // "don't", "won't": a run of two or more ending in n, an apostrophe, t, a boundary.
            let mut end = j;
            if last == 'n' && j - i >= 2 {
                if let Some(a) = next(j).filter(|&a| apostrophe(a)) {
                    let t = j + a.len_utf8();
                    if next(t) == Some('t') && boundary_at(t + 1) {
                        end = t + 1;
                    }
                }
            }
            f(i, end);
            i = end;
            continue;
        }
        f(i, i + cl);
        i += cl;
    }
}

/// Lowercased, curly apostrophe folded; borrowed when the text already is that (plain ASCII lowercase).
fn norm_word(w: &str) -> Cow<'_, str> {
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.replace('’', "'").to_lowercase())
    }
}

fn push_words<'a>(text: &'a str, base: usize, set: &PatternSet, out: &mut Vec<Item<'a>>) {
    scan_words(text, |start, end| {
        let norm = norm_word(&text[start..end]);
        let span = Span::new(base + start, base + end);
        let id = set.id(&norm);
        let kind = match PRONOUNS.iter().find(|p| **p == norm) {
            Some(p) => ItemKind::Pronoun(p),
            None => ItemKind::Word(norm),
        };
        out.push(Item { kind, span, id });
    });
}

/// Sentence spans: the sentence stage's, or a simple split when it has not run.
pub(crate) fn sentence_spans(doc: &Document) -> Vec<Span> {
    if !doc.sentences.is_empty() {
        return doc.sentences.iter().map(|s| s.span).collect();
    }
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| Regex::new(r#"[.!?][\"”’)]*\s+|\n\s*"#).unwrap());
    let mut out = Vec::new();
    let mut start = 0;
    for m in re.find_iter(&doc.text) {
        // "U.S. and", "Gen. Smith": no break after an initial or a short capitalised abbreviation
        let before = &doc.text[..m.start() + 1];
        let last_word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        let abbrev = m.as_str().starts_with('.')
            && (last_word.len() <= 4 && last_word.chars().next().is_some_and(|c| c.is_uppercase())
                || last_word.matches('.').count() > 1);
        if abbrev && !m.as_str().contains('\n') {
            continue;
        }
        if m.end() > start {
            out.push(Span::new(start, m.end()));
        }
        start = m.end();
    }
    if start < doc.text.len() {
        out.push(Span::new(start, doc.text.len()));
    }
    out
}

/// The document's mentions, indexed once: when they are in text order (the actors stage sorts
/// them) a sentence finds its own by binary search instead of scanning every mention of the
/// document, which made long documents quadratic.
pub(crate) struct MentionIndex<'a> {
    mentions: &'a [brink_core::Mention],
    sorted: bool,
    /// `reach[i]`: the largest end of a resolved mention among `mentions[..i]` (sorted case).
    reach: Vec<usize>,
}

impl<'a> MentionIndex<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mentions = &doc.mentions[..];
        let sorted = mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start);
        let mut reach = Vec::new();
        if sorted {
            reach.reserve(mentions.len() + 1);
            reach.push(0);
            for m in mentions {
                let r = *reach.last().unwrap_or(&0);
                reach.push(if m.actor.is_some() { r.max(m.span.end) } else { r });
            }
        }
        MentionIndex { mentions, sorted, reach }
    }

    /// Mentions starting inside `sent`, in document order (all of them when unsorted; callers
    /// filter on their own condition either way).
    fn starting_in(&self, sent: Span) -> &'a [brink_core::Mention] {
        if !self.sorted {
            return self.mentions;
        }
        let a = self.mentions.partition_point(|m| m.span.start < sent.start);
        let b = a + self.mentions[a..].partition_point(|m| m.span.start < sent.end);
        &self.mentions[a..b]
    }

    /// Mentions starting before `sent` that may reach into it (none when no resolved mention
    /// before the sentence ends after its start, the usual case).
    fn before(&self, sent: Span) -> &'a [brink_core::Mention] {
        if !self.sorted {
            return self.mentions;
        }
        let a = self.mentions.partition_point(|m| m.span.start < sent.start);
        if self.reach[a] <= sent.start {
            return &[];
        }
        &self.mentions[..a]
    }
}

/// The items of one sentence: resolved actor mentions and the words between them.
pub(crate) fn sentence_items<'a>(doc: &'a Document, mentions: &MentionIndex<'a>, set: &PatternSet, sent: Span) -> Vec<Item<'a>> {
    // a mention that starts in the sentence counts even when a sentence break was wrongly put
    // inside it ("U.S. | Secretary of State ...")
    let mut ms: Vec<&brink_core::Mention> = mentions
        .starting_in(sent)
        .iter()
        .filter(|m| m.actor.is_some() && !m.span.is_empty() && sent.start <= m.span.start && m.span.start < sent.end)
        .collect();
    ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut items = Vec::new();
    // skip the tail of a mention that began in the previous sentence
    let mut pos = mentions
        .before(sent)
        .iter()
        .filter(|m| m.actor.is_some() && m.span.start < sent.start && m.span.end > sent.start && m.span.end <= sent.end)
        .map(|m| m.span.end)
        .max()
        .unwrap_or(sent.start);
    for m in ms {
        if m.span.start < pos {
            continue; // overlaps a longer mention already taken
        }
        if let Some(gap) = doc.text.get(pos..m.span.start) {
            push_words(gap, pos, set, &mut items);
        }
        let Some(actor) = m.actor.as_ref() else { continue };
        items.push(Item { kind: ItemKind::Actor { actor, modifier: m.modifier, place: m.is_place }, span: m.span, id: NO_ID });
        // "Omani mediators": the role noun inside the mention is also a word the patterns read.
        let text = doc.slice(m.span);
        if let Some(last) = text.rsplit(|c: char| !c.is_alphanumeric()).next() {
            let lw = last.to_lowercase();
            if ROLE_TAILS.contains(&lw.as_str()) && last.len() < text.len() {
                let id = set.id(&lw);
                items.push(Item { kind: ItemKind::Word(Cow::Owned(lw)), span: Span::new(m.span.end - last.len(), m.span.end), id });
            }
        }
        pos = m.span.end;
    }
    if let Some(gap) = doc.text.get(pos..sent.end) {
        push_words(gap, pos, set, &mut items);
    }
    items
}

// ---------------------------------------------------------------------------------------
// Matching

/// One actor bound to a slot: borrowed from a mention, or owned for the unnamed actor `*`.
#[derive(Debug, Clone)]
pub struct Bound<'a> {
    pub actor: Cow<'a, ActorRef>,
    pub span: Span,
}

/// The actors bound to the slots A, B and M (empty when unbound).
#[derive(Debug, Clone, Default)]
pub struct Slots<'a>([Vec<Bound<'a>>; 3]);

fn slot_index(name: char) -> usize {
    match name {
        'A' => 0,
        'B' => 1,
        _ => 2,
    }
}

impl<'a> Slots<'a> {
    pub fn get(&self, name: char) -> &[Bound<'a>] {
        &self.0[slot_index(name)]
    }
    fn all(&self) -> impl Iterator<Item = &Bound<'a>> {
        self.0.iter().flatten()
    }
}

/// A successful match of one pattern in one sentence.
#[derive(Debug, Clone)]
pub struct Match<'p, 'a> {
    pub pattern: &'p Pattern,
    pub slots: Slots<'a>,
    /// From the first to the last item the pattern consumed (subjects included).
    pub span: Span,
}

/// What the matcher needs besides the items: quote spans with their speakers.
pub(crate) struct Ctx<'a> {
    pub quotes: Vec<(Span, &'a ActorRef)>,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut quotes = Vec::new();
        for q in &doc.quotes {
            if let Some(sp) = &q.speaker {
                for s in &q.spans {
                    quotes.push((*s, sp));
                }
            }
        }
        Ctx { quotes }
    }
    fn speaker_at(&self, byte: usize) -> Option<&'a ActorRef> {
        self.quotes.iter().find(|(s, _)| s.start <= byte && byte < s.end.max(s.start + 1)).map(|(_, a)| *a)
    }
}

/// The unnamed actor `*` (a group the text does not name).
pub fn unnamed_actor(text: &str) -> ActorRef {
    ActorRef {
        text: text.to_string(),
        key: "*".into(),
        id: "*".into(),
        name: text.to_string(),
        kind: ActorKind::Unknown,
        country: None,
        sector: None,
        role: None,
        role_from: None,
        role_to: None,
    }
}

fn prev_word_skipping_dets<'i>(items: &'i [Item], j: usize) -> Option<&'i str> {
    let mut k = j;
    while k > 0 {
        k -= 1;
        match items[k].word() {
            Some(w) if DETERMINERS.contains(&w) => continue,
            Some(w) => return Some(w),
            None => return None,
        }
    }
    None
}

fn is_verbish(w: &str) -> bool {
    VERBISH.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
}

/// The clause subject left of item `i`: the nearest actor not governed by a preposition.
/// With `prefer_subject`, an actor followed by a verb-like word (or first in the sentence)
/// wins over a nearer one (possessive pronouns refer back to the subject: "Russia has
/// cultivated ties with Iran since the start of its war").
fn subject_left<'a>(items: &[Item<'a>], i: usize, ctx: &Ctx<'a>, prefer_subject: bool, depth: u8) -> Option<Bound<'a>> {
    let mut nearest: Option<Bound<'a>> = None;
    let first_actor = items.iter().position(|it| it.is_actor());
    for j in (0..i.min(items.len())).rev() {
        let (actor, modifier, place) = match &items[j].kind {
            ItemKind::Actor { actor, modifier, place } => (*actor, *modifier, *place),
            ItemKind::Pronoun(p) if depth < 2 && *p != "them" => {
                if let Some(b) = resolve_pronoun(items, j, ctx, depth + 1) {
                    if !prefer_subject {
                        return Some(b);
                    }
                    nearest.get_or_insert(b);
                }
                continue;
            }
            _ => continue,
        };
        // a place, or an adjective-like modifier ("Iranian projectiles"), is not a clause subject
        if place || modifier {
            continue;
        }
        if let Some(p) = prev_word_skipping_dets(items, j) {
            if PREPS.contains(&p) {
                continue;
            }
        }
        let b = Bound { actor: Cow::Borrowed(actor), span: items[j].span };
        if !prefer_subject {
            return Some(b);
        }
        let next_verbish = items.get(j + 1).and_then(|n| n.word()).is_some_and(is_verbish);
        if next_verbish || Some(j) == first_actor {
            return Some(b);
        }
        nearest.get_or_insert(b);
    }
    nearest.or_else(|| {
        items.get(i).and_then(|it| ctx.speaker_at(it.span.start)).map(|a| Bound { actor: Cow::Borrowed(a), span: items[i].span })
    })
}

/// Actors coordinated after the subject `b` ("Mali and Burkina Faso", "Egypt, Qatar and
/// Turkey"), left of item `end`.
fn coordinated_after<'a>(items: &[Item<'a>], b: &Bound<'a>, end: usize) -> Vec<Bound<'a>> {
    let mut out = Vec::new();
    let Some(mut k) = items.iter().position(|it| it.is_actor() && it.span == b.span) else { return out };
    loop {
        let mut j = skip_parenthesis(items, k + 1);
        let mut saw = false;
        while let Some(w) = items.get(j).and_then(|x| x.word()) {
            if w == "," || w == "and" {
                saw = true;
                j += 1;
            } else if DETERMINERS.contains(&w) && saw {
                j += 1;
            } else {
                break;
            }
        }
        if !saw || j >= end {
            break;
        }
        match &items[j].kind {
            ItemKind::Actor { actor, modifier: false, place: false } if actor.key != b.actor.key => {
                out.push(Bound { actor: Cow::Borrowed(*actor), span: items[j].span });
                k = j;
            }
            _ => break,
        }
    }
    out
}

fn resolve_pronoun<'a>(items: &[Item<'a>], j: usize, ctx: &Ctx<'a>, depth: u8) -> Option<Bound<'a>> {
    let p = match &items[j].kind {
        ItemKind::Pronoun(p) => *p,
        _ => return None,
    };
    // "Iran and its proxies": the actor just before "and its".
    if j >= 2 && items[j - 1].word().is_some_and(|w| w == "and" || w == ",") {
        if let ItemKind::Actor { actor, place: false, .. } = &items[j - 2].kind {
            return Some(Bound { actor: Cow::Borrowed(*actor), span: items[j].span });
        }
    }
    let speaker = ctx.speaker_at(items[j].span.start);
    if matches!(p, "we" | "our") {
        if let Some(s) = speaker {
            return Some(Bound { actor: Cow::Borrowed(s), span: items[j].span });
        }
    }
    subject_left(items, j, ctx, true, depth).map(|b| Bound { actor: b.actor, span: items[j].span })
}

/// Ways a slot can bind at item `i`: (bound actor, next item index).
fn slot_candidates<'a>(items: &[Item<'a>], i: usize, kind: SlotKind, ctx: &Ctx<'a>) -> Vec<(Bound<'a>, usize)> {
    slot_candidates_plain(items, i, kind, ctx).into_iter().map(|(b, next)| acting_for_body(items, b, next)).collect()
}

/// "Roosevelt Skerrit, who chairs the Caribbean Community", "Ralph Gonsalves, the current
/// head of CELAC": the office holder acts for the intergovernmental body named in the
/// apposition, so the slot binds the body (and continues after it).
fn acting_for_body<'a>(items: &[Item<'a>], b: Bound<'a>, next: usize) -> (Bound<'a>, usize) {
    if matches!(b.actor.kind, ActorKind::Igo) || items.get(next).and_then(|x| x.word()) != Some(",") {
        return (b, next);
    }
    let w = |k: usize| items.get(k).and_then(|x| x.word());
    let mut k = next + 1;
    match w(k) {
        Some("who") => {
            k += 1;
            if !w(k).is_some_and(|v| matches!(v, "chairs" | "heads" | "leads" | "chaired" | "headed" | "led" | "presides")) {
                return (b, next);
            }
            k += 1;
            if w(k) == Some("over") {
                k += 1;
            }
        }
        Some("the") => {
            k += 1;
            while w(k).is_some_and(|v| matches!(v, "current" | "rotating" | "outgoing" | "acting")) {
                k += 1;
            }
            if !w(k).is_some_and(|v| {
                matches!(v, "head" | "chair" | "chairman" | "chairwoman" | "chairperson" | "president" | "secretary-general" | "leader")
            }) {
                return (b, next);
            }
            k += 1;
            if w(k) != Some("of") {
                return (b, next);
            }
            k += 1;
        }
        _ => return (b, next),
    }
    if w(k) == Some("the") {
        k += 1;
    }
    match items.get(k).map(|x| &x.kind) {
        Some(ItemKind::Actor { actor, .. }) if matches!(actor.kind, ActorKind::Igo) => {
            (Bound { actor: Cow::Borrowed(*actor), span: items[k].span }, skip_parenthesis(items, k + 1))
        }
        _ => (b, next),
    }
}

fn slot_candidates_plain<'a>(items: &[Item<'a>], i: usize, kind: SlotKind, ctx: &Ctx<'a>) -> Vec<(Bound<'a>, usize)> {
    let mut out = Vec::new();
    let mut i = i;
    while items.get(i).and_then(|it| it.word()).is_some_and(|w| DETERMINERS.contains(&w)) {
        i += 1;
    }
    let Some(it) = items.get(i) else { return out };
    match &it.kind {
        ItemKind::Actor { actor, modifier, place } => {
            out.push((Bound { actor: Cow::Borrowed(*actor), span: it.span }, i + 1));
            // "Lebanese Hezbollah": a modifier (or place) directly before another actor.
            if (*modifier || *place) && items.get(i + 1).is_some_and(|n| n.is_actor()) {
                if let ItemKind::Actor { actor: a2, .. } = &items[i + 1].kind {
                    out.push((Bound { actor: Cow::Borrowed(*a2), span: items[i + 1].span }, i + 2));
                }
            }
            // "Iran-backed Hezbollah", "Lebanon-based Hezbollah".
            if items.get(i + 1).and_then(|n| n.word()) == Some("-")
                && items.get(i + 2).and_then(|n| n.word()).is_some()
            {
                if let Some(ItemKind::Actor { actor: a2, .. }) = items.get(i + 3).map(|x| &x.kind) {
                    out.push((Bound { actor: Cow::Borrowed(*a2), span: items[i + 3].span }, i + 4));
                }
            }
        }
        ItemKind::Pronoun(_) => {
            if let Some(b) = resolve_pronoun(items, i, ctx, 0) {
                out.push((b, i + 1));
            }
        }
        ItemKind::Word(w) => {
            if kind == SlotKind::OneOrGroup
                && GROUP_NOUNS.contains(&w.as_ref())
                && !items.get(i + 1).is_some_and(|n| n.is_actor())
            {
                out.push((Bound { actor: Cow::Owned(unnamed_actor(w)), span: it.span }, i + 1));
            }
        }
    }
    out
}

/// Past a parenthesised acronym after a name ("the Arakan Army (AA)"): the index after `)`.
fn skip_parenthesis(items: &[Item], i: usize) -> usize {
    if items.get(i).and_then(|x| x.word()) != Some("(") {
        return i;
    }
    for (j, it) in items.iter().enumerate().take((i + 5).min(items.len())).skip(i + 1) {
        match it.word() {
            Some(")") => return j + 1,
            Some("(") => return i,
            _ => {}
        }
    }
    i
}

struct State<'a> {
    slots: Slots<'a>,
    first: Option<usize>,
    last: usize,
    neg_in_gap: bool,
}

fn match_from<'a>(p: &Pattern, k: usize, items: &[Item<'a>], i: usize, ctx: &Ctx<'a>, st: &mut State<'a>) -> bool {
    let Some(e) = p.elems.get(k) else { return true };
    match e {
        Elem::Words(_, ids, opt) => {
            // Words and pronouns carry their vocabulary id; actors carry none.
            if items.get(i).is_some_and(|it| it.id != NO_ID && ids.contains(&it.id)) {
                let (f, l) = (st.first, st.last);
                st.first.get_or_insert(i);
                st.last = st.last.max(i);
                if match_from(p, k + 1, items, i + 1, ctx, st) {
                    return true;
                }
                st.first = f;
                st.last = l;
            }
            *opt && match_from(p, k + 1, items, i, ctx, st)
        }
        Elem::Gap(n) => {
            let mut j = i;
            let neg0 = st.neg_in_gap;
            #[allow(clippy::explicit_counter_loop)]
            for _ in 0..=*n {
                if match_from(p, k + 1, items, j, ctx, st) {
                    return true;
                }
                match items.get(j).map(|x| &x.kind) {
                    Some(ItemKind::Word(w)) => {
                        if is_neg(w) || DISTANCING.contains(&w.as_ref()) {
                            st.neg_in_gap = true;
                        }
                    }
                    // places and adjectives ("in the South African capital") may be skipped
                    Some(ItemKind::Pronoun(_))
                    | Some(ItemKind::Actor { place: true, .. })
                    | Some(ItemKind::Actor { modifier: true, .. }) => {}
                    _ => break,
                }
                j += 1;
            }
            st.neg_in_gap = neg0;
            false
        }
        Elem::Slot(name, SlotKind::Subject) => {
            let Some(b) = subject_left(items, i, ctx, true, 0) else { return false };
            // "Mali and Burkina Faso ... turned to Russia": the whole coordinated subject
            let mut bound = coordinated_after(items, &b, i);
            bound.insert(0, b);
            let n = bound.len();
            let v = &mut st.slots.0[slot_index(*name)];
            v.extend(bound);
            if match_from(p, k + 1, items, i, ctx, st) {
                return true;
            }
            let v = &mut st.slots.0[slot_index(*name)];
            v.truncate(v.len() - n);
            false
        }
        Elem::Slot(name, kind) => {
            for (b, next) in slot_candidates(items, i, *kind, ctx) {
                let mut bound = vec![b];
                let mut next = next;
                if *kind == SlotKind::List {
                    // ", Egypt and Qatar"
                    loop {
                        let mut j = skip_parenthesis(items, next);
                        let mut saw_sep = false;
                        while let Some(w) = items.get(j).and_then(|x| x.word()) {
                            // "the U.N.- and Turkey-brokered deal"
                            let hyphen_and = w == "-" && items.get(j + 1).and_then(|x| x.word()).is_some_and(|n| n == "and" || n == "or");
                            if w == "," || w == "and" || w == "or" || hyphen_and {
                                saw_sep = true;
                                j += 1;
                            } else {
                                break;
                            }
                        }
                        if !saw_sep {
                            break;
                        }
                        match slot_candidates(items, j, SlotKind::One, ctx).into_iter().next() {
                            Some((b2, n2)) => {
                                bound.push(b2);
                                next = n2;
                            }
                            None => break,
                        }
                    }
                }
                let (f, l) = (st.first, st.last);
                st.first.get_or_insert(i);
                st.last = st.last.max(next - 1);
                let s = slot_index(*name);
                let prev = std::mem::replace(&mut st.slots.0[s], bound);
                if match_from(p, k + 1, items, next, ctx, st) {
                    return true;
                }
                st.slots.0[s] = prev;
                st.first = f;
                st.last = l;
            }
            false
        }
    }
}

/// All matches of the patterns in one sentence's items.
pub(crate) fn match_sentence<'p, 'a>(set: &'p PatternSet, items: &[Item<'a>], ctx: &Ctx<'a>) -> Vec<Match<'p, 'a>> {
    // Which vocabulary words the sentence has (bit per id).
    let mut present = vec![0u64; set.vocab.len().div_ceil(64)];
    for it in items {
        if it.id != NO_ID {
            present[it.id as usize / 64] |= 1 << (it.id % 64);
        }
    }
    let has = |id: u32| present[id as usize / 64] & (1 << (id % 64)) != 0;
    let mut out = Vec::new();
    for (p, req) in set.patterns.iter().zip(&set.required) {
        if !req.iter().all(|ids| ids.iter().any(|&id| has(id))) {
            continue; // a word the pattern needs is not in the sentence
        }
        let mut i = 0;
        while i < items.len() {
            let mut st = State { slots: Slots::default(), first: None, last: 0, neg_in_gap: false };
            if match_from(p, 0, items, i, ctx, &mut st) {
                let Some(first) = st.first else {
                    i += 1;
                    continue;
                };
                // A negation right before the match ("did not fight", "no war between") or
                // skipped inside it voids the statement.
                let neg_before = (first.saturating_sub(2)..first)
                    .any(|j| items[j].word().is_some_and(is_neg));
                if !st.neg_in_gap && !neg_before {
                    let mut span = items[first].span.cover(items[st.last].span);
                    for b in st.slots.all() {
                        span = span.cover(b.span);
                    }
                    out.push(Match { pattern: p, slots: st.slots, span });
                }
                i = st.last.max(i) + 1;
            } else {
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_scanner(t: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        scan_words(t, |a, b| v.push((a, b)));
        v
    }

    fn by_regex(t: &str) -> Vec<(usize, usize)> {
        static R: OnceLock<Regex> = OnceLock::new();
        R.get_or_init(|| Regex::new(WORDS_RE).unwrap()).find_iter(t).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn word_scanner_agrees_with_the_regex() {
        for t in ["Iran’s proxies don't, won’t (can't) stop.", "n't 's 'S sn't a_b Hezbollah-backed", "", "  ", "x’s’t", "don’t_", "Ⅻ²é\u{0650}ب\u{064B}"] {
            assert_eq!(by_scanner(t), by_regex(t), "{t:?}");
        }
        // Random strings over characters that sit on every branch of the scanner: letters,
        // digits, apostrophes, n/t/s, underscore, marks, Nl/No numbers, joiners, spaces, punctuation.
        let alphabet: Vec<char> = "aAnNtTsS09_ '’‘\"“”-—–….,éßبٌ\u{0301}\u{0650}ⅫⅯ²½\u{200B}\u{200C}\u{200D}\u{2060}\u{00A0}\u{2028}‿⁀\u{0903}\u{093F}कइ日本한\t\n"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E3779B97F4A7C15;
        let mut rnd = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let len = (rnd() % 12) as usize;
            let t: String = (0..len).map(|_| alphabet[(rnd() % alphabet.len() as u64) as usize]).collect();
            assert_eq!(by_scanner(&t), by_regex(&t), "{t:?}");
        }
    }
}
