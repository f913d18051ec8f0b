//! Direct quotes: which quoted stretches are reported speech, and who said them.
//!
//! Order of evidence for the speaker, strongest first (each is a general newswire
//! pattern, none is tied to an article):
//! 1. an attribution right after the quote: `“…,” X said`, `“…,” said X`;
//! 2. an attribution right before it: `X said, “…”`, `X told reporters that “…”`;
//! 3. `according to X` anywhere in the sentence;
//! 4. a trailing attribution closing the sentence: `… “intense diplomacy” …, Kirby said.`;
//! 5. any earlier cue in the sentence (`X began by saying these were "small-minded"`),
//!    a participle taking the sentence's subject (`…, adding that …`);
//! 6. an earlier quote's speaker in the same sentence;
//! 7. the newswire continuation: a quote opening a sentence with no cue takes the
//!    previous sentence's speaker.
//!
//! A quote split by its attribution (`“…,” she said. “…”`) is joined into one quote.
//! Short Title-Case quotes without an adjacent cue are names or titles (`“The View”`),
//! and short quotes with no cue in the sentence are scare quotes: neither is emitted.

use std::collections::HashMap;

use brink_core::{ActorRef, Quote, QuoteKind, Span};

use crate::ctx::{Ctx, Subj};
use crate::lex::TK;
use crate::lexicon::CueClass;

/// How a quote was attributed.
#[derive(Debug, Clone)]
pub struct Attr {
    pub speaker: Option<ActorRef>,
    pub speaker_span: Option<Span>,
    /// Token range of the cue.
    pub cue: Option<(usize, usize)>,
    pub rule: &'static str,
    pub confidence: f32,
    /// The cue touches the quote (only an object/time phrase between).
    pub immediate: bool,
    /// The speaker came from a KB/actor mention (not a fallback name).
    pub from_mention: bool,
}

/// A quote found by this stage with the token facts later steps need.
pub struct Found {
    pub quote: Quote,
    /// Content token ranges.
    pub content: Vec<(usize, usize)>,
    pub cue: Option<(usize, usize)>,
    /// First token after the quote (for targets right after it).
    pub after: usize,
    pub first_tok: usize,
}

fn attr_from(ctx: &Ctx, s: Subj, cue: Option<(usize, usize)>, rule: &'static str, conf: f32, immediate: bool) -> Attr {
    let _ = ctx;
    Attr {
        rule: if s.pronoun { "pronoun" } else { rule },
        confidence: if s.pronoun { conf * 0.9 } else { conf },
        speaker: s.actor,
        speaker_span: s.span,
        cue,
        immediate,
        from_mention: s.from_mention,
    }
}

/// Groups raw quotes that are one quote split by an attribution.
fn join_groups(ctx: &Ctx) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for qi in 0..ctx.quotes.len() {
        if let Some(g) = groups.last_mut() {
            let prev = *g.last().expect("non-empty group");
            if can_join(ctx, prev, qi) {
                g.push(qi);
                continue;
            }
        }
        groups.push(vec![qi]);
    }
    groups
}

fn can_join(ctx: &Ctx, a: usize, b: usize) -> bool {
    let (qa, qb) = (&ctx.quotes[a], &ctx.quotes[b]);
    if !qa.closed || qa.single != qb.single {
        return false;
    }
    let (ea, ob) = (qa.end_tok(), qb.open_tok());
    if ob <= ea + 1 || ctx.toks[ea].para != ctx.toks[ob].para || ob - ea > 14 {
        return false;
    }
    let content = qa.parts.last().map(|p| p.span.text(ctx.text)).unwrap_or("");
    let ends = content.trim_end().chars().last().is_some_and(|c| ",.!?;:—–…".contains(c));
    if !(ends || ctx.w(ea + 1) == ",") {
        return false;
    }
    let mut has_cue = false;
    let mut content_words = 0;
    let mut i = ea + 1;
    while i < ob {
        if let Some(c) = ctx.cue_at[i] {
            has_cue |= ctx.cues[c].cue.class != CueClass::According;
            i = ctx.cues[c].end;
            continue;
        }
        let t = &ctx.toks[i];
        match t.kind {
            TK::Punct => {
                if !matches!(t.norm.as_str(), "," | "." | ":" | ";" | "—" | "–" | "-") {
                    return false;
                }
            }
            TK::Mark => return false,
            _ => {
                if ctx.verbish(i) {
                    return false;
                }
                if !matches!(t.norm.as_str(), "that" | "and" | "but" | "then" | "also" | "further" | "later") {
                    content_words += 1;
                }
            }
        }
        i += 1;
    }
    if !has_cue || content_words > 8 {
        return false;
    }
    // The second part has its own attribution: two quotes, not one.
    if qb.closed {
        let mut k = qb.end_tok() + 1;
        if ctx.w(k) == "," {
            k += 1;
        }
        if k < ctx.toks.len() && ctx.toks[k].para == ctx.toks[ob].para && ctx.attribution_follows(k) {
            return false;
        }
    }
    true
}

