//! Who did what to whom: source and target from word order around a trigger.
//!
//! brink has no parser; news prose is regular enough that a few positional rules
//! recover most roles: the subject is the nearest actor before a verb that is not
//! the object of a preposition; the object is the first actor after it in the same
//! clause; nouns take their actor from a possessive ("Israel's strike"), an adjective
//! ("an Israeli strike") or a "by" phrase, and their target from on/against/of.
//! Actors joined by "and" or commas form one group ("Israel and Iran").

use brink_core::{ActorKind, ActorRef, Document, Span, Token};

use crate::cues;
use crate::lexicon::{Entry, Frame, Hit, PartOfSpeech};

/// Actors that act together: one mention, or several joined by "and"/commas.
#[derive(Debug, Clone)]
pub struct ActorGroup {
    pub members: Vec<(ActorRef, Span)>,
    /// Absolute token range [tok_start, tok_end).
    pub tok_start: usize,
    pub tok_end: usize,
    /// Every member is a bare adjective/name modifying a following noun.
    pub modifier: bool,
    /// A pseudo-mention standing for a quote's speaker ("we" inside the quote).
    pub from_speaker: bool,
    /// Joined by "and"/"or" somewhere; a list joined only by commas is no coordination.
    has_conj: bool,
}

impl ActorGroup {
    pub fn keys(&self) -> Vec<&str> {
        self.members.iter().map(|(a, _)| a.key.as_str()).collect()
    }
    fn is_person(&self) -> bool {
        self.members.iter().all(|(a, _)| matches!(a.kind, ActorKind::Person | ActorKind::Learned))
    }
    /// All members of several groups, without repeating a key.
    pub fn flatten(groups: &[ActorGroup]) -> (Vec<ActorRef>, Vec<Span>) {
        let mut actors: Vec<ActorRef> = Vec::new();
        let mut spans = Vec::new();
        for g in groups {
            for (a, s) in &g.members {
                if !actors.iter().any(|x| x.key == a.key) {
                    actors.push(a.clone());
                    spans.push(*s);
                }
            }
        }
        (actors, spans)
    }
}

/// The roles found for one trigger.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    pub source: Vec<ActorGroup>,
    pub target: Vec<ActorGroup>,
    /// Token just after the source, where the modality window starts.
    pub source_end: Option<usize>,
    pub source_via_coref: bool,
}

struct QuoteCtx {
    span: Span,
    id: String,
    speaker: Option<ActorRef>,
}

/// The actor groups of one sentence, and the quotes over it.
pub struct Frames<'a> {
    doc: &'a Document,
    pub start: usize,
    pub end: usize,
    pub groups: Vec<ActorGroup>,
    /// Mentions used as places ("in Beirut"): not actors, but an attack on a place hits its state.
    places: Vec<ActorGroup>,
    quotes: Vec<QuoteCtx>,
}

fn tok_index_at(tokens: &[Token], lo: usize, hi: usize, byte: usize) -> usize {
    lo + tokens[lo..hi].partition_point(|t| t.span.start < byte)
}

/// The mentions of each sentence, in document order, gathered in one pass: frames are built
/// per sentence, and filtering every mention of the document for each sentence made long
/// documents quadratic.
pub struct SentenceMentions<'a> {
    mentions: Vec<&'a brink_core::Mention>,
    /// `mentions[starts[s]..starts[s + 1]]` are sentence `s`'s.
    starts: Vec<usize>,
}

impl<'a> SentenceMentions<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let n = doc.sentences.len();
        let mut starts = vec![0usize; n + 1];
        for m in doc.mentions.iter().filter(|m| m.sentence < n) {
            starts[m.sentence + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut mentions = vec![None; starts[n]];
        for m in doc.mentions.iter().filter(|m| m.sentence < n) {
            mentions[next[m.sentence]] = Some(m);
            next[m.sentence] += 1;
        }
        SentenceMentions { mentions: mentions.into_iter().flatten().collect(), starts }
    }

    pub fn of(&self, si: usize) -> &[&'a brink_core::Mention] {
        match (self.starts.get(si), self.starts.get(si + 1)) {
            (Some(&a), Some(&b)) => &self.mentions[a..b],
            _ => &[],
        }
    }
}

