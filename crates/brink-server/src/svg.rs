//! Server-side SVG: the actor network, escalation lines, the conflict/cooperation balance.
//! Every string from the data is escaped here; links are built only from percent-encoded keys.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use brink_store::{Dyad, EscalationPoint};
use chrono::NaiveDate;

/// Escapes text for SVG/XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// Percent-encodes a path segment (everything but unreserved characters).
pub fn enc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            o.push(b as char);
        } else {
            let _ = write!(o, "%{b:02X}");
        }
    }
    o
}

/// Colour of a tone from -10 (conflict, red) through 0 (grey) to +10 (cooperation, green).
pub fn tone_color(tone: f64) -> String {
    let t = (tone / 10.0).clamp(-1.0, 1.0);
    let grey = (150.0, 150.0, 150.0);
    let end = if t < 0.0 { (200.0, 40.0, 40.0) } else { (30.0, 140.0, 70.0) };
    let k = t.abs();
    let mix = |a: f64, b: f64| (a + (b - a) * k).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(grey.0, end.0), mix(grey.1, end.1), mix(grey.2, end.2))
}

pub struct Node {
    pub key: String,
    pub name: String,
    pub activity: i64,
}

/// Fruchterman–Reingold layout, deterministic (nodes start on a circle, fixed iterations).
fn layout(n: usize, edges: &[(usize, usize, f64)], w: f64, h: f64) -> Vec<(f64, f64)> {
    if n == 0 {
        return vec![];
    }
    let area = w * h;
    let k = (area / n as f64).sqrt() * 0.75;
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            (w / 2.0 + (w * 0.35) * a.cos(), h / 2.0 + (h * 0.35) * a.sin())
        })
        .collect();
    let iterations = 300;
    let mut temp = w / 8.0;
    for _ in 0..iterations {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let dx = pos[i].0 - pos[j].0;
                let dy = pos[i].1 - pos[j].1;
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for &(a, b, wt) in edges {
            let dx = pos[a].0 - pos[b].0;
            let dy = pos[a].1 - pos[b].1;
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d * d / k * (1.0 + wt.ln_1p()) * 0.5;
            disp[a].0 -= dx / d * f;
            disp[a].1 -= dy / d * f;
            disp[b].0 += dx / d * f;
            disp[b].1 += dy / d * f;
        }
        for i in 0..n {
            // gentle pull to the centre keeps unconnected parts on screen
            disp[i].0 += (w / 2.0 - pos[i].0) * 0.02 * k / 10.0;
            disp[i].1 += (h / 2.0 - pos[i].1) * 0.02 * k / 10.0;
            let d = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt().max(0.01);
            pos[i].0 += disp[i].0 / d * d.min(temp);
            pos[i].1 += disp[i].1 / d * d.min(temp);
        }
        temp = (temp * 0.97).max(1.0);
    }
    // Fit into the box with a margin.
    let margin = 50.0;
    let (minx, maxx) = pos.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (miny, maxy) = pos.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let sx = if maxx - minx > 1.0 { (w - 2.0 * margin) / (maxx - minx) } else { 0.0 };
    let sy = if maxy - miny > 1.0 { (h - 2.0 * margin) / (maxy - miny) } else { 0.0 };
    pos.iter()
        .map(|p| (if sx > 0.0 { margin + (p.0 - minx) * sx } else { w / 2.0 }, if sy > 0.0 { margin + (p.1 - miny) * sy } else { h / 2.0 }))
        .collect()
}