struct State {
    last_speaker: Option<(usize, ActorRef)>,
    unit_attr: HashMap<usize, (usize, Attr)>,
    /// Unit of the last attributed quote and its attribution.
    prev: Option<(usize, Attr)>,
}

fn participle_speaker(ctx: &Ctx, st: &State, cue: usize, unit: usize) -> Option<Subj> {
    if let Some((pos, a)) = st.unit_attr.get(&unit) {
        if *pos < cue {
            return Some(Subj { actor: a.speaker.clone(), span: a.speaker_span, from_mention: a.from_mention, ..Default::default() });
        }
    }
    let (us, _) = ctx.units[unit];
    ctx.participle_subject(cue, us, st.last_speaker.as_ref())
}

fn attribute(ctx: &Ctx, st: &State, first: usize, last: usize) -> Option<Attr> {
    let q = &ctx.quotes[first];
    let open = q.open_tok();
    let u = ctx.unit_of[open];
    let (us, ue) = ctx.units[u];
    let ls = st.last_speaker.as_ref();
    let lo_b = if first > 0 && ctx.quotes[first - 1].end_tok() >= us && ctx.quotes[first - 1].end_tok() < open {
        ctx.quotes[first - 1].end_tok() + 1
    } else {
        us
    };
    let lq = &ctx.quotes[last];
    let close = lq.end_tok();
    let ue_last = ctx.unit_of.get(close).map(|&x| ctx.units[x].1).unwrap_or(ue);
    let next_open = if last + 1 < ctx.quotes.len() { ctx.quotes[last + 1].open_tok() } else { ctx.toks.len() };
    let hi_a = next_open.min(ue_last);

    // 1. Right after the quote.
    if lq.closed {
        let mut a = close + 1;
        if ctx.w(a) == "," {
            a += 1;
        }
        if a < hi_a {
            if let Some(c) = ctx.cue_at[a] {
                let hit = &ctx.cues[c];
                match hit.cue.class {
                    CueClass::Verb => {
                        if let Some(s) = ctx.subject_after(hit.end, hi_a, ls) {
                            return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-after", 0.9, true));
                        }
                    }
                    CueClass::According => {
                        if let Some(s) = ctx.according_to(hit, hi_a, ls) {
                            return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "according-to", 0.85, true));
                        }
                    }
                    CueClass::Participle => {}
                }
            } else if let Some(hit) = ctx.cues_in(a + 1, (a + 14).min(hi_a)).first() {
                if hit.cue.class == CueClass::Verb {
                    if let Some(s) = ctx.subject_before(hit.start, a, ls) {
                        if s.start == a {
                            return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-after", 0.9, true));
                        }
                    }
                }
            }
        }
    }

    // 2. Right before the quote.
    let before = ctx.cues_in(lo_b, open).iter().rev().find(|h| h.end <= open);
    let mut weak_before: Option<&crate::ctx::CueHit> = None;
    if let Some(hit) = before {
        let between = (hit.end..open).filter(|&k| !matches!(ctx.w(k), "," | ":" | "that" | "-" | "—" | "–")).count();
        let verb_between = (hit.end..open).any(|k| ctx.verbish(k) || ctx.is_mark(k));
        let immediate = between <= 8 && !verb_between;
        if immediate {
            match hit.cue.class {
                CueClass::Verb => {
                    if let Some(s) = ctx.subject_before(hit.start, us, ls) {
                        return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-before", 0.85, true));
                    }
                    if let Some(s) = participle_speaker(ctx, st, hit.start, u) {
                        return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-before", 0.6, true));
                    }
                }
                CueClass::Participle => {
                    let s = participle_speaker(ctx, st, hit.start, u).unwrap_or_default();
                    return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-before", 0.6, true));
                }
                CueClass::According => {
                    if let Some(s) = ctx.according_to(hit, open, ls) {
                        return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "according-to", 0.8, true));
                    }
                }
            }
        } else {
            weak_before = Some(hit);
        }
    }

    // 3. "according to X" anywhere in the sentence.
    for hit in ctx.cues_in(us.max(open.saturating_sub(60)), ue_last.max(ue).min(close + 60)).iter().filter(|h| h.cue.class == CueClass::According) {
        if let Some(s) = ctx.according_to(hit, ue_last.max(ue), ls) {
            return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "according-to", 0.8, false));
        }
    }

    // 4. A trailing attribution closing the sentence: "…, Kirby said." / "…, said the sources".
    let end = ue_last.max(ue).min(close + 60);
    for hit in ctx.cues_in(close + 1, end).iter().filter(|h| h.end <= end && h.cue.class == CueClass::Verb) {
        if ctx.w(hit.start.saturating_sub(1)) == "," || ctx.is_mark(hit.start.saturating_sub(1)) {
            if let Some(s) = ctx.subject_after(hit.end, end, ls) {
                return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-after", 0.75, false));
            }
        }
        if let Some(s) = ctx.subject_before(hit.start, close + 1, ls) {
            let before_np = s.start.saturating_sub(1);
            if s.start > close && (ctx.w(before_np) == "," || ctx.is_mark(before_np)) {
                return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-after", 0.75, false));
            }
        }
    }

    // 5. An earlier cue in the sentence.
    let weak = weak_before.or_else(|| ctx.cues_in(us.max(open.saturating_sub(60)), open).iter().rev().find(|h| h.end <= open && h.cue.class != CueClass::According));
    if let Some(hit) = weak {
        match hit.cue.class {
            CueClass::Verb => {
                if let Some(s) = ctx.subject_before(hit.start, us, ls) {
                    return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-before", 0.6, false));
                }
                if let Some(s) = participle_speaker(ctx, st, hit.start, u) {
                    return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-before", 0.5, false));
                }
            }
            CueClass::Participle => {
                let s = participle_speaker(ctx, st, hit.start, u).unwrap_or_default();
                return Some(attr_from(ctx, s, Some((hit.start, hit.end)), "cue-before", 0.55, false));
            }
            CueClass::According => {}
        }
    }

    // 6. An earlier quote's speaker in the same sentence.
    if let Some((_, a)) = st.unit_attr.get(&u) {
        let mut a = a.clone();
        a.immediate = false;
        a.confidence *= 0.8;
        return Some(a);
    }
    None
}