impl<'a> Frames<'a> {
    pub fn new(doc: &'a Document, si: usize) -> Frames<'a> {
        Frames::with_mentions(doc, si, doc.mentions.iter().filter(|m| m.sentence == si))
    }

    /// [`Frames::new`] given the sentence's mentions (those with `sentence == si`, in document order).
    pub fn with_mentions(doc: &'a Document, si: usize, mentions: impl Iterator<Item = &'a brink_core::Mention>) -> Frames<'a> {
        let s = &doc.sentences[si];
        let (start, end) = (s.token_start.min(doc.tokens.len()), s.token_end.min(doc.tokens.len()));
        let quotes: Vec<QuoteCtx> = doc
            .quotes
            .iter()
            .filter(|q| q.kind == brink_core::QuoteKind::Direct)
            // Only the spans over this sentence, before cloning ids and speakers.
            .flat_map(|q| {
                q.spans.iter().filter(|sp| sp.overlaps(s.span)).map(move |sp| QuoteCtx { span: *sp, id: q.id.clone(), speaker: q.speaker.clone() })
            })
            .collect();
        // Resolved, non-place mentions of this sentence; an inner mention inside a longer one is dropped.
        let (place_ms, mut ms): (Vec<&brink_core::Mention>, Vec<&brink_core::Mention>) =
            mentions.filter(|m| m.actor.is_some()).partition(|m| m.is_place);
        ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        let mut kept: Vec<&brink_core::Mention> = Vec::new();
        for m in ms {
            // An inner mention is dropped; two over the same words ("both sides") are both kept.
            if kept.last().is_some_and(|k| k.span.contains(m.span) && k.span != m.span) {
                continue;
            }
            kept.push(m);
        }
        let mut singles: Vec<ActorGroup> = kept
            .iter()
            .map(|m| {
                let a = m.actor.clone().expect("filtered to resolved mentions");
                let ts = tok_index_at(&doc.tokens, start, end, m.span.start);
                let te = tok_index_at(&doc.tokens, start, end, m.span.end).max(ts + 1);
                ActorGroup { members: vec![(a, m.span)], tok_start: ts, tok_end: te.min(end), modifier: m.modifier, from_speaker: false, has_conj: false }
            })
            .collect();
        // "we"/"our"/"I" inside a quote stand for its speaker.
        for i in start..end {
            let t = &doc.tokens[i];
            if !matches!(t.norm.as_str(), "we" | "our" | "i" | "we've" | "we're" | "we'll") {
                continue;
            }
            if singles.iter().any(|g| g.tok_start <= i && i < g.tok_end) {
                continue;
            }
            if let Some(q) = quotes.iter().find(|q| q.span.contains(t.span)) {
                if let Some(sp) = &q.speaker {
                    let mut a = sp.clone();
                    a.text = doc.slice(t.span).to_string();
                    singles.push(ActorGroup { members: vec![(a, t.span)], tok_start: i, tok_end: i + 1, modifier: false, from_speaker: true, has_conj: false });
                }
            }
        }
        singles.sort_by_key(|g| g.tok_start);
        // Join coordinated mentions: only ",", "and", "or", "&", "as well as", "both" between them.
        let mut groups: Vec<ActorGroup> = Vec::new();
        for g in singles {
            if let Some(last) = groups.last_mut() {
                let between = &doc.tokens[last.tok_end.min(g.tok_start)..g.tok_start];
                let joins = !between.is_empty()
                    && between.iter().all(|t| matches!(t.norm.as_str(), "," | "and" | "or" | "&" | "as" | "well" | "-" | "/" | "the") || cues::JOIN_ADJECTIVES.contains(&t.norm.as_str()))
                    && between.iter().any(|t| matches!(t.norm.as_str(), "and" | "or" | "&" | "," | "-" | "/"))
                    && !(between.len() == 1 && between[0].norm == "," && !last.modifier && !g.modifier && g.tok_end < end && doc.tokens[g.tok_end].norm == ",");
                let hyphen_pair = (between.len() == 1 && matches!(between[0].norm.as_str(), "-" | "/"))
                    || (last.tok_start == g.tok_start && last.tok_end == g.tok_end)
                    || (between.is_empty() && last.tok_end >= g.tok_start && last.modifier && g.modifier);
                if (joins || hyphen_pair) && !g.from_speaker && !last.from_speaker {
                    last.has_conj |= hyphen_pair || between.iter().any(|t| matches!(t.norm.as_str(), "and" | "or" | "&"));
                    last.members.extend(g.members);
                    last.tok_end = g.tok_end;
                    last.modifier = last.modifier && g.modifier;
                    continue;
                }
            }
            groups.push(g);
        }
        // "on Israel, Kirby said": commas alone are apposition or a new clause, not a list.
        let groups = groups
            .into_iter()
            .flat_map(|g| {
                if g.members.len() > 1 && !g.has_conj {
                    g.members
                        .iter()
                        .map(|(a, sp)| {
                            let ts = tok_index_at(&doc.tokens, start, end, sp.start);
                            let te = tok_index_at(&doc.tokens, start, end, sp.end).max(ts + 1).min(end);
                            ActorGroup { members: vec![(a.clone(), *sp)], tok_start: ts, tok_end: te, has_conj: false, ..g.clone() }
                        })
                        .collect::<Vec<_>>()
                } else {
                    vec![g]
                }
            })
            .collect();
        let places = place_ms
            .iter()
            .map(|m| {
                let ts = tok_index_at(&doc.tokens, start, end, m.span.start);
                let te = tok_index_at(&doc.tokens, start, end, m.span.end).max(ts + 1).min(end);
                let a = m.actor.clone().expect("filtered to resolved mentions");
                ActorGroup { members: vec![(a, m.span)], tok_start: ts, tok_end: te, modifier: false, from_speaker: false, has_conj: false }
            })
            .collect();
        Frames { doc, start, end, groups, places, quotes }
    }

