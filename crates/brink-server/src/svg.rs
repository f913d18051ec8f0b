//! Server-side SVG: the actor network, escalation lines, the conflict/cooperation balance.
//! Every string from the data is escaped here; links are built only from percent-encoded keys.

use std::collections::HashMap;
use std::fmt::Write;

use brink_store::{Alert, Dyad, SeriesRow};
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
    let k = (area / n as f64).sqrt() * 0.9;
    // one attraction per pair of nodes (an event line and relation curves on one pair pull once)
    let mut pairs: HashMap<(usize, usize), f64> = HashMap::new();
    for &(a, b, wt) in edges {
        if a != b {
            let e = pairs.entry((a.min(b), a.max(b))).or_insert(0.0);
            *e = e.max(wt);
        }
    }
    let mut edges: Vec<(usize, usize, f64)> = pairs.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    edges.sort_by_key(|e| (e.0, e.1));
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
        for &(a, b, wt) in &edges {
            let dx = pos[a].0 - pos[b].0;
            let dy = pos[a].1 - pos[b].1;
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d * d / k * (1.0 + 0.25 * wt.ln_1p()) * 0.5;
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
    // Fit into the box with a margin (room for labels).
    let (mx, my) = (70.0, 45.0);
    let (minx, maxx) = pos.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (miny, maxy) = pos.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let sx = if maxx - minx > 1.0 { (w - 2.0 * mx) / (maxx - minx) } else { 0.0 };
    let sy = if maxy - miny > 1.0 { (h - 2.0 * my) / (maxy - miny) } else { 0.0 };
    pos.iter()
        .map(|p| (if sx > 0.0 { mx + (p.0 - minx) * sx } else { w / 2.0 }, if sy > 0.0 { my + (p.1 - miny) * sy } else { h / 2.0 }))
        .collect()
}

/// A relation edge of the network: typed, with a link to its evidence.
pub struct RelEdge {
    pub from: String,
    pub to: String,
    /// ally, adversary, patron, mediator.
    pub rel_type: String,
    /// Where the edge links to (the relation with its evidence).
    pub href: String,
    /// Tooltip: who, what, and the first evidence sentence.
    pub title: String,
}

/// Colour and dash of a relation type.
pub fn rel_style(t: &str) -> (&'static str, &'static str) {
    match t {
        "ally" => ("#1f6fb2", ""),
        "adversary" => ("#8e1b3e", "7 4"),
        "patron" => ("#6c3483", ""),
        _ => ("#c77c02", "2 4"),
    }
}

