//! The shared view of one document the quote rules read: tokens, which tokens are
//! inside quotes, "units" (sentences computed over the text *outside* quotes, so a
//! quoted period never ends the reporting sentence), cue hits, and the actor
//! mention under each token. Built once per document in linear time.
//!
//! It also holds the small amount of English grammar the rules need, as word
//! lists rather than a parser: what looks like a verb, a preposition, a clause
//! boundary, and how to read the subject noun phrase in front of a cue verb.

use brink_core::{ActorKind, ActorRef, Document, Mention, MentionRule, Span};

use crate::lex::{Lexed, Tok, TK};
use crate::lexicon::{Cue, CueClass, Lexicon};
use crate::marks::RawQuote;

pub const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may",
    "might", "must", "do", "does", "did", "'s", "wo", "won't", "isn't", "wasn't", "hasn't", "hadn't", "didn't", "doesn't", "can't",
    "wouldn't", "couldn't",
];
const IRREGULAR: &[&str] = &[
    "began", "spoke", "met", "held", "made", "took", "gave", "went", "came", "sent", "wrote", "saw", "thought", "knew", "left", "led",
    "won", "lost", "fought", "struck", "hit", "put", "set", "ran", "brought", "sought", "became", "kept", "felt", "found", "got",
    "wants", "seeks", "plans", "needs", "hopes", "remains", "appears", "believes", "thinks", "knows", "expects", "intends", "means",
    "indicates", "suggests", "shows", "insists", "told", "said", "says", "pose", "poses", "want", "need", "fear", "fears",
];
const NOT_VERBS_ED: &[&str] = &[
    "united", "hundred", "red", "bed", "armed", "speed", "seed", "feed", "need", "indeed", "based", "led", "shed", "embed", "proceed",
];
pub const PREPS: &[&str] = &[
    "of", "to", "with", "for", "from", "in", "on", "at", "by", "against", "during", "about", "into", "over", "near", "between", "among",
    "after", "before", "under", "without", "toward", "towards", "through", "across", "via", "per", "like", "than", "including", "amid",
    "close", "familiar", "within", "since", "until", "behind", "beyond", "upon", "onto", "inside", "outside",
];
const CLAUSE: &[&str] = &[
    "that", "which", "who", "whom", "whose", "as", "while", "when", "because", "if", "but", "and", "or", "so", "than", "although",
    "though", "where", "whether", "since", "until", "unless", "after", "before", "even", "not", "also", "then", "what",
];
const ADVERBS: &[&str] = &[
    "also", "later", "earlier", "previously", "again", "then", "reportedly", "repeatedly", "further", "separately", "once", "still",
    "already", "never", "recently", "subsequently", "publicly", "privately", "initially", "first", "finally", "last", "has", "had",
    "have", "was", "is", "had", "would", "will", "did", "once", "not", "allegedly", "reportedly", "today", "yesterday",
];
/// Nouns that make an unnamed source ("a senior official said"): an attribution with no named speaker.
pub const SOURCE_NOUNS: &[&str] = &[
    "source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "diplomat", "diplomats", "person",
    "people", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "report", "reports", "statement", "readout", "analyst",
    "analysts", "witness", "witnesses", "resident", "residents", "commander", "commanders", "minister", "ministry", "office",
    "agency", "media", "outlet", "newspaper", "broadcaster", "channel", "military", "army", "government", "leader", "leaders",
];
/// Capitalised heads that take "of" inside a title ("Secretary of State", "Ministry of Defense").
const TITLE_HEADS: &[&str] = &[
    "secretary", "minister", "ministry", "department", "director", "head", "chief", "chairman", "chair", "president", "governor",
    "commander", "leader", "council", "office", "republic", "kingdom", "bank", "court", "union", "party", "army", "forces", "league",
    "organization", "organisation", "general", "ambassador", "deputy", "speaker", "member", "bureau", "agency", "chamber", "house",
    "state", "states", "emirate", "emirates", "guardians", "corps", "chiefs", "staff", "ministers",
];
const PRONOUNS: &[&str] = &["he", "she"];
/// Personal pronouns: a mention with this text is a pronoun, any other mention the actors
/// stage resolved by reference ("the junta", "the bloc") is a definite description.
const PERSONAL: &[&str] = &["he", "she", "him", "her", "his", "it", "its", "they", "them", "their", "we", "i", "you"];
/// Title and rank words written before a name ("Deputy Foreign Minister Hussein …"); stripped
/// from a name learned from the text, and evidence that the name is a person's.
const NAME_TITLES: &[&str] = &[
    "president", "vice", "prime", "minister", "deputy", "foreign", "defence", "defense", "interior", "secretary", "state", "general",
    "gen", "lieutenant", "lt", "colonel", "col", "brigadier", "major", "maj", "captain", "capt", "admiral", "adm", "commander",
    "chief", "spokesman", "spokeswoman", "spokesperson", "ambassador", "senator", "sen", "governor", "gov", "mr", "mrs", "ms", "dr",
    "senior", "marshal", "field", "sergeant", "sgt", "king", "queen", "prince", "sheikh", "emir", "envoy", "special", "police",
    "army", "military", "navy", "national", "security", "adviser", "advisor", "director", "head", "leader", "speaker", "chairman",
    "u.s.", "u.n.", "un", "us", "eu", "of", "the", "and", "affairs", "information", "justice", "finance", "trade",
];
/// Nouns naming a person's role: an apposition with one ("X, a former police officer, said")
/// says that X is a person.
const ROLE_NOUNS: &[&str] = &[
    "officer", "spokesman", "spokeswoman", "spokesperson", "leader", "commander", "minister", "president", "chief", "envoy",
    "ambassador", "negotiator", "adviser", "advisor", "general", "official", "director", "head", "secretary", "lawmaker", "senator",
    "governor", "mayor", "colonel", "brigadier", "captain", "politician", "activist", "cleric", "founder", "chairman", "member",
    "diplomat", "journalist", "analyst", "lawyer", "representative", "warlord", "boss", "coordinator", "mediator",
];
/// Lowercase particles inside personal names ("Osama bin Laden", "Lula da Silva").
const NAME_PARTICLES: &[&str] = &["bin", "bint", "ibn", "da", "de", "del", "della", "dos", "das", "du", "van", "von", "der", "la", "le", "al", "el"];
/// Heads of institutional speakers: "China's coast guard said", "state media said" name a body
/// that speaks as such, unlike "a senior official" or "sources" (unnamed people).
const INSTITUTION_HEADS: &[&str] = &[
    "media", "television", "tv", "radio", "ministry", "military", "army", "navy", "guard", "government", "administration",
    "police", "agency", "forces", "office", "department", "council", "embassy", "parliament", "command", "presidency", "junta",
    "cabinet", "force", "mission",
];
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp",
    "co", "ltd", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "adm", "sgt", "prof", "rev", "ft", "mt", "pres", "gov't",
];