    fn norm(&self, i: usize) -> &str {
        self.doc.tokens.get(i).map(|t| t.norm.as_str()).unwrap_or("")
    }

    fn quote_id_of(&self, tok: usize) -> Option<&str> {
        let sp = self.doc.tokens.get(tok)?.span;
        self.quotes.iter().find(|q| q.span.contains(sp)).map(|q| q.id.as_str())
    }

    /// The quote a trigger stands in, for linking speech acts.
    pub fn quote_at(&self, tok: usize) -> Option<String> {
        self.quote_id_of(tok).map(str::to_string)
    }

    /// Is the group the object of a preposition? Determiners and adjectives may stand
    /// between ("outside the French military base", "in neighbouring Mali").
    fn after_preposition(&self, g: &ActorGroup) -> bool {
        let mut i = g.tok_start;
        while i > self.start
            && (matches!(self.norm(i - 1), "the" | "a" | "an" | "its" | "their" | "his" | "her")
                || cues::NOUN_MODIFIERS.contains(&self.norm(i - 1))
                || self.doc.tokens[i - 1].kind == brink_core::TokenKind::Number)
        {
            i -= 1;
        }
        i > self.start && cues::PREPOSITIONS.contains(&self.norm(i - 1))
    }

    /// "in the Saudi port city": a location phrase, recognised by a determiner or adjective
    /// between the preposition and the actor ("involvement in American-led initiatives" is not one).
    fn after_locative(&self, g: &ActorGroup) -> bool {
        let mut i = g.tok_start;
        while i > self.start && (matches!(self.norm(i - 1), "the" | "a" | "an") || cues::NOUN_MODIFIERS.contains(&self.norm(i - 1))) {
            i -= 1;
        }
        i < g.tok_start && i > self.start && matches!(self.norm(i - 1), "in" | "at" | "near" | "inside" | "outside" | "across" | "throughout" | "around" | "during" | "since")
    }