/// The actor network: nodes sized by activity, edges coloured by mean tone (conflict red,
/// cooperation green), width by number of events, dashed with a label where a relation is known.
pub fn network(nodes: &[Node], dyads: &[Dyad], relations: &BTreeMap<(String, String), Vec<String>>) -> String {
    let (w, h) = (760.0, 520.0);
    let mut s = String::new();
    let _ = write!(s, r#"<svg class="network" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Actor network">"#);
    let _ = write!(s, r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#fbfbfd"/>"##);
    if nodes.is_empty() {
        let _ = write!(s, r##"<text x="{}" y="{}" text-anchor="middle" fill="#666" font-size="16">No events between named actors yet.</text></svg>"##, w / 2.0, h / 2.0);
        return s;
    }
    let idx: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.key.as_str(), i)).collect();
    let edges: Vec<(usize, usize, &Dyad)> =
        dyads.iter().filter_map(|d| Some((*idx.get(d.a.as_str())?, *idx.get(d.b.as_str())?, d))).collect();
    let pos = layout(nodes.len(), &edges.iter().map(|(a, b, d)| (*a, *b, d.events as f64)).collect::<Vec<_>>(), w, h - 30.0);
    let max_ev = edges.iter().map(|e| e.2.events).max().unwrap_or(1).max(1) as f64;
    for (a, b, d) in &edges {
        let (p, q) = (pos[*a], pos[*b]);
        let width = 1.5 + 6.0 * (d.events as f64 / max_ev).sqrt();
        let rel = relations.get(&(d.a.clone(), d.b.clone()));
        let dash = if rel.is_some() { r#" stroke-dasharray="8 4""# } else { "" };
        let title = format!(
            "{} – {}: {} events ({} conflict, {} cooperation), mean tone {:.1}{}",
            d.a_name,
            d.b_name,
            d.events,
            d.conflict,
            d.cooperation,
            d.mean_tone,
            rel.map(|r| format!("; relation: {}", r.join(", "))).unwrap_or_default()
        );
        let _ = write!(
            s,
            r#"<a href="/dyads/{}/{}"><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}" stroke-opacity="0.8" stroke-linecap="round"{dash}><title>{}</title></line></a>"#,
            enc(&d.a),
            enc(&d.b),
            p.0,
            p.1,
            q.0,
            q.1,
            tone_color(d.mean_tone),
            width,
            esc(&title)
        );
        if let Some(r) = rel {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#444" text-anchor="middle" font-style="italic">{}</text>"##,
                (p.0 + q.0) / 2.0,
                (p.1 + q.1) / 2.0 - 4.0,
                esc(&r.join(", "))
            );
        }
    }
    let max_act = nodes.iter().map(|n| n.activity).max().unwrap_or(1).max(1) as f64;
    for (i, n) in nodes.iter().enumerate() {
        let r = 7.0 + 18.0 * (n.activity as f64 / max_act).sqrt();
        let (x, y) = pos[i];
        let _ = write!(
            s,
            r##"<a href="/actors/{}" class="node"><circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="#2f5d8a" fill-opacity="0.85" stroke="#fff" stroke-width="2"><title>{} ({} events)</title></circle><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="13" font-weight="600" fill="#1b2733">{}</text></a>"##,
            enc(&n.key),
            esc(&n.name),
            n.activity,
            y + r + 14.0,
            esc(&short(&n.key, 18))
        );
    }
    // Legend.
    let ly = h - 18.0;
    let _ = write!(s, r##"<text x="12" y="{ly}" font-size="12" fill="#333">conflict</text>"##);
    for i in 0..=10 {
        let tone = -10.0 + i as f64 * 2.0;
        let _ = write!(s, r#"<rect x="{}" y="{}" width="14" height="10" fill="{}"/>"#, 66 + i * 14, ly - 10.0, tone_color(tone));
    }
    let _ = write!(s, r##"<text x="{}" y="{ly}" font-size="12" fill="#333">cooperation · dashed: stated relation · size: activity</text>"##, 66 + 11 * 14 + 6);
    s.push_str("</svg>");
    s
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

pub const PALETTE: &[&str] = &["#c0392b", "#2f5d8a", "#d68910", "#7d3c98", "#148f77", "#5d6d7e"];

pub struct Series<'a> {
    pub label: String,
    pub href: String,
    pub points: &'a [EscalationPoint],
}

/// Escalation index over time, one line per pair.
pub fn escalation_chart(series: &[Series]) -> String {
    let (w, h) = (760.0, 300.0);
    let (l, r, t, b) = (50.0, 20.0, 20.0, 70.0);
    let mut s = String::new();
    let _ = write!(s, r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Escalation over time">"#);
    let _ = write!(s, r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#fbfbfd"/>"##);
    let dates: Vec<NaiveDate> =
        series.iter().flat_map(|x| x.points.iter()).filter_map(|p| NaiveDate::parse_from_str(&p.date, "%Y-%m-%d").ok()).collect();
    if dates.is_empty() {
        let _ = write!(s, r##"<text x="{}" y="{}" text-anchor="middle" fill="#666" font-size="15">No dated events for this pair yet.</text></svg>"##, w / 2.0, h / 2.0);
        return s;
    }
    let d0 = *dates.iter().min().unwrap();
    let d1 = *dates.iter().max().unwrap();
    let span = ((d1 - d0).num_days() as f64).max(1.0);
    let vals = series.iter().flat_map(|x| x.points.iter().map(|p| p.index));
    let (mut lo, mut hi) = vals.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    if hi - lo < 1.0 {
        hi += 1.0;
        lo -= 1.0;
    }
    let x = |d: NaiveDate| l + (d - d0).num_days() as f64 / span * (w - l - r);
    let y = |v: f64| t + (hi - v) / (hi - lo) * (h - t - b);
    // Axes and zero line.
    let _ = write!(s, r##"<line x1="{l}" y1="{t}" x2="{l}" y2="{}" stroke="#999"/>"##, h - b);
    let _ = write!(s, r##"<line x1="{l}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="#bbb" stroke-dasharray="4 3"/>"##, y(0.0), w - r, y(0.0));
    for v in [lo, 0.0, hi] {
        let _ = write!(s, r##"<text x="{}" y="{:.1}" font-size="11" fill="#555" text-anchor="end">{:.0}</text>"##, l - 6.0, y(v) + 4.0, v);
    }
    let _ = write!(s, r##"<text x="{l}" y="{}" font-size="11" fill="#555">{}</text>"##, h - b + 16.0, d0);
    if d1 != d0 {
        let _ = write!(s, r##"<text x="{}" y="{}" font-size="11" fill="#555" text-anchor="end">{}</text>"##, w - r, h - b + 16.0, d1);
    }
    let _ = write!(s, r##"<text x="{}" y="{}" font-size="11" fill="#555" transform="rotate(-90 12 {})">escalation</text>"##, 12, (t + h - b) / 2.0 + 30.0, (t + h - b) / 2.0 + 30.0);
    for (i, se) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let pts: Vec<(f64, f64, &EscalationPoint)> = se
            .points
            .iter()
            .filter_map(|p| Some((x(NaiveDate::parse_from_str(&p.date, "%Y-%m-%d").ok()?), y(p.index), p)))
            .collect();
        if pts.len() > 1 {
            let path: Vec<String> = pts.iter().map(|(a, b, _)| format!("{a:.1},{b:.1}")).collect();
            let _ = write!(s, r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2.5"/>"#, path.join(" "));
        }
        for (a, b, p) in &pts {
            let _ = write!(
                s,
                r#"<circle cx="{a:.1}" cy="{b:.1}" r="4" fill="{color}"><title>{}: {} {} events, conflict {:.1}, cooperation {:.1}, index {:.1}</title></circle>"#,
                esc(&se.label),
                esc(&p.date),
                p.events,
                p.conflict,
                p.cooperation,
                p.index
            );
        }
        let lx = l + (i % 3) as f64 * 230.0;
        let ly = h - 30.0 + (i / 3) as f64 * 18.0;
        let _ = write!(
            s,
            r##"<a href="{}"><rect x="{lx}" y="{}" width="12" height="12" fill="{color}"/><text x="{}" y="{}" font-size="12" fill="#222">{}</text></a>"##,
            esc(&se.href),
            ly - 10.0,
            lx + 16.0,
            ly,
            esc(&short(&se.label, 32))
        );
    }
    s.push_str("</svg>");
    s
}

/// A horizontal bar: share of conflict and cooperation events.
pub fn balance_bar(conflict: i64, cooperation: i64) -> String {
    let (w, h) = (760.0, 46.0);
    let total = (conflict + cooperation).max(1) as f64;
    let cw = (w - 2.0) * conflict as f64 / total;
    let mut s = String::new();
    let _ = write!(s, r#"<svg class="balance" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Conflict and cooperation">"#);
    let _ = write!(s, r##"<rect x="1" y="1" width="{}" height="26" fill="#eee"/>"##, w - 2.0);
    if conflict + cooperation > 0 {
        let _ = write!(s, r##"<rect x="1" y="1" width="{cw:.1}" height="26" fill="#c0392b"/>"##);
        let _ = write!(s, r##"<rect x="{:.1}" y="1" width="{:.1}" height="26" fill="#1e8c46"/>"##, 1.0 + cw, w - 2.0 - cw);
    }
    let _ = write!(s, r##"<text x="4" y="42" font-size="12" fill="#333">conflict: {conflict}</text>"##);
    let _ = write!(s, r##"<text x="{}" y="42" font-size="12" fill="#333" text-anchor="end">cooperation: {cooperation}</text>"##, w - 4.0);
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_encoding() {
        assert_eq!(esc("<a href=\"x\">'&"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
        assert_eq!(enc("learned:Abu <x>/y"), "learned%3AAbu%20%3Cx%3E%2Fy");
        assert_eq!(tone_color(-10.0), "#c82828");
        assert_eq!(tone_color(0.0), "#969696");
    }

    #[test]
    fn network_escapes_names() {
        let nodes = vec![
            Node { key: "<script>".into(), name: "<script>alert(1)</script>".into(), activity: 3 },
            Node { key: "B".into(), name: "B".into(), activity: 1 },
        ];
        let d = Dyad {
            a: "<script>".into(),
            b: "B".into(),
            a_name: "<script>".into(),
            b_name: "B".into(),
            events: 2,
            a_to_b: 1,
            b_to_a: 1,
            conflict: 2,
            cooperation: 0,
            mean_tone: -8.0,
            first: None,
            last: None,
        };
        let svg = network(&nodes, &[d], &BTreeMap::new());
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("/actors/%3Cscript%3E"));
    }
}