/// A cue found outside quotes.
#[derive(Debug, Clone)]
pub struct CueHit {
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    pub cue: &'static Cue,
}

/// Who a noun-phrase analysis found as the speaker.
#[derive(Debug, Clone, Default)]
pub struct Subj {
    pub actor: Option<ActorRef>,
    pub span: Option<Span>,
    /// The phrase was a he/she pronoun.
    pub pronoun: bool,
    /// Token range of the noun phrase (incl. any apposition).
    pub start: usize,
    pub end: usize,
    /// The actor came from a mention (not a fallback name).
    pub from_mention: bool,
}

pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub paras: Vec<Span>,
    pub quotes: Vec<RawQuote>,
    /// Raw quote index per token (content and marks).
    pub inq: Vec<Option<usize>>,
    /// Mention index per token (into doc.mentions).
    pub ment: Vec<Option<usize>>,
    /// Units: token ranges [start, end).
    pub units: Vec<(usize, usize)>,
    pub unit_of: Vec<usize>,
    pub cues: Vec<CueHit>,
    /// Cue index starting at each token.
    pub cue_at: Vec<Option<usize>>,
    /// Persons in subject position, by token index (for he/she): person mentions, and
    /// names the KB lacks when a title or a role apposition marks them as people.
    pub subjects: Vec<(usize, ActorRef)>,
    /// Non-person actors (states, groups, bodies) in subject position, by token index (for "it").
    pub things: Vec<(usize, ActorRef)>,
}

