//! Templates (embedded, auto-escaped) and text highlighting.

use minijinja::{AutoEscape, Environment};
use serde::Serialize;
use serde_json::Value;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("overview.html", include_str!("templates/overview.html")),
    ("actors.html", include_str!("templates/actors.html")),
    ("actor.html", include_str!("templates/actor.html")),
    ("dyad.html", include_str!("templates/dyad.html")),
    ("events.html", include_str!("templates/events.html")),
    ("relations.html", include_str!("templates/relations.html")),
    ("documents.html", include_str!("templates/documents.html")),
    ("document.html", include_str!("templates/document.html")),
    ("quotes.html", include_str!("templates/quotes.html")),
    ("search.html", include_str!("templates/search.html")),
    ("error.html", include_str!("templates/error.html")),
];

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    // Every template is HTML: escape everything, whatever the name.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // A path segment: everything but unreserved characters percent-encoded ("/" too).
    env.add_filter("pathseg", |s: String| crate::svg::enc(&s));
    for (name, src) in TEMPLATES {
        env.add_template(name, src).unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    env
}

/// A piece of text with the classes of the annotations covering it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Seg {
    pub text: String,
    /// Space-separated CSS classes ("" for plain text).
    pub cls: String,
    /// Actor key to link to, when an actor mention covers the piece.
    pub actor: Option<String>,
    /// Tooltip.
    pub title: Option<String>,
}

/// An annotation: [start, end) in characters of the text being cut.
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub cls: &'static str,
    pub actor: Option<String>,
    pub title: Option<String>,
}

/// Cuts `text` into pieces at every mark boundary (character offsets relative to `text`).
/// Overlapping marks combine their classes; the first mark with an actor gives the link.
pub fn segments(text: &str, marks: &[Mark]) -> Vec<Seg> {
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let n = starts.len() - 1;
    let mut cuts: Vec<usize> = vec![0, n];
    let marks: Vec<&Mark> = marks.iter().filter(|m| m.start < m.end && m.start < n).collect();
    for m in &marks {
        cuts.push(m.start.min(n));
        cuts.push(m.end.min(n));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Seg> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let covering: Vec<&&Mark> = marks.iter().filter(|m| m.start <= a && b <= m.end).collect();
        let mut classes: Vec<&str> = covering.iter().map(|m| m.cls).collect();
        classes.sort_unstable();
        classes.dedup();
        let actor = covering.iter().find_map(|m| m.actor.clone());
        let title = covering.iter().find_map(|m| m.title.clone());
        let piece = &text[starts[a]..starts[b]];
        let cls = classes.join(" ");
        match out.last_mut() {
            Some(last) if last.cls == cls && last.actor == actor && last.title == title => last.text.push_str(piece),
            _ => out.push(Seg { text: piece.to_string(), cls, actor, title }),
        }
    }
    out
}

fn span_of(v: &Value) -> Option<(usize, usize)> {
    Some((v.get("start")?.as_u64()? as usize, v.get("end")?.as_u64()? as usize))
}

/// The evidence sentence of an event record, cut into pieces with the trigger, sources and targets marked.
pub fn evidence_segments(e: &Value) -> Vec<Seg> {
    let text = e["evidence"]["text"].as_str().unwrap_or("");
    let Some((base, _)) = span_of(&e["evidence"]["span"]) else {
        return vec![Seg { text: text.to_string(), cls: String::new(), actor: None, title: None }];
    };
    let mut marks = Vec::new();
    let rel = |(s, t): (usize, usize)| (s.saturating_sub(base), t.saturating_sub(base));
    if let Some(sp) = span_of(&e["trigger"]["span"]) {
        let (s, t) = rel(sp);
        marks.push(Mark { start: s, end: t, cls: "trigger", actor: None, title: e["type"].as_str().map(|x| format!("trigger: {x}")) });
    }
    for (side, cls) in [("source", "src"), ("target", "tgt")] {
        for a in e[side].as_array().into_iter().flatten() {
            if let Some(sp) = span_of(&a["span"]) {
                if sp.0 >= base {
                    let (s, t) = rel(sp);
                    marks.push(Mark { start: s, end: t, cls, actor: a["key"].as_str().map(str::to_string), title: a["name"].as_str().map(|n| format!("{side}: {n}")) });
                }
            }
        }
    }
    segments(text, &marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_the_text_and_combine_overlaps() {
        let t = "Ça «va» bien";
        let segs = segments(
            t,
            &[
                Mark { start: 0, end: 7, cls: "quote", actor: None, title: None },
                Mark { start: 3, end: 6, cls: "actor", actor: Some("X".into()), title: None },
            ],
        );
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, t);
        assert_eq!(segs[0], Seg { text: "Ça ".into(), cls: "quote".into(), actor: None, title: None });
        assert_eq!(segs[1].text, "«va");
        assert_eq!(segs[1].cls, "actor quote");
        assert_eq!(segs[1].actor.as_deref(), Some("X"));
        assert_eq!(segs[3].cls, "");
        // out-of-range marks are clipped, never panic
        let segs = segments("abc", &[Mark { start: 2, end: 99, cls: "x", actor: None, title: None }]);
        assert_eq!(segs.iter().map(|s| s.text.as_str()).collect::<String>(), "abc");
    }
}
