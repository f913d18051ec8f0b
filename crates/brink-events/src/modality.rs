//! Modality: does the text assert the act, negate it, make it conditional, or only plan it?
//!
//! Cues are looked for between the source (or the clause start) and the trigger, plus
//! "if"/"unless" anywhere in the clause. Threats, promises and appeals are speech acts
//! that happen when spoken, so future cues ("will defend") do not make them future.

use brink_core::{Document, Modality};

use crate::cues;
use crate::frames::{Frames, Roles};
use crate::lexicon::{Entry, Hit, PartOfSpeech};

fn speech_act(event_type: &str) -> bool {
    matches!(event_type, "REQUEST" | "THREATEN" | "AGREE" | "REJECT" | "ACCUSE" | "SUPPORT")
}

pub fn classify(doc: &Document, frames: &Frames, entry: &Entry, hit: &Hit, roles: &Roles) -> (Modality, Option<String>) {
    let t = hit.trigger;
    // Window start: after the source when it precedes the trigger, else a few tokens back.
    // A noun's owner sits right before it ("a direct Iran attack"); the cues for the
    // whole noun phrase come before that ("would ... protect Israel against a direct Iran attack").
    let mut lo = if entry.pos == PartOfSpeech::Noun {
        t.saturating_sub(10)
    } else {
        roles.source_end.filter(|&e| e <= t).unwrap_or(t.saturating_sub(6))
    }
    .max(frames.start);
    if t - lo > 14 {
        lo = t - 14;
    }
    let in_pattern = |i: usize| hit.words.contains(&i);
    let norm = |i: usize| doc.tokens[i].norm.as_str();
    // A cue in an earlier clause ("did not seek ... but needed to punish") is not this act's.
    if let Some(b) = (lo..t).rev().find(|&i| cues::MODALITY_BARRIERS.contains(&norm(i))) {
        lo = b + 1;
    }
    let window: Vec<usize> = (lo..t).filter(|&i| !in_pattern(i)).collect();

    let is_neg = |w: &str| cues::NEGATION.contains(&w) || w.ends_with("n't");
    if let Some(&i) = window.iter().find(|&&i| is_neg(norm(i))) {
        // "not only", "no longer" still negate; "not yet" negates.
        return (Modality::Negated, Some(norm(i).to_string()));
    }
    // Threats, promises and appeals happen when spoken; a noun ("a deal", "an invitation")
    // names a state of affairs, so future cues apply to it.
    let spoken = speech_act(&entry.event_type) && entry.pos != PartOfSpeech::Noun;
    // "if"/"unless" before the trigger in its clause, or after it in the same clause
    // ("X would attack if talks fail"). A threat or promise made on a condition is still
    // made ("threatened to use force if diplomacy fails"), and a later coordinated clause
    // ("... and has threatened ... if") does not reach back.
    if let Some(i) = (lo..t).find(|&i| matches!(norm(i), "if" | "unless")) {
        return (Modality::Hypothetical, Some(norm(i).to_string()));
    }
    // A condition that opens the sentence reaches past its comma: "If the council approves,
    // Kenya would send troops".
    if !spoken && matches!(norm(frames.start), "if" | "unless") && !(frames.start..t).any(|i| matches!(norm(i), ";" | ".")) {
        return (Modality::Hypothetical, Some(norm(frames.start).to_string()));
    }
    if !spoken {
        let after = hit.words.last().copied().unwrap_or(t) + 1;
        for i in after..frames.end {
            match norm(i) {
                "if" | "unless" => return (Modality::Hypothetical, Some(norm(i).to_string())),
                "." | ";" | "and" | "but" | "while" | "," => break,
                _ => {}
            }
        }
    }
    // Efforts to mediate are mediation: "seeking to broker talks" is coded as it is reported.
    let mediation = entry.event_type == "CONSULT" && entry.mode.as_deref() == Some("third-party");
    // A noun followed by a modal: "Tehran's attack could be launched".
    if entry.pos == PartOfSpeech::Noun {
        let after = hit.words.last().copied().unwrap_or(t) + 1;
        for i in after..(after + 3).min(frames.end) {
            match norm(i) {
                "could" | "would" | "might" | "may" => return (Modality::Hypothetical, Some(norm(i).to_string())),
                "will" if !spoken => return (Modality::Future, Some("will".into())),
                "." | ";" | "," => break,
                _ => {}
            }
        }
    }
    if let Some(&i) = window.iter().find(|&&i| cues::HYPOTHETICAL.contains(&norm(i))) {
        let w = norm(i);
        if !(spoken && matches!(w, "would" | "could" | "may" | "might")) {
            return (Modality::Hypothetical, Some(w.to_string()));
        }
    }
    // "to + verb": an intended act, unless the governing word makes it a commitment made now
    // ("ready to defend") or says it began ("began to withdraw"). Promises and threats are
    // coded from their own verb ("pledged"), so an infinitive under another verb ("asked
    // partners to supply systems to protect the ports") is not one.
    if entry.pos == PartOfSpeech::Verb && spoken && t > frames.start && norm(t - 1) == "to" {
        let gov = if t >= frames.start + 2 { norm(t - 2) } else { "" };
        if !cues::COMMITMENT.contains(&gov) && !cues::COMPLETIVE.contains(&gov) && entry.event_type == "AGREE" {
            return (Modality::Future, Some(format!("{gov} to")));
        }
    }
    if !spoken && !mediation {
        if let Some(&i) = window.iter().find(|&&i| cues::FUTURE.contains(&norm(i))) {
            return (Modality::Future, Some(norm(i).to_string()));
        }
        // "to" + verb: an intended act ("vowed to retaliate"), unless begun ("began to withdraw").
        if entry.pos == PartOfSpeech::Verb && t > frames.start && cues::BARE_INFINITIVE_GOVERNORS.contains(&norm(t - 1)) {
            return (Modality::Future, Some(norm(t - 1).to_string()));
        }
        if entry.pos == PartOfSpeech::Verb && t > frames.start && norm(t - 1) == "to" {
            let gov = if t >= 2 { norm(t - 2) } else { "" };
            if !cues::COMPLETIVE.contains(&gov) {
                return (Modality::Future, Some(format!("{gov} to")));
            }
        }
    }
    // A ceasefire noun names a goal unless the sentence says one exists.
    if matches!(entry.event_type.as_str(), "RETREAT" | "AGREE" | "CONCEDE") && entry.pos == PartOfSpeech::Noun && entry.frame == crate::lexicon::Frame::Pair {
        let s = &doc.sentences[doc.tokens[t].sentence];
        if !(s.token_start..s.token_end).any(|i| cues::REALIZED.contains(&norm(i))) {
            return (Modality::Future, Some("no realisation".into()));
        }
    }
    (Modality::Asserted, None)
}
