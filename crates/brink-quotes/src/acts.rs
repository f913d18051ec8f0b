//! Speech acts: what a quote *does* (appeal, threaten, condemn, promise, reject,
//! praise), from the attribution verb ("warned", "urged") or from the quote's own
//! words ("must refrain", "will respond", "we condemn"), as listed in
//! `data/speech_acts.tsv`. A speech act with a known speaker is also an event:
//! the speaker is its source, and the actor the act is aimed at (named in the
//! quote after the trigger, right after the cue, or right after the quote) its
//! target. Threats and promises are coded as asserted acts of threatening or
//! promising, not as the future acts they announce.

use brink_core::{ActorRef, Event, Modality, Ontology, Span};

use crate::ctx::{Ctx, MentionExt};
use crate::direct::Found;
use crate::lex::TK;
use crate::lexicon::{match_pattern, Act, Lexicon};

/// Finds the act and the trigger token range for one quote.
fn find_act(ctx: &Ctx, f: &Found) -> Option<(&'static Act, (usize, usize))> {
    let lex = Lexicon::get();
    if let Some((cs, _)) = f.cue {
        let words: Vec<&str> = (cs..(cs + 4).min(ctx.toks.len())).map(|k| ctx.w(k)).collect();
        for act in lex.acts.iter().filter(|a| a.from_cue) {
            if let Some(len) = match_pattern(&act.pattern, &words) {
                return Some((act, (cs, cs + len)));
            }
        }
    }
    let mut best: Option<(&Act, (usize, usize))> = None;
    for &(a, b) in &f.content {
        // Words only (punctuation inside the quote does not break a pattern like "will pay a heavy price").
        let idx: Vec<usize> = (a..b).filter(|&k| ctx.toks[k].kind != TK::Punct && ctx.toks[k].kind != TK::Mark).collect();
        let words: Vec<&str> = idx.iter().map(|&k| ctx.w(k)).collect();
        for p in 0..words.len() {
            if best.is_some_and(|(_, (s, _))| s <= idx[p]) {
                break;
            }
            for act in lex.acts.iter().filter(|a| !a.from_cue && a.pattern.first().is_some_and(|x| x == words[p])) {
                if let Some(len) = match_pattern(&act.pattern, &words[p..]) {
                    let negated = p > 0 && matches!(words[p - 1], "not" | "never" | "no" | "n't") && !act.pattern.iter().any(|x| x == "not");
                    if negated {
                        continue;
                    }
                    let cand = (act, (idx[p], idx[p + len - 1] + 1));
                    let longer = best.is_none_or(|(b, _)| b.pattern.len() < act.pattern.len());
                    if best.is_none() || longer {
                        best = Some(cand);
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
    }
    best
}

/// The actor an act is aimed at: first non-place mention after the trigger (inside the
/// quote), or right after the cue, or right after the quote; never the speaker itself.
fn find_target(ctx: &Ctx, f: &Found, trigger: (usize, usize), speaker: &ActorRef) -> Option<(ActorRef, Span)> {
    let ok = |k: usize| -> Option<(ActorRef, Span)> {
        let m = ctx.mention(k)?;
        let a = m.actor.as_ref()?;
        if m.is_place || a.key.is_empty() || a.key == speaker.key || m.rule_is_pronoun() {
            return None;
        }
        Some((a.clone(), m.span))
    };
    let n = ctx.toks.len();
    let windows = [(trigger.1, (trigger.1 + 8).min(n)), (f.after, (f.after + 6).min(n))];
    for (a, b) in windows {
        let unit = ctx.unit_of.get(a).copied();
        for k in a..b {
            if ctx.unit_of.get(k).copied() != unit || matches!(ctx.w(k), "." | ";" | "!" | "?") {
                break;
            }
            if let Some(t) = ok(k) {
                return Some(t);
            }
        }
    }
    None
}

/// Sets `speech_act` on quotes and pushes one event per act with a speaker into `events`
/// (ids continue from `events.len()`).
pub fn apply(ctx: &Ctx, found: &mut [Found], events: &mut Vec<Event>, base: usize) {
    let ont = Ontology::get();
    for f in found.iter_mut() {
        let Some((act, trig)) = find_act(ctx, f) else { continue };
        f.quote.speech_act = Some(act.event_type.clone());
        let Some(speaker) = f.quote.speaker.clone() else { continue };
        if speaker.key.is_empty() || !ont.is_type(&act.event_type) {
            continue;
        }
        let mode = act.mode.clone().filter(|m| ont.is_mode(&act.event_type, m));
        let row = ont.cameo_for(&act.event_type, mode.as_deref());
        let cameo = row.map(|r| r.cameo.clone());
        let target = find_target(ctx, f, trig, &speaker);
        let trigger = Span::new(ctx.toks[trig.0].span.start, ctx.toks[trig.1 - 1].span.end);
        let sentence = f.quote.sentence;
        let id = format!("e{}", base + events.len());
        f.quote.events.push(id.clone());
        events.push(Event {
            id,
            event_type: act.event_type.clone(),
            mode: mode.clone(),
            context: row.map(|r| r.contexts.clone()).unwrap_or_default(),
            score: ont.score(&act.event_type, mode.as_deref()),
            goldstein: cameo.as_deref().and_then(|c| ont.goldstein(c)),
            cameo,
            quad: ont.quad(&act.event_type),
            modality: Modality::Asserted,
            modality_cue: None,
            source_spans: vec![f.quote.speaker_span.unwrap_or(f.quote.spans[0])],
            source: vec![speaker],
            target_spans: target.iter().map(|t| t.1).collect(),
            target: target.into_iter().map(|t| t.0).collect(),
            trigger,
            evidence: ctx.evidence(sentence, f.first_tok),
            sentence,
            date: None,
            place: None,
            rule: format!("quote-act:{}", act.entry),
            confidence: f.quote.confidence * 0.8,
            quote: Some(f.quote.id.clone()),
        });
    }
}