    fn clause_break_between(&self, a: usize, b: usize) -> bool {
        (a..b).any(|i| cues::CLAUSE_ENDS.contains(&self.norm(i)))
    }

    /// Nearest subject-like group before token `t`.
    fn subject(&self, t: usize) -> Option<(ActorGroup, bool)> {
        self.subject_with(t, false)
    }

    /// `possessive`: accept an actor that owns the subject noun ("Yemen's ports were hit"),
    /// which is what a passive's target is.
    fn subject_with(&self, t: usize, possessive: bool) -> Option<(ActorGroup, bool)> {
        let tq = self.quote_id_of(t);
        // In a relative clause ("the officers who seized power") the subject is what
        // "who"/"which" refers to: the actor right before it, or nobody we know.
        let mut k = t;
        while k > self.start && (cues::ADVERBS.contains(&self.norm(k - 1)) || matches!(self.norm(k - 1), "has" | "have" | "had" | "is" | "are" | "was" | "were" | "been" | "be" | "will" | "would" | "could" | "not" | "also")) {
            k -= 1;
        }
        // "Iran, which arms the Houthis, condemned ...": skip the parenthetical relative clause.
        let mut t = t;
        if k > self.start && self.norm(k - 1) == "," {
            if let Some(r) = (k.saturating_sub(16).max(self.start + 1)..k - 1).rev().find(|&r| matches!(self.norm(r), "which" | "who") && self.norm(r - 1) == ",") {
                t = r - 1;
                k = t;
            }
        }
        // "that" right before a verb is a subject relative pronoun ("an offensive that killed").
        if k > self.start && matches!(self.norm(k - 1), "who" | "which" | "that") {
            let mut r = k - 1;
            if r > self.start && self.norm(r - 1) == "," {
                r -= 1;
            }
            return self.groups.iter().find(|g| g.tok_end == r && !g.from_speaker).cloned().map(|g| (g, false));
        }
        let mut scan_from = t;
        for g in self.groups.iter().rev().filter(|g| g.tok_end <= t) {
            if t - g.tok_end > 30 {
                break;
            }
            // An unresolved pronoun subject between stops the search: it is the subject.
            if let Some(p) = (g.tok_end..scan_from).rev().find(|&i| matches!(self.norm(i), "it" | "they" | "he" | "she")) {
                return self.resolve_pronoun(p).map(|g| (g, true));
            }
            scan_from = g.tok_start;
            if self.quote_id_of(g.tok_start) != tq {
                continue;
            }
            if self.after_preposition(g) {
                continue;
            }
            // A bare adjective is the subject only of its own noun ("an Israeli strike killed"),
            // not of a verb further on ("condemned the Iranian strike and reaffirmed ...").
            // Force nouns may stand between: "Russian missiles and drones hit the port".
            let force_phrase = t - g.tok_end <= 5 && (g.tok_end..t).all(|i| cues::FORCE_NOUNS.contains(&self.norm(i)) || cues::ADVERBS.contains(&self.norm(i)) || matches!(self.norm(i), "have" | "has" | "had"));
            if g.modifier && !force_phrase && (t - g.tok_end > 3 || (g.tok_end..t).any(|i| matches!(self.norm(i), "and" | "or" | ","))) {
                continue;
            }
            // A group inside a possessive ("Israel's war") belongs to a noun, not to the verb.
            if !possessive && matches!(self.norm(g.tok_end), "'s" | "'") {
                continue;
            }
            return Some((g.clone(), false));
        }
        if let Some(p) = (self.start..scan_from).rev().find(|&i| matches!(self.norm(i), "it" | "they")) {
            return self.resolve_pronoun(p).map(|g| (g, true));
        }
        None
    }