fn word(t: &Tok) -> &str {
    t.norm.as_str()
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document, lx: Lexed, quotes: Vec<RawQuote>) -> Ctx<'a> {
        let text = doc.text.as_str();
        let n = lx.toks.len();
        let toks = lx.toks;
        let mut inq = vec![None; n];
        for (qi, q) in quotes.iter().enumerate() {
            for p in &q.parts {
                let a = p.open.unwrap_or(p.first);
                let b = p.close.map(|c| c + 1).unwrap_or(p.last).min(n);
                for x in inq.iter_mut().take(b).skip(a) {
                    *x = Some(qi);
                }
            }
        }
        // Mentions per token (two-pointer sweep over mentions sorted by start).
        let mut order: Vec<usize> = (0..doc.mentions.len()).collect();
        order.sort_by_key(|&i| (doc.mentions[i].span.start, std::cmp::Reverse(doc.mentions[i].span.end)));
        let mut ment = vec![None; n];
        let mut k = 0;
        for (ti, t) in toks.iter().enumerate() {
            while k < order.len() && doc.mentions[order[k]].span.end <= t.span.start {
                k += 1;
            }
            let mut j = k;
            while j < order.len() && doc.mentions[order[j]].span.start < t.span.end {
                if doc.mentions[order[j]].span.overlaps(t.span) {
                    ment[ti] = Some(order[j]);
                    break;
                }
                j += 1;
            }
        }
        let mut ctx = Ctx {
            doc,
            text,
            toks,
            paras: lx.paras,
            quotes,
            inq,
            ment,
            units: Vec::new(),
            unit_of: vec![0; n],
            cues: Vec::new(),
            cue_at: vec![None; n],
            subjects: Vec::new(),
            things: Vec::new(),
        };
        ctx.find_cues();
        ctx.find_units();
        ctx.find_subjects();
        ctx
    }

    pub fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(word).unwrap_or("")
    }

    pub fn is_mark(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TK::Mark)
    }

    pub fn is_punct(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TK::Punct || t.kind == TK::Mark)
    }

    pub fn outside(&self, i: usize) -> bool {
        self.inq.get(i).is_some_and(|x| x.is_none())
    }

    pub fn verbish(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        if t.kind != TK::Word || t.cap {
            return false;
        }
        let w = word(t);
        AUX.contains(&w)
            || IRREGULAR.contains(&w)
            || (w.len() > 4 && w.ends_with("ed") && !NOT_VERBS_ED.contains(&w))
            || self.cue_at[i].is_some_and(|c| self.cues[c].cue.class != CueClass::According)
    }

    pub fn is_prep(&self, i: usize) -> bool {
        PREPS.contains(&self.w(i))
    }

    /// "of" inside a title between capitalised words ("Secretary of State").
    fn title_of(&self, i: usize) -> bool {
        self.w(i) == "of"
            && i > 0
            && self.toks[i - 1].cap
            && TITLE_HEADS.contains(&self.w(i - 1))
            && self.toks.get(i + 1).is_some_and(|t| t.cap)
    }

    /// Is the mention starting at token `start` the object of a preposition ("with Netanyahu",
    /// "to the Israeli army")? Looks past a few capitalised words and determiners only.
    pub fn pp_before(&self, start: usize, lo: usize) -> bool {
        let mut j = start;
        while j > lo && start - j < 4 && (self.toks[j - 1].cap || matches!(self.w(j - 1), "the" | "a" | "an" | "its" | "his" | "her" | "their")) {
            j -= 1;
        }
        j > lo && self.is_prep(j - 1) && !self.title_of(j - 1)
    }

    fn np_token(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        if !self.outside(i) {
            return false;
        }
        match t.kind {
            TK::Num => true,
            TK::Word => {
                if self.ment[i].is_some() {
                    return true;
                }
                if self.title_of(i) {
                    return true;
                }
                if t.cap {
                    return true;
                }
                let w = word(t);
                !(self.verbish(i) || PREPS.contains(&w) || CLAUSE.contains(&w) || self.cue_at[i].is_some())
            }
            TK::Punct => t.norm == "-" || t.norm == "." && i > 0 && ABBREV.contains(&self.w(i - 1)),
            TK::Mark => false,
        }
    }

    /// Start of the noun phrase that ends just before `end` (not going below `lo`).
    pub fn np_left(&self, end: usize, lo: usize) -> usize {
        let mut j = end;
        while j > lo && end - j < 10 && self.np_token(j - 1) {
            j -= 1;
        }
        j
    }

    /// End of the noun phrase starting at `start` (not reaching `hi`).
    pub fn np_right(&self, start: usize, hi: usize) -> usize {
        let mut j = start;
        while j < hi && j - start < 10 && self.np_token(j) {
            j += 1;
        }
        j
    }

    fn find_cues(&mut self) {
        let lex = Lexicon::get();
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if !self.outside(i) || self.toks[i].kind != TK::Word {
                i += 1;
                continue;
            }
            // Most words start no cue: look the first word up before gathering the window.
            if !lex.cues.contains_key(self.toks[i].norm.as_str()) {
                i += 1;
                continue;
            }
            let hi = (i + 6).min(n);
            let words: Vec<&str> = (i..hi).take_while(|&k| self.outside(k)).map(|k| self.toks[k].norm.as_str()).collect();
            if let Some((cue, len)) = lex.cue_at(&words) {
                // A capitalised cue word is a noun or a name ("Says" in a headline is fine, "Post" is not).
                let capitalised_noun =
                    self.toks[i].cap && matches!(word(&self.toks[i]), "post" | "report" | "call" | "state" | "states" | "note" | "notes" | "tell");
                let after_determiner =
                    cue.class == CueClass::Verb && i > 0 && matches!(self.w(i - 1), "the" | "a" | "an" | "this" | "his" | "her" | "its" | "their");
                if !capitalised_noun && !after_determiner {
                    self.cue_at[i] = Some(self.cues.len());
                    self.cues.push(CueHit { start: i, end: i + len, cue });
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Would the tokens from `i` read as an attribution ("Kirby said", "said the envoy")?
    pub fn attribution_follows(&self, i: usize) -> bool {
        let n = self.toks.len();
        if self.cue_at.get(i).copied().flatten().is_some() {
            return true;
        }
        let e = self.np_right(i, (i + 8).min(n));
        let mut k = e;
        while k < n && ADVERBS.contains(&self.w(k)) && k - e < 2 {
            k += 1;
        }
        e > i && self.cue_at.get(k).copied().flatten().is_some_and(|c| self.cues[c].cue.class == CueClass::Verb)
    }

    fn find_units(&mut self) {
        let n = self.toks.len();
        let mut start = 0;
        for i in 0..n {
            if i > start && self.toks[i].para != self.toks[i - 1].para && self.inq[i].is_none_or(|q| self.inq[i - 1] != Some(q)) {
                self.units.push((start, i));
                start = i;
            }
            self.unit_of[i] = self.units.len();
            let t = &self.toks[i];
            let mut brk = false;
            if self.outside(i) && t.kind == TK::Punct && matches!(t.norm.as_str(), "." | "!" | "?") {
                let prev = if i > 0 { self.w(i - 1) } else { "" };
                let initial = i > 0 && self.toks[i - 1].cap && self.toks[i - 1].norm.chars().count() == 1;
                brk = !(t.norm == "." && (ABBREV.contains(&prev) || initial));
                // "…,” he said. “More”": the next quote starts a new unit anyway.
            }
            // A quote whose content ends a sentence, followed by a new sentence.
            if let Some(q) = self.inq[i] {
                let qq = &self.quotes[q];
                if qq.parts.last().and_then(|p| p.close) == Some(i) {
                    let content = qq.parts.last().map(|p| p.span.text(self.text)).unwrap_or("");
                    // "…done.” He said" starts a new sentence; "…now!” Biden said" does not.
                    let last = content.trim_end().chars().last();
                    let next_cap = self.toks.get(i + 1).is_some_and(|t| t.cap || t.kind == TK::Mark);
                    if next_cap && (last == Some('.') || (matches!(last, Some('!' | '?')) && !self.attribution_follows(i + 1))) {
                        brk = true;
                    }
                }
            }
            if brk {
                self.units.push((start, i + 1));
                start = i + 1;
            }
        }
        if start < n {
            self.units.push((start, n));
        }
        // unit_of for tokens after a break.
        for (ui, &(a, b)) in self.units.iter().enumerate() {
            for x in self.unit_of.iter_mut().take(b).skip(a) {
                *x = ui;
            }
        }
    }

    pub fn mention(&self, i: usize) -> Option<&'a Mention> {
        self.ment.get(i).copied().flatten().map(|m| &self.doc.mentions[m])
    }

    pub fn is_person(a: &ActorRef) -> bool {
        matches!(a.kind, ActorKind::Person | ActorKind::Learned)
    }

    /// Sentence subjects (first mention of the unit, not inside a prepositional phrase,
    /// followed by a verb, a comma or a possessive) — the referents a following "he"/"she"
    /// (persons) or "it" (states, groups, bodies) most likely means. A unit that opens with a
    /// name the KB lacks counts as a person subject when a title precedes the name or a role
    /// apposition follows it ("Deputy Minister Jan Novak went further.").
    fn find_subjects(&mut self) {
        let mut out = Vec::new();
        let mut things = Vec::new();
        for &(a, b) in &self.units {
            let mut i = a;
            while i < b {
                if let Some(m) = self.mention(i) {
                    let mut e = i + 1;
                    while e < b && self.ment[e] == self.ment[i] {
                        e += 1;
                    }
                    if m.is_place || self.personal_pronoun(m) || m.modifier {
                        i = e;
                        continue;
                    }
                    let s = self.np_left(i, a);
                    let in_pp = s > a && self.is_prep(s - 1) && !self.title_of(s - 1);
                    let poss = self.w(e - 1).ends_with("'s") || self.w(e) == "'s";
                    let next_ok = poss || self.w(e) == "," || self.verbish(e) || (ADVERBS.contains(&self.w(e)) && self.verbish(e + 1));
                    if !in_pp && next_ok && self.outside(i) {
                        if let Some(act) = m.actor.as_ref() {
                            if Self::is_person(act) {
                                out.push((i, act.clone()));
                            } else if !poss {
                                let mut act = self.as_speaker(act.clone(), m);
                                act.text = m.span.text(self.text).to_string();
                                things.push((i, act));
                            }
                        }
                        break;
                    }
                    i = e;
                } else if (a..i).all(|k| self.is_punct(k)) && !self.is_punct(i) {
                    if let Some((t, act)) = self.unknown_person_subject(i, b) {
                        out.push((t, act));
                        break;
                    }
                    i += 1;
                } else {
                    i += 1;
                }
            }
        }
        self.subjects = out;
        self.things = things;
    }

    /// Is the mention a personal pronoun (not a definite description like "the junta")?
    pub fn personal_pronoun(&self, m: &Mention) -> bool {
        m.rule_is_pronoun() && PERSONAL.contains(&m.span.text(self.text).to_lowercase().as_str())
    }

    /// A word that can belong to a personal name: capitalised, an Arabic-style prefixed
    /// surname ("al-Ezzi"), or a particle between name words ("bin", "da").
    pub fn name_word(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        if t.kind != TK::Word || !self.outside(i) {
            return false;
        }
        if t.cap {
            return true;
        }
        let raw = t.span.text(self.text);
        if let Some((pre, rest)) = raw.split_once('-') {
            if matches!(pre, "al" | "el" | "ad" | "as" | "an" | "ash" | "at" | "ar" | "az" | "bin" | "abu" | "ibn") {
                return rest.chars().next().is_some_and(|c| c.is_uppercase());
            }
        }
        NAME_PARTICLES.contains(&t.norm.as_str()) && self.toks.get(i + 1).is_some_and(|n| n.cap && n.kind == TK::Word)
    }

    /// A name the KB lacks opening a unit at token `i` and standing as its subject, when it is
    /// evidently a person's: titled ("Brigadier Jan Novak said") or followed by a role
    /// apposition ("Jan Novak, a former police officer, said"). Needs two name words.
    fn unknown_person_subject(&self, i: usize, b: usize) -> Option<(usize, ActorRef)> {
        let mut e = i;
        while e < b && e - i < 8 && (self.name_word(e) || (self.w(e) == "." && e > i && ABBREV.contains(&self.w(e - 1)))) && self.ment[e].is_none() {
            e += 1;
        }
        if e == i {
            return None;
        }
        let (ns, ne) = self.strip_titles(i, e);
        let titled = ns > i;
        let words = (ns..ne).filter(|&k| self.toks[k].kind == TK::Word).count();
        if words < 2 || words > 4 || (ns..ne).any(|k| self.ment[k].is_some()) {
            return None;
        }
        let role_appos = self.w(e) == ","
            && matches!(self.w(e + 1), "a" | "an" | "the")
            && (e + 2..(e + 8).min(b)).take_while(|&k| self.outside(k) && self.w(k) != ",").any(|k| ROLE_NOUNS.contains(&self.w(k)));
        let next_ok = self.verbish(e) || (ADVERBS.contains(&self.w(e)) && self.verbish(e + 1)) || self.w(e) == ",";
        if !(next_ok && (titled || role_appos)) {
            return None;
        }
        Some((ns, self.text_actor(ns, ne)))
    }

    /// Leading title words stripped from a capitalised run [a, b) ("Deputy Foreign Minister
    /// Hussein al-Ezzi" → "Hussein al-Ezzi"); the run is kept whole when nothing would remain.
    fn strip_titles(&self, a: usize, b: usize) -> (usize, usize) {
        let mut s = a;
        while s < b && (NAME_TITLES.contains(&self.w(s)) || self.is_punct(s) || self.w(s).ends_with("'s")) {
            s += 1;
        }
        let mut e = b;
        while e > s && self.is_punct(e - 1) && !(self.w(e - 1) == "." && ABBREV.contains(&self.w(e.saturating_sub(2)))) {
            e -= 1;
        }
        if (s..e).any(|k| self.toks[k].kind == TK::Word) {
            (s, e)
        } else {
            (a, b)
        }
    }

    /// An actor for a name read from the text (no KB entry): key empty, kind Unknown.
    fn text_actor(&self, a: usize, b: usize) -> ActorRef {
        let span = Span::new(self.toks[a].span.start, self.toks[b - 1].span.end);
        let name = span.text(self.text).to_string();
        ActorRef {
            text: name.clone(),
            key: String::new(),
            id: format!("text:{name}"),
            name,
            kind: ActorKind::Unknown,
            country: None,
            sector: None,
            role: None,
            role_from: None,
            role_to: None,
        }
    }

    /// Resolves he/she at token `i`: the most recent person in subject position or most
    /// recent person speaker (`last_speaker`), within three paragraphs; else the actors
    /// stage's own pronoun resolution.
    pub fn resolve_pronoun(&self, i: usize, last_speaker: Option<&(usize, ActorRef)>) -> Option<ActorRef> {
        let para = self.toks[i].para;
        let k = self.subjects.partition_point(|(t, _)| *t < i);
        let subj = if k > 0 { Some(&self.subjects[k - 1]) } else { None };
        let subj_pos = subj.map(|s| s.0);
        let sp_pos = last_speaker.filter(|(t, _)| *t < i).map(|(t, _)| *t);
        let pick_speaker = match (subj_pos, sp_pos) {
            (Some(a), Some(b)) => b >= a,
            (None, Some(_)) => true,
            _ => false,
        };
        let (pos, actor) = if pick_speaker {
            let (t, a) = last_speaker.expect("speaker");
            (*t, Some(a.clone()))
        } else if let Some((t, a)) = subj {
            (*t, Some(a.clone()))
        } else {
            (0, None)
        };
        if actor.is_some() && para.saturating_sub(self.toks[pos].para) <= 3 {
            return actor;
        }
        self.mention(i).and_then(|m| m.actor.clone())
    }

    /// Resolves "it" at token `i` to the most recent state, group or body in subject position
    /// in this sentence or the two before ("The ministry condemned the raid. “…,” it said").
    pub fn resolve_it(&self, i: usize) -> Option<ActorRef> {
        let k = self.things.partition_point(|(t, _)| *t < i);
        let (t, a) = self.things[..k].last()?;
        (self.unit_of[i].saturating_sub(self.unit_of[*t]) <= 2).then(|| a.clone())
    }

    /// Chooses the speaker among the mentions in token ranges, preferring people, then the
    /// mention nearest the head (the last one), skipping places; bare modifiers only as a last resort.
    pub fn pick(&self, ranges: &[(usize, usize)]) -> Option<(ActorRef, Span)> {
        let mut best: Option<(u8, usize, &Mention)> = None;
        for (ri, &(a, b)) in ranges.iter().enumerate() {
            let mut i = a;
            while i < b {
                if let Some(m) = self.mention(i) {
                    if let Some(act) = &m.actor {
                        if !m.is_place && !self.personal_pronoun(m) {
                            // rank: person 3, other 2, modifier 1; earlier ranges (main NP) win ties.
                            let rank = if Self::is_person(act) { 3 } else if m.modifier { 1 } else { 2 };
                            let better = match best {
                                None => true,
                                Some((r, bri, _)) => rank > r || (rank == r && ri <= bri),
                            };
                            if better {
                                best = Some((rank, ri, m));
                            }
                        }
                    }
                }
                i += 1;
            }
        }
        best.and_then(|(_, _, m)| m.actor.clone().map(|a| (self.as_speaker(a, m), m.span)))
    }

    /// The actor a mention stands for as a speaker. A definite description resolved by the
    /// actors stage keeps its own words ("the junta"). A country agent whose head is an
    /// institution ("China's coast guard", "Pakistan's foreign ministry") is a body speaking
    /// as such, named by those words, not an unnamed source like "a senior official".
    fn as_speaker(&self, mut a: ActorRef, m: &Mention) -> ActorRef {
        let words = m.span.text(self.text);
        if m.rule_is_pronoun() {
            a.text = words.to_string();
        }
        if a.kind == ActorKind::Agent {
            let head = words.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
            if INSTITUTION_HEADS.contains(&head.as_str()) {
                a.kind = ActorKind::Institution;
                a.text = words.to_string();
                a.name = words.trim_start_matches("the ").trim_start_matches("The ").to_string();
            }
        }
        a
    }

    /// A proper name with no mention (the KB lacks it): the name run nearest the head, title
    /// words dropped. A capitalised word that only modifies a common-noun head is no name
    /// ("a senior Western diplomat"); an institution head makes the whole phrase the speaker
    /// ("State media said"). A lone surname or given name takes the full name the document
    /// used earlier ("Getachew said" after "Getachew Reda").
    fn fallback_name(&self, a: usize, b: usize) -> Option<(ActorRef, Span)> {
        let mut e = b;
        while e > a && !(self.name_word(e - 1) || (self.toks[e - 1].kind == TK::Word && self.toks[e - 1].cap)) {
            e -= 1;
        }
        let mut s = e;
        while s > a && (self.name_word(s - 1) || self.toks[s - 1].cap || self.title_of(s - 1) || self.w(s - 1) == "-") && self.toks[s - 1].kind != TK::Mark {
            s -= 1;
        }
        if s == e {
            return None;
        }
        let first = self.w(s);
        if matches!(first, "the" | "a" | "an" | "he" | "she" | "it" | "they" | "we" | "i" | "this" | "that" | "these" | "those" | "his" | "her" | "their" | "its" | "our")
            && e - s == 1
        {
            return None;
        }
        // A bare sentence-initial common word ("Officials said") is not a name.
        if e - s == 1 && SOURCE_NOUNS.contains(&first) {
            return None;
        }
        // Common words after the run: it modifies the head noun.
        let tail: Vec<usize> = (e..b).filter(|&k| self.toks[k].kind == TK::Word).collect();
        if !tail.is_empty() {
            let definite = s == a || !matches!(self.w(a), "a" | "an" | "one" | "two" | "three" | "several" | "some");
            let head = self.w(b - 1);
            if definite && INSTITUTION_HEADS.contains(&head) && tail.len() <= 2 {
                let s0 = if matches!(self.w(s), "the") { s + 1 } else { s };
                let span = Span::new(self.toks[s0].span.start, self.toks[b - 1].span.end);
                let mut act = self.text_actor(s0, b);
                act.kind = ActorKind::Institution;
                return Some((act, span));
            }
            return None;
        }
        let span = Span::new(self.toks[s].span.start, self.toks[e - 1].span.end);
        let (ns, ne) = self.strip_titles(s, e);
        let name_words = (ns..ne).filter(|&k| self.toks[k].kind == TK::Word).count();
        if name_words == 1 {
            if let Some(full) = self.earlier_full_name(ns) {
                return Some((full, span));
            }
        }
        Some((self.text_actor(ns, ne), span))
    }

    /// The person a lone name word at token `i` stands for: the latest earlier person mention
    /// whose name has that word ("Mao" → Mao Ning), else the latest earlier name run in the
    /// text that contains it ("Brawner" → "Romeo Brawner Jr.").
    fn earlier_full_name(&self, i: usize) -> Option<ActorRef> {
        let w = self.w(i);
        if w.len() < 3 {
            return None;
        }
        let here = self.toks[i].span.start;
        let k = self.doc.mentions.partition_point(|m| m.span.start < here);
        let found = self.doc.mentions[..k].iter().rev().take(300).find_map(|m| {
            let a = m.actor.as_ref()?;
            (Self::is_person(a) && !m.rule_is_pronoun() && a.name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').any(|x| x.to_lowercase() == w))
                .then(|| a.clone())
        });
        if let Some(mut a) = found {
            a.text = self.toks[i].span.text(self.text).to_string();
            return Some(a);
        }
        let lo = i.saturating_sub(3000);
        let mut j = i;
        while j > lo {
            j -= 1;
            if self.w(j) != w || !self.toks[j].cap || !self.outside(j) {
                continue;
            }
            let mut s = j;
            while s > 0 && j - s < 6 && self.name_word(s - 1) && self.toks[s - 1].para == self.toks[j].para {
                s -= 1;
            }
            let mut e = j + 1;
            while e < self.toks.len() && e - j < 4 && (self.name_word(e) || (self.w(e) == "." && ABBREV.contains(&self.w(e - 1)))) {
                e += 1;
            }
            let (ns, ne) = self.strip_titles(s, e);
            let words = (ns..ne).filter(|&k| self.toks[k].kind == TK::Word).count();
            if (2..=4).contains(&words) && (ns..ne).all(|k| self.ment[k].is_none()) {
                let mut a = self.text_actor(ns, ne);
                a.text = self.toks[i].span.text(self.text).to_string();
                return Some(a);
            }
        }
        None
    }

    /// An apposition that is only a name ("…, Brigadier Jan Novak,"), read as the speaker.
    fn appositive_name(&self, a: usize, b: usize) -> Option<(ActorRef, Span)> {
        let mut e = b;
        while e > a && self.is_punct(e - 1) && !(self.w(e - 1) == "." && ABBREV.contains(&self.w(e.saturating_sub(2)))) {
            e -= 1;
        }
        if e == a || a == 0 || self.w(a - 1) != "," || (a..e).any(|k| self.mention(k).is_some_and(|m| m.is_place)) {
            return None;
        }
        if !(a..e).all(|k| self.name_word(k) || (self.w(k) == "." && k > a && ABBREV.contains(&self.w(k - 1)))) {
            return None;
        }
        self.fallback_name(a, e)
    }

    /// "the official" / "the diplomat" (singular, definite) refers back to the last mention
    /// ending in the same noun ("a senior Ukrainian official"), within three paragraphs.
    /// Plural "the sources" stays unnamed: it may be a different group.
    fn definite_source(&self, a: usize, b: usize) -> Option<(ActorRef, Span)> {
        if b != a + 2 || self.w(a) != "the" {
            return None;
        }
        let noun = self.w(a + 1);
        if !SOURCE_NOUNS.contains(&noun) || noun.ends_with('s') {
            return None;
        }
        let here = self.toks[a].span.start;
        let para = self.toks[a].para;
        let k = self.doc.mentions.partition_point(|m| m.span.start < here);
        self.doc.mentions[..k].iter().rev().take(60).find_map(|m| {
            let act = m.actor.as_ref()?;
            let last = m.span.text(self.text).rsplit(|c: char| !c.is_alphanumeric()).next()?.to_lowercase();
            let ti = self.toks.partition_point(|t| t.span.start < m.span.start);
            let near = ti < self.toks.len() && para.saturating_sub(self.toks[ti].para) <= 3;
            (last == noun && near && !m.is_place).then(|| (act.clone(), Span::new(self.toks[a].span.start, self.toks[a + 1].span.end)))
        })
    }

    /// Fills a `Subj` from a noun phrase made of `ranges` (main phrase first).
    fn subj_from(&self, ranges: &[(usize, usize)], last_speaker: Option<&(usize, ActorRef)>) -> Subj {
        let start = ranges.iter().map(|r| r.0).min().unwrap_or(0);
        let end = ranges.iter().map(|r| r.1).max().unwrap_or(0);
        let mut s = Subj { start, end, ..Default::default() };
        let main = ranges[0];
        if main.1 == main.0 + 1 && PRONOUNS.contains(&self.w(main.0)) {
            s.pronoun = true;
            s.span = Some(self.toks[main.0].span);
            s.actor = self.resolve_pronoun(main.0, last_speaker);
            s.from_mention = s.actor.is_some();
            return s;
        }
        if main.1 == main.0 + 1 && self.w(main.0) == "it" {
            s.pronoun = true;
            s.span = Some(self.toks[main.0].span);
            s.actor = self.resolve_it(main.0);
            s.from_mention = s.actor.is_some();
            return s;
        }
        if let Some((a, sp)) = self.pick(ranges) {
            s.actor = Some(a);
            s.span = Some(sp);
            s.from_mention = true;
        } else if let Some((a, sp)) = self.definite_source(main.0, main.1) {
            s.actor = Some(a);
            s.span = Some(sp);
            s.from_mention = true;
        } else if let Some((a, sp)) = self.fallback_name(main.0, main.1) {
            s.from_mention = !a.key.is_empty();
            s.actor = Some(a);
            s.span = Some(sp);
        } else if let Some((a, sp)) = ranges[1..].iter().find_map(|&(x, y)| self.appositive_name(x, y)) {
            // "A police spokesman, Jan Novak, said": the name in apposition.
            s.actor = Some(a);
            s.span = Some(sp);
        }
        s
    }

    /// The subject noun phrase in front of the token `cue` ("Kirby said", "John Kirby, the
    /// adviser, also told"), not reaching below `lo`. Prepositional post-modifiers ("a source
    /// close to Hezbollah") are read past to the head. None when nothing nominal is there.
    pub fn subject_before(&self, cue: usize, lo: usize, last_speaker: Option<&(usize, ActorRef)>) -> Option<Subj> {
        let mut i = cue;
        while i > lo && ADVERBS.contains(&self.w(i - 1)) && self.outside(i - 1) && cue - i < 3 {
            i -= 1;
        }
        let mut appos: Option<(usize, usize)> = None;
        if i > lo && self.w(i - 1) == "," {
            // "X, <apposition>, said"
            let mut j = i - 1;
            let mut found = false;
            while j > lo && (i - 1 - j) < 18 {
                j -= 1;
                if !self.outside(j) || self.is_mark(j) || matches!(self.w(j), "." | ";" | "!" | "?") {
                    break;
                }
                if self.w(j) == "," {
                    found = true;
                    break;
                }
            }
            if !found || j + 1 >= i - 1 {
                return None;
            }
            appos = Some((j + 1, i - 1));
            i = j;
        }
        let mut s = self.np_left(i, lo);
        if s == i {
            return None;
        }
        let mut ranges = vec![(s, i)];
        // Read past prepositional post-modifiers to the head noun phrase (up to two levels).
        for _ in 0..2 {
            if s > lo + 1 && self.is_prep(s - 1) && !self.title_of(s - 1) {
                let p = s - 1;
                // "close to", "familiar with": the two-word preposition.
                let p0 = if p > lo && matches!(self.w(p - 1), "close" | "familiar" | "knowledge" | "near") { p - 1 } else { p };
                let s2 = self.np_left(p0, lo);
                if s2 < p0 {
                    let sourceish = matches!(self.w(p0), "close" | "familiar" | "knowledge") || matches!(self.w(p), "with");
                    if sourceish {
                        // The phrase after "close to" describes the source; it is never the speaker.
                        ranges[0] = (s2, p0);
                    } else {
                        ranges.insert(0, (s2, p0));
                    }
                    s = s2;
                    continue;
                }
            }
            break;
        }
        if let Some(ap) = appos {
            ranges.push(ap);
        }
        let mut subj = self.subj_from(&ranges, last_speaker);
        subj.start = s;
        Some(subj)
    }

    /// The subject after an inverted cue ("…,” said Kirby"; "said the sources").
    pub fn subject_after(&self, from: usize, hi: usize, last_speaker: Option<&(usize, ActorRef)>) -> Option<Subj> {
        let e = self.np_right(from, hi);
        if e == from {
            return None;
        }
        let mut ranges = vec![(from, e)];
        // "said the group's leader, Abdul-Malik al-Houthi": a name in apposition after the comma.
        if self.w(e) == "," && e + 1 < hi {
            let e2 = self.np_right(e + 1, hi);
            if e2 > e + 1 {
                ranges.push((e + 1, e2));
            }
        }
        let mut subj = self.subj_from(&ranges, last_speaker);
        if subj.actor.is_none() && ranges.len() > 1 {
            subj = self.subj_from(&ranges[1..], last_speaker);
        }
        subj.end = ranges.last().map(|r| r.1).unwrap_or(e);
        Some(subj)
    }

    /// The noun phrase after "according to".
    pub fn according_to(&self, cue: &CueHit, hi: usize, last_speaker: Option<&(usize, ActorRef)>) -> Option<Subj> {
        self.subject_after(cue.end, hi, last_speaker)
    }

    /// The speaker of a participial cue ("…, adding that", "condemning … as"): the nearest
    /// earlier mention in the unit that stands before a verb (the clause subject).
    pub fn participle_subject(&self, cue: usize, lo: usize, last_speaker: Option<&(usize, ActorRef)>) -> Option<Subj> {
        let mut i = cue;
        let floor = lo.max(cue.saturating_sub(40));
        while i > floor {
            i -= 1;
            if !self.outside(i) {
                continue;
            }
            let is_pron = PRONOUNS.contains(&self.w(i));
            if self.ment[i].is_none() && !is_pron {
                continue;
            }
            let mut e = i + 1;
            while e < cue && self.ment[e].is_some() && self.ment[e] == self.ment[i] {
                e += 1;
            }
            let mut k = e;
            while k < cue && ADVERBS.contains(&self.w(k)) && !AUX.contains(&self.w(k)) {
                k += 1;
            }
            // "Hemedti's forces have said": the possessor stands for the subject.
            if self.w(e - 1).ends_with("'s") || self.w(e) == "'s" {
                let mut h = if self.w(e) == "'s" { e + 1 } else { e };
                let h0 = h;
                while h < cue && h - h0 < 2 && self.toks[h].kind == TK::Word && !self.toks[h].cap && !self.verbish(h) {
                    h += 1;
                }
                k = h;
                while k < cue && ADVERBS.contains(&self.w(k)) && !AUX.contains(&self.w(k)) {
                    k += 1;
                }
                if h == h0 || !self.verbish(k) {
                    continue;
                }
            }
            if self.verbish(k) {
                let mut s = i;
                while s > lo && self.ment[s - 1].is_some() && self.ment[s - 1] == self.ment[i] {
                    s -= 1;
                }
                if self.pp_before(s, lo) {
                    continue;
                }
                return Some(self.subj_from(&[(s, e)], last_speaker));
            }
        }
        self.clause_subject(lo, cue, last_speaker)
    }

    /// The subject of the sentence's first verb, read past comma-delimited insertions (a
    /// relative clause, a participle or an apposition): the subject of a coordinated or
    /// participial cue later in the sentence ("Norway, which has hosted talks since 2020,
    /// called for calm and urged …"; "The minister, speaking in Oslo, denied it and said …").
    pub fn clause_subject(&self, lo: usize, cue: usize, last_speaker: Option<&(usize, ActorRef)>) -> Option<Subj> {
        let mut k = lo;
        let mut first_comma = None;
        while k < cue {
            if !self.outside(k) {
                k += 1;
                continue;
            }
            if self.w(k) == "," {
                first_comma.get_or_insert(k);
                let close = (k + 1..cue.min(k + 40)).find(|&j| self.w(j) == "," && self.outside(j))?;
                k = close + 1;
                continue;
            }
            if matches!(self.w(k), "." | ";" | "!" | "?") || self.is_mark(k) {
                return None;
            }
            if self.verbish(k) {
                break;
            }
            k += 1;
        }
        if k >= cue || k == lo {
            return None;
        }
        self.subject_before(k, lo, last_speaker).filter(|s| s.actor.is_some()).or_else(|| {
            // A long insertion the apposition reading does not span: the phrase before it.
            let c = first_comma?;
            let s = self.np_left(c, lo);
            (s < c).then(|| self.subj_from(&[(s, c)], last_speaker)).filter(|s| s.actor.is_some())
        })
    }

    /// Is the cue at `cue` the second verb of a coordination ("… and said", "but later told")?
    pub fn coordinated(&self, cue: usize, lo: usize) -> bool {
        let mut j = cue;
        while j > lo && cue - j < 2 && ADVERBS.contains(&self.w(j - 1)) && !AUX.contains(&self.w(j - 1)) {
            j -= 1;
        }
        j > lo && matches!(self.w(j - 1), "and" | "but")
    }

    /// Cues starting in token range [lo, hi), in text order (binary search: cues are sorted).
    pub fn cues_in(&self, lo: usize, hi: usize) -> &[CueHit] {
        let a = self.cues.partition_point(|h| h.start < lo);
        let b = self.cues.partition_point(|h| h.start < hi);
        &self.cues[a..b.max(a)]
    }

    pub fn unit_span(&self, u: usize) -> Span {
        let (a, b) = self.units[u];
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }

    /// The sentence index of a byte: `doc.sentences` when the sentence stage ran, else our unit.
    pub fn sentence_of(&self, byte: usize, tok: usize) -> usize {
        if self.doc.sentences.is_empty() {
            self.unit_of.get(tok).copied().unwrap_or(0)
        } else {
            self.doc.sentence_at(byte).unwrap_or_else(|| self.doc.sentences.partition_point(|s| s.span.end <= byte).min(self.doc.sentences.len() - 1))
        }
    }

    pub fn evidence(&self, sentence: usize, tok: usize) -> Span {
        match self.doc.sentences.get(sentence) {
            Some(s) if !self.doc.sentences.is_empty() => s.span,
            _ => self.unit_span(self.unit_of[tok]),
        }
    }
}

pub trait MentionExt {
    fn rule_is_pronoun(&self) -> bool;
}

impl MentionExt for Mention {
    fn rule_is_pronoun(&self) -> bool {
        matches!(self.rule, MentionRule::Pronoun(_))
    }
}