fn is_title_like(ctx: &Ctx, first: usize, last: usize) -> bool {
    let words: Vec<&crate::lex::Tok> = (first..last).map(|i| &ctx.toks[i]).filter(|t| t.kind == TK::Word).collect();
    !words.is_empty()
        && words.len() <= 15
        && words[0].cap
        && (words.len() > 1 || words[0].norm.len() > 1)
        && words.iter().all(|t| t.cap || matches!(t.norm.as_str(), "of" | "the" | "and" | "a" | "an" | "in" | "on" | "for" | "to" | "at"))
}

fn word_count(ctx: &Ctx, ranges: &[(usize, usize)]) -> usize {
    ranges.iter().map(|&(a, b)| (a..b).filter(|&i| ctx.toks[i].kind == TK::Word).count()).sum()
}

/// Speaker of the previous sentence when it continues: its quote's speaker, or the
/// subject of a speech cue in it ("Kirby warned of the risks." then a bare quote).
fn continuation(ctx: &Ctx, st: &State, u: usize) -> Option<Attr> {
    if u == 0 {
        return None;
    }
    if let Some((pu, a)) = &st.prev {
        if *pu + 1 == u {
            let mut a = a.clone();
            a.rule = "continuation";
            a.immediate = false;
            a.confidence = 0.5;
            return Some(a);
        }
    }
    let (ps, pe) = ctx.units[u - 1];
    let hit = ctx.cues_in(ps, pe).iter().find(|h| h.end <= pe && h.cue.class == CueClass::Verb)?;
    let s = ctx.subject_before(hit.start, ps, st.last_speaker.as_ref())?;
    s.actor.as_ref()?;
    let mut a = attr_from(ctx, s, Some((hit.start, hit.end)), "continuation", 0.45, false);
    a.rule = "continuation";
    Some(a)
}