    /// "it"/"its"/"they"/"their": the nearest organisation or state before it in this
    /// sentence, else the first one of the previous sentence.
    fn resolve_pronoun(&self, p: usize) -> Option<ActorGroup> {
        let candidate = |g: &&ActorGroup| g.tok_end <= p && !g.is_person() && !g.modifier && !g.from_speaker;
        // Prefer a subject ("Russia has cultivated ties with Iran since ... its war") over
        // the object of a preposition; fall back to any organisation or state.
        if let Some(g) = self.groups.iter().rev().filter(candidate).find(|g| !self.after_preposition(g)) {
            return Some(g.clone());
        }
        if let Some(g) = self.groups.iter().rev().find(candidate) {
            return Some(g.clone());
        }
        if matches!(self.norm(p), "he" | "she") {
            return None;
        }
        let si = self.doc.tokens.get(p)?.sentence;
        if si == 0 {
            return None;
        }
        let prev = Frames::new(self.doc, si - 1);
        let g = prev.groups.into_iter().find(|g| !g.is_person() && !g.modifier && !g.from_speaker && !prev_after_prep(self.doc, g, prev.start))?;
        Some(ActorGroup { tok_start: p, tok_end: p + 1, ..g })
    }

    /// First group after token `from` in the same clause, within `max` tokens.
    /// A group in a location phrase ("in the Saudi port city of Jeddah") is no object.
    fn object(&self, from: usize, max: usize, exclude: &[&str]) -> Option<ActorGroup> {
        for g in self.groups.iter().filter(|g| g.tok_start >= from) {
            if g.tok_start - from > max || self.clause_break_between(from, g.tok_start) {
                return None;
            }
            if self.after_locative(g) {
                continue;
            }
            // "…, the United States and Saudi Arabia said": the reporter, not the object.
            if cues::REPORTING.contains(&self.norm(g.tok_end)) {
                return None;
            }
            let ks = g.keys();
            if ks.iter().all(|k| exclude.contains(k)) {
                continue;
            }
            if g.from_speaker {
                continue;
            }
            return Some(g.clone());
        }
        None
    }

    /// A group right after one of `preps`, starting within `max` tokens of `from`.
    fn prep_object(&self, from: usize, max: usize, preps: &[&str]) -> Option<ActorGroup> {
        self.groups
            .iter()
            .filter(|g| g.tok_start >= from && g.tok_start - from <= max && !g.from_speaker)
            .find(|g| {
                // allow a determiner or modifiers between the preposition and the actor
                let mut i = g.tok_start;
                while i > from && matches!(self.norm(i - 1), "the" | "a" | "an" | "its" | "their") {
                    i -= 1;
                }
                i > self.start && preps.contains(&self.norm(i - 1)) && !self.clause_break_between(from, i - 1)
            })
            .cloned()
    }

    /// The actor of a noun: possessive, adjective or noun adjunct right before it.
    fn noun_owner(&self, t: usize) -> Option<(ActorGroup, bool)> {
        let mut p = t;
        while p > self.start && (cues::NOUN_MODIFIERS.contains(&self.norm(p - 1)) || self.doc.tokens[p - 1].kind == brink_core::TokenKind::Number || matches!(self.norm(p - 1), "," | "and")) {
            p -= 1;
        }
        if p == self.start {
            return None;
        }
        let prev = self.norm(p - 1);
        if matches!(prev, "its" | "their") {
            return self.resolve_pronoun(p - 1).map(|g| (g, true));
        }
        if matches!(prev, "'s" | "'") && p >= 2 {
            return self.groups.iter().find(|g| g.tok_end == p - 1).cloned().map(|g| (g, false));
        }
        // adjectives/adjuncts: one or more groups ending right here
        let g = self.groups.iter().find(|g| g.tok_end == p)?;
        Some((g.clone(), false))
    }