/// An axis-aligned box for label placement.
#[derive(Clone, Copy)]
struct Bx {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Bx {
    fn text(cx: f64, baseline: f64, text: &str, size: f64) -> Bx {
        let w = text.chars().count() as f64 * size * 0.58 + 4.0;
        Bx { x0: cx - w / 2.0, y0: baseline - size, x1: cx + w / 2.0, y1: baseline + size * 0.3 }
    }
    fn overlaps(&self, o: &Bx) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn inside(&self, w: f64, h: f64) -> bool {
        self.x0 >= 2.0 && self.y0 >= 2.0 && self.x1 <= w - 2.0 && self.y1 <= h - 2.0
    }
}

/// The actor network: nodes sized by activity; event edges coloured by mean tone (conflict
/// red, cooperation green), width by number of acts; relation edges (ally, adversary,
/// patron, mediator) as curves in the type's colour, labelled where a label fits, each a link
/// to its evidence. Labels never overlap one another or the nodes: one that cannot be placed
/// is left out (the edge keeps its tooltip).
pub fn network(nodes: &[Node], dyads: &[Dyad], relations: &[RelEdge]) -> String {
    let (w, h) = (760.0, 560.0);
    let legend_h = 52.0;
    let mut s = String::new();
    let _ = write!(s, r#"<svg class="network" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Actor network">"#);
    let _ = write!(s, r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#fbfbfd"/>"##);
    if nodes.is_empty() {
        let _ = write!(s, r##"<text x="{}" y="{}" text-anchor="middle" fill="#666" font-size="16">No events between named actors yet.</text></svg>"##, w / 2.0, h / 2.0);
        return s;
    }
    // arrowheads for patron edges
    let _ = write!(
        s,
        r##"<defs><marker id="arrow-patron" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker></defs>"##,
        rel_style("patron").0
    );
    let idx: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.key.as_str(), i)).collect();
    let edges: Vec<(usize, usize, &Dyad)> =
        dyads.iter().filter_map(|d| Some((*idx.get(d.a.as_str())?, *idx.get(d.b.as_str())?, d))).collect();
    let rel_edges: Vec<(usize, usize, &RelEdge)> =
        relations.iter().filter_map(|r| Some((*idx.get(r.from.as_str())?, *idx.get(r.to.as_str())?, r))).filter(|(a, b, _)| a != b).collect();
    let mut forces: Vec<(usize, usize, f64)> = edges.iter().map(|(a, b, d)| (*a, *b, d.events as f64)).collect();
    forces.extend(rel_edges.iter().map(|(a, b, _)| (*a, *b, 1.0)));
    let pos = layout(nodes.len(), &forces, w, h - legend_h);
    let max_act = nodes.iter().map(|n| n.activity).max().unwrap_or(1).max(1) as f64;
    let radius: Vec<f64> = nodes.iter().map(|n| 7.0 + 18.0 * (n.activity.max(0) as f64 / max_act).sqrt()).collect();

    // Event edges.
    let max_ev = edges.iter().map(|e| e.2.events).max().unwrap_or(1).max(1) as f64;
    for (a, b, d) in &edges {
        let (p, q) = (pos[*a], pos[*b]);
        let width = 1.5 + 6.0 * (d.events as f64 / max_ev).sqrt();
        let title = format!(
            "{} – {}: {} acts ({} conflict, {} cooperation; {} reports), mean tone {:.1}",
            d.a_name, d.b_name, d.events, d.conflict, d.cooperation, d.reports, d.mean_tone
        );
        let _ = write!(
            s,
            r#"<a class="dyad" href="/dyads/{}/{}"><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}" stroke-opacity="0.75" stroke-linecap="round"><title>{}</title></line></a>"#,
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
    }

    // Relation edges: quadratic curves, bent further for each relation on the same pair.
    let mut per_pair: HashMap<(usize, usize), usize> = HashMap::new();
    let mut label_jobs: Vec<(usize, [(f64, f64); 3])> = Vec::new();
    for (i, (a, b, r)) in rel_edges.iter().enumerate() {
        let k = per_pair.entry(((*a).min(*b), (*a).max(*b))).or_default();
        let bend = 28.0 + 22.0 * (*k / 2) as f64;
        let side = if k.is_multiple_of(2) { 1.0 } else { -1.0 };
        *k += 1;
        let (p, q) = (pos[*a], pos[*b]);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        // a canonical normal (same for a→b and b→a) so two relations on a pair bend apart
        let sign = if a < b { 1.0 } else { -1.0 };
        let (nx, ny) = (-dy / len * sign * side, dx / len * sign * side);
        let c = ((p.0 + q.0) / 2.0 + nx * bend, (p.1 + q.1) / 2.0 + ny * bend);
        // end the curve at the node's rim (the arrowhead stays visible)
        let trim = |from: (f64, f64), to: (f64, f64), r: f64| {
            let (ex, ey) = (from.0 - to.0, from.1 - to.1);
            let l = (ex * ex + ey * ey).sqrt().max(1.0);
            (to.0 + ex / l * (r + 3.0), to.1 + ey / l * (r + 3.0))
        };
        let p2 = trim(c, p, radius[*a]);
        let q2 = trim(c, q, radius[*b]);
        let (color, dash) = rel_style(&r.rel_type);
        let dash = if dash.is_empty() { String::new() } else { format!(r#" stroke-dasharray="{dash}""#) };
        let marker = if r.rel_type == "patron" { r#" marker-end="url(#arrow-patron)""# } else { "" };
        let _ = write!(
            s,
            r#"<a class="relation rel-{t}" href="{href}"><path d="M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}" fill="none" stroke="{color}" stroke-width="2.6" stroke-opacity="0.95"{dash}{marker}><title>{title}</title></path></a>"#,
            p2.0,
            p2.1,
            c.0,
            c.1,
            q2.0,
            q2.1,
            t = esc(&r.rel_type),
            href = esc(&r.href),
            title = esc(&r.title)
        );
        label_jobs.push((i, [p2, c, q2]));
    }

    // Nodes.
    let mut taken: Vec<Bx> = Vec::new();
    for (i, _) in nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let r = radius[i];
        taken.push(Bx { x0: x - r, y0: y - r, x1: x + r, y1: y + r });
    }
    let mut node_labels: Vec<(f64, f64, &'static str)> = Vec::with_capacity(nodes.len());
    for (i, n) in nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let r = radius[i];
        let label = short(&n.key, 18);
        let tries = [(x, y + r + 14.0, "middle"), (x, y - r - 6.0, "middle"), (x + r + 4.0, y + 4.0, "start"), (x - r - 4.0, y + 4.0, "end")];
        let bx = |(tx, ty, anchor): (f64, f64, &str)| {
            let b = Bx::text(tx, ty, &label, 13.0);
            let wd = b.x1 - b.x0;
            match anchor {
                "start" => Bx { x0: tx, x1: tx + wd, ..b },
                "end" => Bx { x0: tx - wd, x1: tx, ..b },
                _ => b,
            }
        };
        let pick = tries.iter().copied().find(|t| {
            let b = bx(*t);
            b.inside(w, h - legend_h + 8.0) && !taken.iter().any(|o| o.overlaps(&b))
        });
        let t = pick.unwrap_or(tries[0]);
        taken.push(bx(t));
        node_labels.push(t);
    }
    for (i, n) in nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let (tx, ty, anchor) = node_labels[i];
        let _ = write!(
            s,
            r##"<a href="/actors/{}" class="node"><circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="#2f5d8a" fill-opacity="0.88" stroke="#fff" stroke-width="2"><title>{} ({} acts)</title></circle><text x="{tx:.1}" y="{ty:.1}" text-anchor="{anchor}" font-size="13" font-weight="600" fill="#1b2733" stroke="#fbfbfd" stroke-width="3" paint-order="stroke">{}</text></a>"##,
            enc(&n.key),
            radius[i],
            esc(&n.name),
            n.activity,
            esc(&short(&n.key, 18))
        );
    }

    // Relation labels, where they fit.
    for (i, [p, c, q]) in label_jobs {
        let r = rel_edges[i].2;
        let bez = |t: f64| {
            let u = 1.0 - t;
            (u * u * p.0 + 2.0 * u * t * c.0 + t * t * q.0, u * u * p.1 + 2.0 * u * t * c.1 + t * t * q.1)
        };
        let text = if r.rel_type == "patron" { "patron →".to_string() } else { r.rel_type.clone() };
        let place = [0.5, 0.4, 0.6, 0.3, 0.7].iter().find_map(|t| {
            let (x, y) = bez(*t);
            let b = Bx::text(x, y + 4.0, &text, 11.0);
            (b.inside(w, h - legend_h) && !taken.iter().any(|o| o.overlaps(&b))).then_some((x, y + 4.0, b))
        });
        if let Some((x, y, b)) = place {
            taken.push(b);
            let _ = write!(
                s,
                r##"<a class="relation-label" href="{}"><text x="{x:.1}" y="{y:.1}" text-anchor="middle" font-size="11" font-weight="600" fill="{}" stroke="#fbfbfd" stroke-width="3.5" paint-order="stroke">{}</text></a>"##,
                esc(&r.href),
                rel_style(&r.rel_type).0,
                esc(&text)
            );
        }
    }

    // Legend: tone scale, then relation types.
    let ly = h - legend_h + 20.0;
    let _ = write!(s, r##"<line x1="0" y1="{}" x2="{w}" y2="{}" stroke="#e3e8ee"/>"##, h - legend_h + 2.0, h - legend_h + 2.0);
    let _ = write!(s, r##"<text x="12" y="{ly}" font-size="12" fill="#333">conflict</text>"##);
    for i in 0..=10 {
        let tone = -10.0 + i as f64 * 2.0;
        let _ = write!(s, r#"<rect x="{}" y="{}" width="14" height="10" fill="{}"/>"#, 66 + i * 14, ly - 10.0, tone_color(tone));
    }
    let _ = write!(s, r##"<text x="{}" y="{ly}" font-size="12" fill="#333">cooperation (events) · width: acts · size: activity</text>"##, 66 + 11 * 14 + 6);
    let ly2 = ly + 22.0;
    let _ = write!(s, r##"<text x="12" y="{ly2}" font-size="12" fill="#333">relations:</text>"##);
    let mut x = 80.0;
    for t in ["ally", "adversary", "patron", "mediator"] {
        let (color, dash) = rel_style(t);
        let dash = if dash.is_empty() { String::new() } else { format!(r#" stroke-dasharray="{dash}""#) };
        let marker = if t == "patron" { r#" marker-end="url(#arrow-patron)""# } else { "" };
        let _ = write!(s, r#"<line x1="{x}" y1="{}" x2="{}" y2="{}" stroke="{color}" stroke-width="2.6"{dash}{marker}/>"#, ly2 - 4.0, x + 30.0, ly2 - 4.0);
        let label = if t == "patron" { "patron (backs →)" } else { t };
        let _ = write!(s, r##"<text x="{}" y="{ly2}" font-size="12" fill="#333">{label}</text>"##, x + 36.0);
        x += 36.0 + label.len() as f64 * 7.0 + 22.0;
    }
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

/// One line of the trend chart.
pub struct Trend<'a> {
    pub label: String,
    pub href: String,
    pub rows: &'a [SeriesRow],
    pub alerts: &'a [Alert],
}

/// Dates shown: from a week before the first active day of any series to the last row.
fn chart_days<'a>(rows: impl Iterator<Item = &'a SeriesRow> + Clone) -> Option<(NaiveDate, NaiveDate)> {
    let first_active = rows.clone().filter(|r| r.events > 0).map(|r| r.date).min()?;
    let first = rows.clone().map(|r| r.date).min()?;
    let last = rows.map(|r| r.date).max()?;
    Some(((first_active - chrono::Duration::days(7)).max(first), last))
}

struct Frame {
    d0: NaiveDate,
    span: f64,
    lo: f64,
    hi: f64,
    l: f64,
    r: f64,
    t: f64,
    b: f64,
    w: f64,
    h: f64,
}

impl Frame {
    /// Half a day's width inside each end, so the first and last days' bars stay in the plot.
    fn pad(&self) -> f64 {
        ((self.w - self.l - self.r) / (self.span + 1.0) / 2.0).min(14.0)
    }
    fn x(&self, d: NaiveDate) -> f64 {
        let pad = self.pad();
        self.l + pad + (d - self.d0).num_days() as f64 / self.span * (self.w - self.l - self.r - 2.0 * pad)
    }
    fn y(&self, v: f64) -> f64 {
        self.t + (self.hi - v) / (self.hi - self.lo) * (self.h - self.t - self.b)
    }
    /// Axes, zero line, value and date ticks.
    fn axes(&self, s: &mut String, d1: NaiveDate, y_label: &str) {
        let (l, t, h, b, w, r) = (self.l, self.t, self.h, self.b, self.w, self.r);
        let _ = write!(s, r##"<line x1="{l}" y1="{t}" x2="{l}" y2="{}" stroke="#999"/>"##, h - b);
        let _ = write!(s, r##"<line x1="{l}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="#999"/>"##, h - b, w - r, h - b);
        let _ = write!(s, r##"<line x1="{l}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="#bbb" stroke-dasharray="4 3"/>"##, self.y(0.0), w - r, self.y(0.0));
        let mut ticks = vec![self.lo, 0.0, self.hi];
        ticks.dedup_by(|a, b| (*a - *b).abs() < (self.hi - self.lo) * 0.08);
        for v in ticks {
            let _ = write!(s, r##"<text x="{}" y="{:.1}" font-size="11" fill="#555" text-anchor="end">{:.1}</text>"##, l - 6.0, self.y(v) + 4.0, v);
        }
        // Date ticks: the last and first day, then evenly spaced days where a label fits.
        let days = (d1 - self.d0).num_days().max(0);
        let label_w = 64.0;
        let mut placed: Vec<(f64, f64)> = Vec::new();
        let mut candidates: Vec<i64> = vec![days, 0];
        let n = ((w - l - r) / (label_w + 24.0)).floor().max(1.0) as i64;
        candidates.extend((1..n).map(|i| days * i / n));
        for off in candidates {
            let d = self.d0 + chrono::Duration::days(off);
            let x = self.x(d);
            let (anchor, x0, x1) = if off == days && days > 0 {
                ("end", x - label_w + 8.0, x + 8.0)
            } else if off == 0 {
                ("start", x - 8.0, x + label_w - 8.0)
            } else {
                ("middle", x - label_w / 2.0, x + label_w / 2.0)
            };
            if placed.iter().any(|(a, b)| x0 < b + 10.0 && *a < x1 + 10.0) {
                continue;
            }
            placed.push((x0, x1));
            let tx = match anchor {
                "end" => x + 8.0,
                "start" => x - 8.0,
                _ => x,
            };
            let _ = write!(s, r##"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" stroke="#999"/>"##, h - b, h - b + 4.0);
            let _ = write!(s, r##"<text x="{tx:.1}" y="{}" font-size="11" fill="#555" text-anchor="{anchor}">{d}</text>"##, h - b + 16.0);
        }
        let mid = (t + h - b) / 2.0;
        let _ = write!(s, r##"<text x="12" y="{mid:.1}" font-size="11" fill="#555" text-anchor="middle" transform="rotate(-90 12 {mid:.1})">{}</text>"##, esc(y_label));
    }
}

fn frame(w: f64, h: f64, d0: NaiveDate, d1: NaiveDate, vals: impl Iterator<Item = f64>, b: f64) -> Frame {
    let (mut lo, mut hi) = vals.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    if hi - lo < 1.0 {
        hi += 0.5;
        lo -= 0.5;
    }
    let pad = (hi - lo) * 0.08;
    Frame { d0, span: ((d1 - d0).num_days() as f64).max(1.0), lo: lo - if lo < 0.0 { pad } else { 0.0 }, hi: hi + if hi > 0.0 { pad } else { 0.0 }, l: 58.0, r: 20.0, t: 26.0, b, w, h }
}

fn no_data(s: &mut String, w: f64, h: f64, msg: &str) {
    let _ = write!(s, r##"<text x="{}" y="{}" text-anchor="middle" fill="#666" font-size="15">{}</text></svg>"##, w / 2.0, h / 2.0, esc(msg));
}

/// Alert markers: a downward triangle above the plot at the alert's date, with its detail.
fn alert_marks(s: &mut String, f: &Frame, alerts: &[Alert], color: &str, d1: NaiveDate) {
    for a in alerts.iter().filter(|a| a.date >= f.d0 && a.date <= d1) {
        let x = f.x(a.date);
        let y = f.t - 14.0;
        let fill = if a.kind == "drop" { "#c0392b" } else { color };
        let _ = write!(
            s,
            r##"<g class="alert alert-{}"><line x1="{x:.1}" y1="{y:.1}" x2="{x:.1}" y2="{:.1}" stroke="{fill}" stroke-opacity="0.5" stroke-dasharray="3 3"/><path d="M{:.1},{:.1} L{:.1},{:.1} L{x:.1},{:.1} z" fill="{fill}" stroke="#fff"><title>{}: {} ({})</title></path></g>"##,
            esc(&a.kind),
            f.h - f.b,
            x - 6.0,
            y,
            x + 6.0,
            y,
            y + 10.0,
            a.date,
            esc(&a.detail),
            esc(&a.kind.replace('_', " "))
        );
    }
}

/// The 7-day escalation index of several pairs over time (overview), with their alerts.
pub fn trend_chart(series: &[Trend]) -> String {
    let (w, h) = (760.0, 320.0);
    let legend_rows = series.len().div_ceil(2) as f64;
    let b = 40.0 + 20.0 * legend_rows;
    let mut s = String::new();
    let _ = write!(s, r#"<svg class="chart trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Escalation of the most active pairs">"#);
    let _ = write!(s, r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#fbfbfd"/>"##);
    let Some((d0, d1)) = chart_days(series.iter().flat_map(|x| x.rows.iter())) else {
        no_data(&mut s, w, h, "No dated asserted events between named actors yet.");
        return s;
    };
    let shown = |r: &&SeriesRow| r.date >= d0 && r.date <= d1;
    let f = frame(w, h, d0, d1, series.iter().flat_map(|x| x.rows.iter().filter(shown).map(|r| r.index_7d as f64)), b);
    f.axes(&mut s, d1, "7-day index");
    for (i, se) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let pts: Vec<String> = se.rows.iter().filter(shown).map(|r| format!("{:.1},{:.1}", f.x(r.date), f.y(r.index_7d as f64))).collect();
        if pts.len() > 1 {
            let _ = write!(s, r#"<polyline class="series" points="{}" fill="none" stroke="{color}" stroke-width="2.4" stroke-linejoin="round"/>"#, pts.join(" "));
        }
        for r in se.rows.iter().filter(shown).filter(|r| r.events > 0) {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{color}"><title>{}: {} — {} acts (Q1–Q4 {}/{}/{}/{}), {} reporting documents, index {:.2}, 7-day {:.2}, 30-day {:.2}</title></circle>"#,
                f.x(r.date),
                f.y(r.index_7d as f64),
                esc(&se.label),
                r.date,
                r.events,
                r.quad[0],
                r.quad[1],
                r.quad[2],
                r.quad[3],
                r.articles,
                r.index,
                r.index_7d,
                r.index_30d
            );
        }
        alert_marks(&mut s, &f, se.alerts, color, d1);
        let lx = f.l + (i % 2) as f64 * 340.0;
        let ly = h - b + 40.0 + (i / 2) as f64 * 20.0;
        let _ = write!(
            s,
            r##"<a href="{}"><rect x="{lx}" y="{}" width="12" height="12" fill="{color}"/><text x="{}" y="{}" font-size="12" fill="#222">{}</text></a>"##,
            esc(&se.href),
            ly - 10.0,
            lx + 16.0,
            ly,
            esc(&short(&se.label, 44))
        );
    }
    s.push_str("</svg>");
    s
}

/// One pair's escalation: the daily index as bars, its 7- and 30-day means as lines, alerts as markers.
pub fn pair_chart(rows: &[SeriesRow], alerts: &[Alert]) -> String {
    let (w, h) = (760.0, 320.0);
    let b = 62.0;
    let mut s = String::new();
    let _ = write!(s, r#"<svg class="chart pair" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="Escalation of the pair">"#);
    let _ = write!(s, r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#fbfbfd"/>"##);
    let Some((d0, d1)) = chart_days(rows.iter()) else {
        no_data(&mut s, w, h, "No dated asserted events for this pair yet.");
        return s;
    };
    let shown: Vec<&SeriesRow> = rows.iter().filter(|r| r.date >= d0 && r.date <= d1).collect();
    let f = frame(w, h, d0, d1, shown.iter().flat_map(|r| [r.index as f64, r.index_7d as f64, r.index_30d as f64]), b);
    f.axes(&mut s, d1, "index (score per reporting document)");
    let day_w = ((w - f.l - f.r) / (f.span + 1.0)).clamp(1.0, 26.0);
    for r in shown.iter().filter(|r| r.events > 0) {
        let (x, y0, y1) = (f.x(r.date), f.y(0.0), f.y(r.index as f64));
        let (top, hgt) = if y1 < y0 { (y1, y0 - y1) } else { (y0, y1 - y0) };
        let color = if r.index < 0.0 { "#d98880" } else { "#82c79a" };
        let _ = write!(
            s,
            r#"<rect class="day" x="{:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{color}"><title>{}: {} acts (Q1–Q4 {}/{}/{}/{}), score {:.1}, {} reporting documents, index {:.2}, 7-day {:.2}, 30-day {:.2}</title></rect>"#,
            x - day_w * 0.4,
            day_w * 0.8,
            hgt.max(1.0),
            r.date,
            r.events,
            r.quad[0],
            r.quad[1],
            r.quad[2],
            r.quad[3],
            r.score_sum,
            r.articles,
            r.index,
            r.index_7d,
            r.index_30d
        );
    }
    for (field, color, dash, cls) in [(0, "#1b2733", "", "i7"), (1, "#7f8c8d", r#" stroke-dasharray="6 4""#, "i30")] {
        let pts: Vec<String> = shown
            .iter()
            .map(|r| format!("{:.1},{:.1}", f.x(r.date), f.y(if field == 0 { r.index_7d } else { r.index_30d } as f64)))
            .collect();
        if pts.len() > 1 {
            let _ = write!(s, r#"<polyline class="{cls}" points="{}" fill="none" stroke="{color}" stroke-width="2.2"{dash}/>"#, pts.join(" "));
        }
    }
    alert_marks(&mut s, &f, alerts, "#d68910", d1);
    // legend
    let ly = h - 14.0;
    let _ = write!(s, r##"<rect x="{}" y="{}" width="12" height="10" fill="#d98880"/><text x="{}" y="{ly}" font-size="12" fill="#333">daily index (conflict)</text>"##, f.l, ly - 9.0, f.l + 16.0);
    let _ = write!(s, r##"<rect x="{}" y="{}" width="12" height="10" fill="#82c79a"/><text x="{}" y="{ly}" font-size="12" fill="#333">(cooperation)</text>"##, f.l + 160.0, ly - 9.0, f.l + 176.0);
    let _ = write!(s, r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1b2733" stroke-width="2.2"/><text x="{}" y="{ly}" font-size="12" fill="#333">7-day</text>"##, f.l + 275.0, ly - 4.0, f.l + 300.0, ly - 4.0, f.l + 305.0);
    let _ = write!(s, r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#7f8c8d" stroke-width="2.2" stroke-dasharray="6 4"/><text x="{}" y="{ly}" font-size="12" fill="#333">30-day</text>"##, f.l + 355.0, ly - 4.0, f.l + 380.0, ly - 4.0, f.l + 385.0);
    let _ = write!(s, r##"<path d="M{},{} L{},{} L{},{} z" fill="#c0392b"/><text x="{}" y="{ly}" font-size="12" fill="#333">alert (hover for detail)</text>"##, f.l + 440.0, ly - 10.0, f.l + 452.0, ly - 10.0, f.l + 446.0, ly, f.l + 458.0);
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
            reports: 2,
            a_to_b: 1,
            b_to_a: 1,
            conflict: 2,
            cooperation: 0,
            mean_tone: -8.0,
            first: None,
            last: None,
        };
        let rel = RelEdge { from: "<script>".into(), to: "B".into(), rel_type: "ally".into(), href: "/relations?actor=%3Cscript%3E".into(), title: "<b>x</b>".into() };
        let svg = network(&nodes, &[d], &[rel]);
        assert!(svg.contains("class=\"relation rel-ally\""));
        assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("/actors/%3Cscript%3E"));
    }
}
