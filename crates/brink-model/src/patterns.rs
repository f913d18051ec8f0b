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

use std::collections::HashMap;
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
    Words(Vec<String>, bool),
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
    Ok(Elem::Words(body.split('|').map(|w| w.replace('’', "'").to_lowercase()).collect(), opt))
}

/// The patterns shipped in `data/relation_patterns.tsv`.
pub fn builtin_patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| parse_patterns(include_str!("../data/relation_patterns.tsv")).expect("relation_patterns.tsv parses"))
}

// ---------------------------------------------------------------------------------------
// Items

#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // few items per sentence; boxing buys nothing
pub(crate) enum ItemKind {
    Actor { actor: ActorRef, modifier: bool, place: bool },
    Word(String),
    Pronoun(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub kind: ItemKind,
    pub span: Span,
}

impl Item {
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

fn word_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"['’]s\b|[\p{L}\p{N}]+n['’]t\b|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]").unwrap())
}

fn push_words(text: &str, base: usize, out: &mut Vec<Item>) {
    for m in word_re().find_iter(text) {
        let norm = m.as_str().replace('’', "'").to_lowercase();
        let span = Span::new(base + m.start(), base + m.end());
        let kind = if PRONOUNS.contains(&norm.as_str()) { ItemKind::Pronoun(norm) } else { ItemKind::Word(norm) };
        out.push(Item { kind, span });
    }
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

/// The items of one sentence: resolved actor mentions and the words between them.
pub(crate) fn sentence_items(doc: &Document, sent: Span) -> Vec<Item> {
    // a mention that starts in the sentence counts even when a sentence break was wrongly put
    // inside it ("U.S. | Secretary of State ...")
    let mut ms: Vec<&brink_core::Mention> = doc
        .mentions
            .iter()
            .filter(|m| m.actor.is_some() && !m.span.is_empty() && sent.start <= m.span.start && m.span.start < sent.end)
            .collect();
    ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut items = Vec::new();
    // skip the tail of a mention that began in the previous sentence
    let mut pos = doc
        .mentions
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
            push_words(gap, pos, &mut items);
        }
        items.push(Item {
            kind: ItemKind::Actor { actor: m.actor.clone().unwrap(), modifier: m.modifier, place: m.is_place },
            span: m.span,
        });
        // "Omani mediators": the role noun inside the mention is also a word the patterns read.
        let text = doc.slice(m.span);
        if let Some(last) = text.rsplit(|c: char| !c.is_alphanumeric()).next() {
            let lw = last.to_lowercase();
            if ROLE_TAILS.contains(&lw.as_str()) && last.len() < text.len() {
                items.push(Item { kind: ItemKind::Word(lw), span: Span::new(m.span.end - last.len(), m.span.end) });
            }
        }
        pos = m.span.end;
    }
    if let Some(gap) = doc.text.get(pos..sent.end) {
        push_words(gap, pos, &mut items);
    }
    items
}

// ---------------------------------------------------------------------------------------
// Matching

/// One actor bound to a slot.
#[derive(Debug, Clone)]
pub struct Bound {
    pub actor: ActorRef,
    pub span: Span,
}

/// A successful match of one pattern in one sentence.
#[derive(Debug, Clone)]
pub struct Match<'p> {
    pub pattern: &'p Pattern,
    pub slots: HashMap<char, Vec<Bound>>,
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

fn prev_word_skipping_dets(items: &[Item], j: usize) -> Option<&str> {
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
fn subject_left(items: &[Item], i: usize, ctx: &Ctx, prefer_subject: bool, depth: u8) -> Option<Bound> {
    let mut nearest: Option<Bound> = None;
    let first_actor = items.iter().position(|it| it.is_actor());
    for j in (0..i.min(items.len())).rev() {
        let (actor, modifier, place) = match &items[j].kind {
            ItemKind::Actor { actor, modifier, place } => (actor, *modifier, *place),
            ItemKind::Pronoun(p) if depth < 2 && !matches!(p.as_str(), "them") => {
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
        let b = Bound { actor: actor.clone(), span: items[j].span };
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
        items.get(i).and_then(|it| ctx.speaker_at(it.span.start)).map(|a| Bound { actor: a.clone(), span: items[i].span })
    })
}

/// Actors coordinated after the subject `b` ("Mali and Burkina Faso", "Egypt, Qatar and
/// Turkey"), left of item `end`.
fn coordinated_after(items: &[Item], b: &Bound, end: usize) -> Vec<Bound> {
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
                out.push(Bound { actor: actor.clone(), span: items[j].span });
                k = j;
            }
            _ => break,
        }
    }
    out
}