    /// "Doha was in constant discussion with Iran", "Hamas announced a boycott of":
    /// a noun after a copula or light verb takes the clause's subject as its actor.
    fn light_verb_subject(&self, t: usize) -> Option<(ActorGroup, bool)> {
        const LIGHT: &[&str] = &[
            "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "in", "into", "engaged", "held",
            "hold", "holds", "launched", "launch", "launches", "conducted", "carried", "out", "announced", "announces",
            "made", "makes", "make", "remain", "remains", "remained", "stayed", "staged", "began", "begun", "continued",
            "an", "a", "the", "not", "no", "also", "still", "now", "its", "their",
        ];
        let mut p = t;
        let mut saw_light_verb = false;
        while p > self.start {
            let w = self.norm(p - 1);
            if cues::NOUN_MODIFIERS.contains(&w) || cues::ADVERBS.contains(&w) {
                p -= 1;
            } else if LIGHT.contains(&w) {
                saw_light_verb |= !matches!(w, "an" | "a" | "the" | "not" | "no" | "in" | "into" | "its" | "their");
                p -= 1;
            } else {
                break;
            }
        }
        if !saw_light_verb {
            return None;
        }
        self.subject(p)
    }

    /// "was attacked (by)", "were hit", and the reduced "drones launched by Russia".
    fn passive(&self, entry: &Entry, hit: &Hit) -> bool {
        if entry.pos != PartOfSpeech::Verb || !hit.participle {
            return false;
        }
        let mut i = hit.trigger;
        while i > self.start && cues::ADVERBS.contains(&self.norm(i - 1)) {
            i -= 1;
        }
        let be_before = i > self.start && cues::BE_FORMS.contains(&self.norm(i - 1));
        let after = hit.words.last().copied().unwrap_or(hit.trigger) + 1;
        let by_right_after = self.norm(after) == "by";
        // A reduced passive follows its noun: "drones launched by", not "Russia launched by".
        let reduced = by_right_after && i > self.start && !self.groups.iter().any(|g| g.tok_end == i);
        be_before || reduced
    }

    /// "Russia attacked Kyiv and threatened Poland": a verb right after "and"/"but"
    /// shares the subject of the verb before it, not the nearest actor ("Kyiv").
    pub fn coordinated_verb(&self, hit: &Hit) -> bool {
        let mut i = hit.trigger;
        while i > self.start && cues::ADVERBS.contains(&self.norm(i - 1)) {
            i -= 1;
        }
        i > self.start && matches!(self.norm(i - 1), "and" | "but" | "then")
    }