fn join_text(ctx: &Ctx, spans: &[Span]) -> String {
    spans.iter().map(|s| s.text(ctx.text).trim().trim_end_matches(',').trim_end()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Does a quote opening unit `u` with no attribution of its own continue the previous quote
/// `prev`? Only when that quote's attribution followed it and closed the sentence just before
/// (`“…,” X said in a statement. “…”`), in the same paragraph, with no other quote between.
fn continues(ctx: &Ctx, prev: &Found, pa: &Attr, pu: usize, u: usize, open: usize) -> bool {
    if pu + 1 != u || pa.rule != "cue-after" || !pa.immediate || prev.quote.kind != QuoteKind::Direct {
        return false;
    }
    let Some((_, ce)) = pa.cue else { return false };
    let pe = prev.after;
    pe <= ce && ce <= open && ctx.toks[pe.saturating_sub(1)].para == ctx.toks[open].para && (pe..open).all(|k| ctx.outside(k))
}

/// Finds the direct quotes of the document, in text order.
pub fn direct_quotes(ctx: &Ctx) -> Vec<Found> {
    let mut out = Vec::new();
    let mut st = State { last_speaker: None, unit_attr: HashMap::new(), prev: None };
    for g in join_groups(ctx) {
        let first = g[0];
        let last = *g.last().expect("group");
        let open = ctx.quotes[first].open_tok();
        let u = ctx.unit_of[open];
        let content: Vec<(usize, usize)> = g.iter().flat_map(|&qi| ctx.quotes[qi].parts.iter().map(|p| (p.first, p.last))).collect();
        let spans: Vec<Span> = g.iter().flat_map(|&qi| ctx.quotes[qi].parts.iter().map(|p| p.span)).filter(|s| !s.is_empty()).collect();
        if spans.is_empty() {
            continue;
        }
        let nwords = word_count(ctx, &content);
        let mut attr = attribute(ctx, &st, first, first).or_else(|| if last != first { attribute(ctx, &st, last, last) } else { None });
        if attr.is_none() {
            let opens_unit = (ctx.units[u].0..open).all(|k| ctx.is_punct(k));
            if opens_unit && nwords >= 3 {
                // "“…,” X said on Monday. “…”": a second sentence right after the attribution,
                // in the same paragraph, continues the same quote.
                if let (Some(prev), Some((pu, pa))) = (out.last_mut(), st.prev.as_ref()) {
                    if continues(ctx, prev, pa, *pu, u, open) {
                        let prev: &mut Found = prev;
                        prev.content.extend(content.iter().copied());
                        prev.quote.spans.extend(spans.iter().copied());
                        prev.quote.text = join_text(ctx, &prev.quote.spans);
                        prev.after = ctx.quotes[last].end_tok() + 1;
                        let last_unit = ctx.unit_of[ctx.quotes[last].end_tok().min(ctx.toks.len() - 1)];
                        let pa = pa.clone();
                        st.prev = Some((last_unit.max(u), pa));
                        continue;
                    }
                }
                attr = continuation(ctx, &st, u);
            }
        }
        let title = content.len() == 1 && is_title_like(ctx, content[0].0, content[0].1);
        let attr = match attr {
            Some(a) if title && !a.immediate => continue,
            Some(a) => a,
            None if nwords >= 6 && !title => Attr {
                speaker: None,
                speaker_span: None,
                cue: None,
                rule: "unattributed",
                confidence: 0.3,
                immediate: false,
                from_mention: false,
            },
            None => continue,
        };
        if let Some(sp) = &attr.speaker {
            if Ctx::is_person(sp) && attr.from_mention {
                st.last_speaker = Some((open, sp.clone()));
            }
        }
        st.unit_attr.insert(u, (open, attr.clone()));
        let last_unit = ctx.unit_of[ctx.quotes[last].end_tok().min(ctx.toks.len() - 1)];
        st.prev = Some((last_unit.max(u), attr.clone()));

        let text = join_text(ctx, &spans);
        let sentence = ctx.sentence_of(spans[0].start, open);
        let cue_span = attr.cue.map(|(a, b)| Span::new(ctx.toks[a].span.start, ctx.toks[b - 1].span.end));
        let quote = Quote {
            id: String::new(),
            kind: QuoteKind::Direct,
            text,
            spans,
            speaker: attr.speaker.clone(),
            speaker_span: attr.speaker_span,
            cue: cue_span.map(|s| s.text(ctx.text).to_string()),
            cue_span,
            speech_act: None,
            events: Vec::new(),
            sentence,
            rule: attr.rule.to_string(),
            confidence: attr.confidence,
        };
        out.push(Found { quote, content, cue: attr.cue, after: ctx.quotes[last].end_tok() + 1, first_tok: open });
    }
    out
}