fn resolve_pronoun(items: &[Item], j: usize, ctx: &Ctx, depth: u8) -> Option<Bound> {
    let p = match &items[j].kind {
        ItemKind::Pronoun(p) => p.as_str(),
        _ => return None,
    };
    // "Iran and its proxies": the actor just before "and its".
    if j >= 2 && items[j - 1].word().is_some_and(|w| w == "and" || w == ",") {
        if let ItemKind::Actor { actor, place: false, .. } = &items[j - 2].kind {
            return Some(Bound { actor: actor.clone(), span: items[j].span });
        }
    }
    let speaker = ctx.speaker_at(items[j].span.start);
    if matches!(p, "we" | "our") {
        if let Some(s) = speaker {
            return Some(Bound { actor: s.clone(), span: items[j].span });
        }
    }
    subject_left(items, j, ctx, true, depth).map(|b| Bound { actor: b.actor, span: items[j].span })
}

/// Ways a slot can bind at item `i`: (bound actor, next item index).
fn slot_candidates(items: &[Item], i: usize, kind: SlotKind, ctx: &Ctx) -> Vec<(Bound, usize)> {
    slot_candidates_plain(items, i, kind, ctx).into_iter().map(|(b, next)| acting_for_body(items, b, next)).collect()
}

/// "Roosevelt Skerrit, who chairs the Caribbean Community", "Ralph Gonsalves, the current
/// head of CELAC": the office holder acts for the intergovernmental body named in the
/// apposition, so the slot binds the body (and continues after it).
fn acting_for_body(items: &[Item], b: Bound, next: usize) -> (Bound, usize) {
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
            (Bound { actor: actor.clone(), span: items[k].span }, skip_parenthesis(items, k + 1))
        }
        _ => (b, next),
    }
}

fn slot_candidates_plain(items: &[Item], i: usize, kind: SlotKind, ctx: &Ctx) -> Vec<(Bound, usize)> {
    let mut out = Vec::new();
    let mut i = i;
    while items.get(i).and_then(|it| it.word()).is_some_and(|w| DETERMINERS.contains(&w)) {
        i += 1;
    }
    let Some(it) = items.get(i) else { return out };
    match &it.kind {
        ItemKind::Actor { actor, modifier, place } => {
            out.push((Bound { actor: actor.clone(), span: it.span }, i + 1));
            // "Lebanese Hezbollah": a modifier (or place) directly before another actor.
            if (*modifier || *place) && items.get(i + 1).is_some_and(|n| n.is_actor()) {
                if let ItemKind::Actor { actor: a2, .. } = &items[i + 1].kind {
                    out.push((Bound { actor: a2.clone(), span: items[i + 1].span }, i + 2));
                }
            }
            // "Iran-backed Hezbollah", "Lebanon-based Hezbollah".
            if items.get(i + 1).and_then(|n| n.word()) == Some("-")
                && items.get(i + 2).and_then(|n| n.word()).is_some()
            {
                if let Some(ItemKind::Actor { actor: a2, .. }) = items.get(i + 3).map(|x| &x.kind) {
                    out.push((Bound { actor: a2.clone(), span: items[i + 3].span }, i + 4));
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
                && GROUP_NOUNS.contains(&w.as_str())
                && !items.get(i + 1).is_some_and(|n| n.is_actor())
            {
                out.push((Bound { actor: unnamed_actor(w), span: it.span }, i + 1));
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

struct State {
    slots: HashMap<char, Vec<Bound>>,
    first: Option<usize>,
    last: usize,
    neg_in_gap: bool,
}

fn match_from(p: &Pattern, k: usize, items: &[Item], i: usize, ctx: &Ctx, st: &mut State) -> bool {
    let Some(e) = p.elems.get(k) else { return true };
    match e {
        Elem::Words(ws, opt) => {
            if let Some(w) = items.get(i).and_then(|it| it.word()).or_else(|| match items.get(i).map(|x| &x.kind) {
                Some(ItemKind::Pronoun(p)) => Some(p.as_str()),
                _ => None,
            }) {
                if ws.iter().any(|x| x == w) {
                    let (f, l) = (st.first, st.last);
                    st.first.get_or_insert(i);
                    st.last = st.last.max(i);
                    if match_from(p, k + 1, items, i + 1, ctx, st) {
                        return true;
                    }
                    st.first = f;
                    st.last = l;
                }
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
                        if is_neg(w) || DISTANCING.contains(&w.as_str()) {
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
            st.slots.entry(*name).or_default().extend(bound);
            if match_from(p, k + 1, items, i, ctx, st) {
                return true;
            }
            if let Some(v) = st.slots.get_mut(name) {
                v.truncate(v.len() - n);
            }
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
                let prev = st.slots.insert(*name, bound);
                if match_from(p, k + 1, items, next, ctx, st) {
                    return true;
                }
                match prev {
                    Some(v) => st.slots.insert(*name, v),
                    None => st.slots.remove(name),
                };
                st.first = f;
                st.last = l;
            }
            false
        }
    }
}

/// All matches of the patterns in one sentence's items.
pub(crate) fn match_sentence<'p>(patterns: &'p [Pattern], items: &[Item], ctx: &Ctx) -> Vec<Match<'p>> {
    let mut out = Vec::new();
    for p in patterns {
        let mut i = 0;
        while i < items.len() {
            let mut st = State { slots: HashMap::new(), first: None, last: 0, neg_in_gap: false };
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
                    for b in st.slots.values().flatten() {
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