    /// Finds the roles for a lexicon hit, or None when no source can be found
    /// (an act with no actor is not an event, except a killing whose victim is named).
    pub fn assign(&self, entry: &Entry, hit: &Hit) -> Option<Roles> {
        let t = hit.trigger;
        let after = hit.words.last().copied().unwrap_or(t) + 1;
        let mut roles = Roles::default();
        match entry.frame {
            Frame::Mutual => {
                // Both sides act: one joint event, expanded to both directions.
                let (subj, coref) = self.subject(t)?;
                roles.source_end = Some(subj.tok_end);
                roles.source_via_coref = coref;
                let other = self.object(t + 1, 8, &subj.keys());
                roles.source = vec![subj];
                match other {
                    Some(o) => roles.source.push(o),
                    None => return Some(roles),
                }
                return Some(roles);
            }
            Frame::Svo => {
                const STATIVE: &[&str] = &["engaged", "involved", "committed", "prepared", "determined", "set", "poised"];
                let by = if self.passive(entry, hit) { self.prep_object(after, 8, &["by"]) } else { None };
                if let Some(by) = by {
                    // "X was attacked by Y": Y acts on X; X may be no actor ("the convoy").
                    if let Some((subj, coref)) = self.subject_with(t, true) {
                        roles.source_end = Some(subj.tok_end);
                        roles.target = vec![subj];
                        roles.source_via_coref = coref;
                    }
                    roles.source = vec![by];
                } else if self.passive(entry, hit) && !STATIVE.contains(&hit.trigger_form.as_str()) {
                    // "X was killed", "X had been warned": an act on X by someone unnamed.
                    if !matches!(entry.event_type.as_str(), "ASSAULT" | "COERCE" | "THREATEN" | "SANCTION" | "ACCUSE") {
                        return None;
                    }
                    let (subj, _) = self.subject_with(t, true)?;
                    roles.target = vec![subj];
                    return Some(roles);
                } else {
                    match self.subject(t) {
                        Some((subj, coref)) => {
                            roles.source_end = Some(subj.tok_end);
                            // From the trigger on: "advised Israel to" has its object inside the pattern's gap.
                            let target = self.object(t + 1, 12, &subj.keys());
                            if let Some(o) = target {
                                roles.target = vec![o];
                            }
                            roles.source = vec![subj];
                            roles.source_via_coref = coref;
                        }
                        // Protesters are often unnamed ("thousands protested"); the place stands in below.
                        None if entry.event_type == "PROTEST" => {
                            if let Some(o) = self.object(t + 1, 12, &[]) {
                                roles.target = vec![o];
                            }
                        }
                        None => return None,
                    }
                }
            }
            Frame::Nom | Frame::Victim => {
                let victim_noun = matches!(entry.head.as_str(), "killing" | "assassination" | "death" | "arrest" | "release" | "capture");
                let owner = self.noun_owner(t);
                let by = self.prep_object(after, 6, &["by"]);
                let target = if entry.frame == Frame::Victim || hit.words.len() > 1 {
                    // pattern ends in its preposition ("attack on", "killing of"): the actor follows it
                    self.object(after, 6, &[])
                } else {
                    // The preposition must follow the noun: "a killing widely blamed on X" is no attack on X.
                    self.prep_object(after, 3, &["on", "against", "at", "into", "toward", "towards", "targeting"])
                };
                let owner = owner.or_else(|| self.light_verb_subject(t));
                match (owner, by) {
                    (Some((o, _)), _) if victim_noun && o.is_person() && target.is_none() => {
                        // "Haniyeh's killing": the owner is the victim.
                        roles.target = vec![o];
                        return Some(roles);
                    }
                    (_, Some(b)) => roles.source = vec![b],
                    (Some((o, coref)), _) => {
                        roles.source_end = Some(o.tok_end);
                        roles.source = vec![o];
                        roles.source_via_coref = coref;
                    }
                    (None, None) => {}
                }
                if let Some(tg) = target {
                    let src: Vec<&str> = roles.source.iter().flat_map(|g| g.keys()).collect();
                    if !tg.keys().iter().all(|k| src.contains(k)) {
                        roles.target = vec![tg];
                    }
                }
                if roles.source.is_empty() {
                    // A killing or arrest of a named actor is an event even when the text does not say who did it.
                    if !(entry.event_type == "ASSAULT" || entry.event_type == "COERCE") || roles.target.is_empty() || !(victim_noun || entry.frame == Frame::Victim) {
                        return None;
                    }
                }
            }
            Frame::Pair => {
                if let Some(g) = self.prep_object(after, 3, &["between"]).or_else(|| self.prep_object(t + 1, 3, &["between"])) {
                    if g.members.len() >= 2 {
                        roles.source = vec![g];
                        return Some(roles);
                    }
                }
                let (owner, coref) = self.noun_owner(t)?;
                roles.source_via_coref = coref;
                roles.source_end = Some(owner.tok_end);
                if owner.members.len() >= 2 {
                    roles.source = vec![owner];
                } else {
                    let ex: Vec<String> = owner.keys().iter().map(|k| k.to_string()).collect();
                    let other = self.prep_object(after, 6, &["with", "against", "on"]);
                    roles.source = vec![owner];
                    if let Some(o) = other.filter(|o| !o.keys().iter().all(|k| ex.iter().any(|e| e == k))) {
                        roles.target = vec![o];
                    }
                }
            }
        }
        // "rallied after Friday prayers, chanting slogans against X": a protest's target may
        // come late in its sentence.
        if entry.event_type == "PROTEST" && roles.target.is_empty() {
            if let Some(g) = self.groups.iter().find(|g| g.tok_start > t && g.tok_start > self.start && self.norm(g.tok_start - 1) == "against") {
                roles.target = vec![g.clone()];
            }
        }
        // "Thousands protested in Niamey": demonstrators with no named group are the place's citizens.
        if entry.event_type == "PROTEST" && roles.source.is_empty() {
            if let Some(p) = self.places.first() {
                let mut g = p.clone();
                for (a, _) in g.members.iter_mut() {
                    a.sector = Some("CVL".into());
                }
                roles.source = vec![g];
            }
        }
        // "Russia struck Kyiv", "strikes on Sanaa": an attack on a place is an attack on its state.
        if roles.target.is_empty() && matches!(entry.event_type.as_str(), "ASSAULT" | "COERCE" | "MOBILIZE") && entry.frame != Frame::Pair {
            let from = hit.words.last().copied().unwrap_or(t) + 1;
            // A city or capital right after the act, or a country named as where it happened
            // ("camps at nine sites in Pakistan").
            let in_country = self.groups.iter().chain(self.places.iter()).find(|g| {
                g.tok_start >= from
                    && g.tok_start - from <= 12
                    && !g.modifier
                    && g.tok_start > self.start
                    && matches!(self.norm(g.tok_start - 1), "in" | "into" | "inside" | "across")
                    && !self.clause_break_between(from, g.tok_start)
            });
            if let Some(p) = self
                .places
                .iter()
                .find(|p| p.tok_start >= from && p.tok_start - from <= 3 && !self.clause_break_between(from, p.tok_start))
                .or(in_country)
            {
                let src: Vec<&str> = roles.source.iter().flat_map(|g| g.keys()).collect();
                if !p.keys().iter().all(|k| src.contains(k)) {
                    roles.target = vec![p.clone()];
                }
            }
        }
        // A mediator with no stated parties mediates between the other actors of its sentence
        // ("Americans sat in one room, Iranians in another, and Omani officials shuttled between rooms").
        if entry.event_type == "CONSULT" && entry.mode.as_deref() == Some("third-party") && roles.target.is_empty() && !roles.source.is_empty() {
            let src: Vec<String> = roles.source.iter().flat_map(|g| g.keys()).map(str::to_string).collect();
            let others: Vec<ActorGroup> = self
                .groups
                .iter()
                .filter(|g| !g.from_speaker && !g.keys().iter().any(|k| src.iter().any(|s| s == k)))
                .take(3)
                .cloned()
                .collect();
            if others.iter().map(|g| g.members.len()).sum::<usize>() >= 2 {
                roles.target = others;
            }
        }
        if roles.source.is_empty() && entry.event_type == "PROTEST" {
            return None;
        }
        // Reflexive acts ("X defends itself") are not interactions.
        if entry.event_type == "AGREE" && matches!(self.norm(after), "itself" | "themselves" | "ourselves" | "himself" | "herself" | "myself") {
            return None;
        }
        Some(roles)
    }
}

fn prev_after_prep(doc: &Document, g: &ActorGroup, start: usize) -> bool {
    g.tok_start > start && cues::PREPOSITIONS.contains(&doc.tokens[g.tok_start - 1].norm.as_str())
}
