//! The actors stage: finds actor mentions and resolves them against the knowledge base on the article's date.
//!
//! Per document: one automaton pass finds every KB alias ([`scan`]); then, sentence by
//! sentence, people are found first (KB full names and unknown capitalised names with a title
//! or apposition that lets us learn who they are, [`people`]), then the remaining matches become
//! state / institution / IGO / group / agent / modifier / place mentions ([`kinds`]), then cities of
//! the gazetteer in a place context become place mentions of their state ([`places`]), then bare
//! surnames and he/she pronouns resolve to people named earlier. Context rules are in
//! docs/KB.md ("How resolution works").

mod definite;
mod kinds;
mod lexicon;
mod people;
mod places;
mod scan;

use std::collections::HashMap;
use std::sync::Arc;

use brink_core::{ActorRef, Document, Mention, MentionRule, Span, Stage};
use brink_kb::Kb;

pub use scan::{scan, Cand};

pub struct ActorStage {
    kb: Arc<Kb>,
}

impl ActorStage {
    pub fn new(kb: Arc<Kb>) -> Self {
        ActorStage { kb }
    }

    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// The mentions of a document (already split into sentences and tokens), in text order.
    pub fn find_mentions(&self, doc: &Document) -> Vec<Mention> {
        if doc.tokens.is_empty() || doc.sentences.is_empty() {
            return Vec::new();
        }
        let cands = scan::scan(&self.kb, doc);
        let mut st = DocState::new(&self.kb, doc, cands);
        for s in 0..doc.sentences.len() {
            st.sentence(s);
        }
        let mut out = st.mentions;
        out.sort_by_key(|m| (m.span.start, m.span.end));
        definite::definite_mentions(doc, &mut out);
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn process(&self, doc: &mut Document) {
        if doc.sentences.is_empty() && !doc.text.trim().is_empty() {
            doc.warnings.push("actors: no sentences (the sentence stage did not run); no actor mentions".into());
            return;
        }
        let ms = self.find_mentions(doc);
        doc.mentions.extend(ms);
        doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// A person named so far in the document, for surnames and pronouns.
#[derive(Clone)]
pub(crate) struct Named {
    pub actor: ActorRef,
    pub entry: Option<usize>,
}

/// Working state for one document.
pub(crate) struct DocState<'a> {
    pub kb: &'a Kb,
    pub doc: &'a Document,
    pub cands: Vec<Cand>,
    /// Candidate indices by sentence.
    pub by_sentence: Vec<Vec<usize>>,
    /// Cands already used (absorbed into a person's title, or a person name).
    pub used: Vec<bool>,
    /// Tokens covered by an emitted mention.
    pub covered: Vec<bool>,
    /// Lowercased surname → person named earlier (full name) in this document.
    pub memory: HashMap<String, Named>,
    /// Person mentions so far: (start byte, sentence, person).
    pub persons: Vec<(usize, usize, Named)>,
    pub mentions: Vec<Mention>,
}

impl<'a> DocState<'a> {
    fn new(kb: &'a Kb, doc: &'a Document, cands: Vec<Cand>) -> Self {
        let mut by_sentence = vec![Vec::new(); doc.sentences.len()];
        for (i, c) in cands.iter().enumerate() {
            if let Some(v) = by_sentence.get_mut(c.sentence) {
                v.push(i);
            }
        }
        let n = cands.len();
        DocState {
            kb,
            doc,
            cands,
            by_sentence,
            used: vec![false; n],
            covered: vec![false; doc.tokens.len()],
            memory: HashMap::new(),
            persons: Vec::new(),
            mentions: Vec::new(),
        }
    }

    fn sentence(&mut self, s: usize) {
        let sent = &self.doc.sentences[s];
        let (ts, te) = (sent.token_start.min(self.doc.tokens.len()), sent.token_end.min(self.doc.tokens.len()));
        if ts >= te {
            return;
        }
        people::people(self, s, ts, te);
        kinds::others(self, s);
        places::places(self, s, ts, te);
        people::surnames(self, s, ts, te);
        people::pronouns(self, s, ts, te);
    }

    pub fn date(&self) -> Option<chrono::NaiveDate> {
        self.doc.date
    }

    /// Lowercased token text.
    pub fn norm(&self, t: usize) -> &str {
        self.doc.tokens.get(t).map(|t| t.norm.as_str()).unwrap_or("")
    }
    pub fn raw(&self, t: usize) -> &str {
        self.doc.tokens.get(t).map(|t| self.doc.slice(t.span)).unwrap_or("")
    }
    pub fn is_word(&self, t: usize) -> bool {
        self.doc.tokens.get(t).is_some_and(|t| t.kind == brink_core::TokenKind::Word)
    }
    pub fn is_cap(&self, t: usize) -> bool {
        self.is_word(t) && self.raw(t).chars().next().is_some_and(|c| c.is_uppercase())
    }
    pub fn is_lower_word(&self, t: usize) -> bool {
        self.is_word(t) && self.raw(t).chars().next().is_some_and(|c| c.is_lowercase())
    }
    /// Cand starting at token t (not used), if any.
    pub fn cand_at(&self, s: usize, t: usize) -> Option<usize> {
        self.by_sentence.get(s)?.iter().copied().find(|&i| self.cands[i].t0 == t && !self.used[i])
    }
    /// Cand ending at token t (exclusive end t), if any.
    pub fn cand_ending(&self, s: usize, t1: usize) -> Option<usize> {
        self.by_sentence.get(s)?.iter().copied().find(|&i| self.cands[i].t1 == t1 && !self.used[i] && self.cands[i].ends_token)
    }

    /// Does a mention of sentence `s` already cover part of `span`?
    pub fn overlaps_mention(&self, s: usize, span: Span) -> bool {
        self.mentions.iter().rev().take_while(|m| m.sentence == s).any(|m| m.span.overlaps(span))
    }

    pub fn push(&mut self, span: Span, sentence: usize, actor: Option<ActorRef>, candidates: Vec<String>, rule: MentionRule, confidence: f32) -> usize {
        let doc = self.doc;
        for t in doc.tokens.iter().enumerate().skip(scan::token_at(doc, span.start).unwrap_or(0)) {
            if t.1.span.start >= span.end {
                break;
            }
            self.covered[t.0] = true;
        }
        self.mentions.push(Mention { span, sentence, actor, candidates, rule, confidence, is_place: false, modifier: false });
        self.mentions.len() - 1
    }
}
