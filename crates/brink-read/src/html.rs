//! HTML articles: metadata from meta tags and JSON-LD, and the article body found by
//! scoring containers on paragraph text (readability-style, much smaller).
//!
//! The body is rendered to plain text with block elements separated by blank lines, so
//! paragraphs, headings and list items never fuse into one sentence.

use std::collections::HashMap;

use brink_core::DateOrigin;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::OnceLock;

use crate::datestr::parse_date;
use crate::plain::Meta;

/// Does this text look like an HTML document (for inputs without an .html extension)?
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let head: String = t.chars().take(15).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<!--") && text.contains("<html")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("*").expect("the universal selector parses"))
}

struct Sels {
    og_title: Selector,
    h1: Selector,
    title: Selector,
    canonical: Selector,
    og_url: Selector,
    site: Selector,
    date_meta: Selector,
    jsonld: Selector,
    time: Selector,
    body: Selector,
    article_body: Selector,
    article: Selector,
    p: Selector,
}

fn sels() -> &'static Sels {
    static S: OnceLock<Sels> = OnceLock::new();
    S.get_or_init(|| Sels {
        og_title: sel(r#"meta[property="og:title"], meta[name="og:title"], meta[name="twitter:title"]"#),
        h1: sel("h1"),
        title: sel("title"),
        canonical: sel(r#"link[rel="canonical"]"#),
        og_url: sel(r#"meta[property="og:url"]"#),
        site: sel(r#"meta[property="og:site_name"]"#),
        date_meta: sel(
            r#"meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"], meta[name="pubdate"], meta[name="publishdate"], meta[name="publish-date"], meta[name="date"], meta[name="dc.date"], meta[name="DC.date.issued"], meta[name="parsely-pub-date"], meta[name="sailthru.date"], meta[property="og:published_time"]"#,
        ),
        jsonld: sel(r#"script[type="application/ld+json"]"#),
        time: sel("time[datetime]"),
        body: sel("body"),
        article_body: sel(r#"[itemprop="articleBody"]"#),
        article: sel("article, main, [role=\"main\"]"),
        p: sel("p"),
    })
}

/// Class/id words that mark a container as page furniture, whatever else it says.
fn junk_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)comment|share|sharing|social|related|newsletter|subscri|promo|advert|(^|[-_ ])ads?([-_ ]|$)|cookie|popup|modal|sidebar|breadcrumb|outbrain|taboola|sponsor|recommend|more-stories|read-?more|signup|sign-up|sr-only|visually-hidden|screen-reader|skip-link|paywall|trending|most-popular|author-bio|widget")
            .expect("junk regex")
    })
}

/// Weaker furniture words, ignored when the same class also says it holds the article.
fn weak_junk_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)(^|[-_ ])(nav|navbar|menu|footer|header|masthead|banner|tags?|toolbar|meta|byline-social|pagination|pager)([-_ ]|$)")
            .expect("weak junk regex")
    })
}

fn positive_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"(?i)article|story|entry|post-content|body|content|main|text").expect("positive regex"))
}

/// Elements never part of the article text.
fn skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "nav" | "header" | "footer" | "aside" | "form" | "button" | "select"
            | "option" | "iframe" | "svg" | "figure" | "template" | "input" | "textarea" | "label" | "menu"
            | "dialog" | "head" | "object" | "embed" | "canvas" | "video" | "audio" | "picture" | "img" | "map"
    )
}

fn is_junk(el: &ElementRef) -> bool {
    let v = el.value();
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(v.attr("role"), Some("navigation" | "banner" | "contentinfo" | "complementary" | "search" | "menu" | "dialog")) {
        return true;
    }
    let mut cls = String::new();
    if let Some(c) = v.attr("class") {
        cls.push_str(c);
    }
    if let Some(i) = v.attr("id") {
        cls.push(' ');
        cls.push_str(i);
    }
    if cls.is_empty() || cls.len() > 500 {
        return false;
    }
    if junk_re().is_match(&cls) {
        // "comments-count" inside an article header is still junk; an "article-body share-tools" is not.
        return v.attr("itemprop") != Some("articleBody");
    }
    weak_junk_re().is_match(&cls) && !positive_re().is_match(&cls)
}

fn block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "section" | "article" | "main" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "ul" | "ol"
            | "blockquote" | "tr" | "table" | "pre" | "dd" | "dt" | "dl" | "hr" | "address" | "figcaption"
            | "center" | "details" | "summary" | "body" | "td" | "th"
    )
}

/// Plain text built from DOM text nodes: whitespace collapsed, blocks separated.
struct TextOut {
    s: String,
    /// Newlines owed before the next text (1 for <br>, 2 for a block edge).
    pending: u8,
    /// A space is owed before the next word (whitespace seen since the last word).
    space: bool,
}

impl TextOut {
    fn brk(&mut self, n: u8) {
        self.pending = self.pending.max(n);
    }
    fn push(&mut self, t: &str) {
        let mut words = t.split_whitespace().peekable();
        if t.starts_with(char::is_whitespace) {
            self.space = true;
        }
        while let Some(w) = words.next() {
            if !self.s.is_empty() {
                if self.pending > 0 {
                    for _ in 0..self.pending {
                        self.s.push('\n');
                    }
                } else if self.space {
                    self.s.push(' ');
                }
            }
            self.pending = 0;
            self.s.push_str(w);
            self.space = words.peek().is_some();
        }
        if t.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }
}

fn render(el: ElementRef, out: &mut TextOut, depth: usize) {
    if depth > 200 {
        return;
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push(t),
            Node::Element(e) => {
                let name = e.name();
                if name == "br" {
                    out.brk(1);
                    continue;
                }
                if skipped_tag(name) {
                    continue;
                }
                let Some(ce) = ElementRef::wrap(child) else { continue };
                if is_junk(&ce) {
                    continue;
                }
                let block = block_tag(name);
                if block {
                    out.brk(2);
                }
                render(ce, out, depth + 1);
                if block {
                    out.brk(2);
                }
            }
            _ => {}
        }
    }
}

fn visible_text_len(el: ElementRef) -> usize {
    el.text().map(|t| t.trim().len()).sum()
}

/// The element holding the article: itemprop=articleBody, else an <article>/<main> with
/// most of the paragraph text, else the container the paragraphs score highest for.
fn find_body<'a>(doc: &'a Html) -> Option<ElementRef<'a>> {
    let s = sels();
    if let Some(ab) = doc.select(&s.article_body).filter(|e| !is_junk_ancestry(e)).max_by_key(|e| p_text_len(*e)) {
        if p_text_len(ab) >= 140 || visible_text_len(ab) >= 300 {
            return Some(ab);
        }
    }
    // Score: each paragraph's text counts fully for its parent, half for the grandparent.
    // Insertion-ordered, so ties go to the first container in the document (deterministic).
    let mut index = HashMap::new();
    let mut scores: Vec<(f64, ElementRef<'a>)> = Vec::new();
    let mut total = 0f64;
    for p in doc.select(&s.p) {
        if is_junk_ancestry(&p) {
            continue;
        }
        let len = visible_text_len(p) as f64;
        if len < 25.0 {
            continue;
        }
        let links: usize = p
            .descendent_elements()
            .filter(|e| e.value().name() == "a")
            .map(|a| visible_text_len(a))
            .sum();
        let score = len * (1.0 - (links as f64 / len.max(1.0)).min(1.0));
        total += score;
        let mut anc = p.parent().and_then(ElementRef::wrap);
        let mut w = 1.0;
        for _ in 0..2 {
            let Some(a) = anc else { break };
            let k = *index.entry(a.id()).or_insert_with(|| {
                scores.push((0.0, a));
                scores.len() - 1
            });
            scores[k].0 += score * w;
            w *= 0.5;
            anc = a.parent().and_then(ElementRef::wrap);
        }
    }
    let mut best: Option<(f64, ElementRef<'a>)> = None;
    for &(sc, e) in &scores {
        if best.is_none_or(|(b, _)| sc > b) {
            best = Some((sc, e));
        }
    }
    let best = best.map(|x| x.1);
    // An <article>/<main> holding the best container and most of the text is the cleaner cut.
    if let Some(b) = best {
        for a in doc.select(&s.article) {
            if a.descendent_elements().any(|d| d.id() == b.id()) && p_text_len(a) as f64 >= 0.5 * total {
                return Some(if p_text_len(a) as f64 <= total * 1.5 { a } else { b });
            }
        }
        return Some(b);
    }
    doc.select(&s.article).max_by_key(|e| visible_text_len(*e)).or_else(|| doc.select(&s.body).next())
}

fn p_text_len(el: ElementRef) -> usize {
    el.select(&sels().p).map(visible_text_len).sum()
}

fn is_junk_ancestry(el: &ElementRef) -> bool {
    let mut cur = Some(*el);
    let mut depth = 0;
    while let Some(e) = cur {
        if skipped_tag(e.value().name()) || is_junk(&e) {
            return true;
        }
        depth += 1;
        if depth > 200 {
            return false;
        }
        cur = e.parent().and_then(ElementRef::wrap);
    }
    false
}

fn meta_content<'a>(doc: &'a Html, s: &Selector) -> Option<&'a str> {
    doc.select(s).filter_map(|e| e.value().attr("content")).map(str::trim).find(|c| !c.is_empty())
}

fn clean_inline(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `datePublished` anywhere in a JSON-LD value (objects, arrays, @graph).
fn jsonld_date(v: &serde_json::Value, depth: usize) -> Option<String> {
    if depth > 20 {
        return None;
    }
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::String(d)) = m.get("datePublished").or_else(|| m.get("dateCreated")) {
                return Some(d.clone());
            }
            m.values().find_map(|x| jsonld_date(x, depth + 1))
        }
        serde_json::Value::Array(a) => a.iter().find_map(|x| jsonld_date(x, depth + 1)),
        _ => None,
    }
}

/// Extracts metadata and article text from an HTML document.
pub fn extract(html: &str) -> (Meta, String, Vec<String>) {
    let mut warnings = Vec::new();
    let doc = Html::parse_document(html);
    let s = sels();
    let mut meta = Meta { title: None, ..Default::default() };
    meta.title = meta_content(&doc, &s.og_title)
        .map(clean_inline)
        .or_else(|| doc.select(&s.h1).map(|h| clean_inline(&h.text().collect::<String>())).find(|t| !t.is_empty()))
        .or_else(|| doc.select(&s.title).map(|h| clean_inline(&h.text().collect::<String>())).find(|t| !t.is_empty()));
    meta.url = doc
        .select(&s.canonical)
        .filter_map(|e| e.value().attr("href"))
        .map(str::trim)
        .find(|h| !h.is_empty())
        .or_else(|| meta_content(&doc, &s.og_url))
        .map(str::to_string);
    meta.source = meta_content(&doc, &s.site).map(clean_inline);
    let mut date_raw: Option<String> = meta_content(&doc, &s.date_meta).map(str::to_string);
    if date_raw.is_none() {
        for script in doc.select(&s.jsonld) {
            let txt: String = script.text().collect();
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(txt.trim()) {
                if let Some(d) = jsonld_date(&v, 0) {
                    date_raw = Some(d);
                    break;
                }
            }
        }
    }
    if date_raw.is_none() {
        date_raw = doc.select(&s.time).filter_map(|t| t.value().attr("datetime")).map(str::to_string).next();
    }
    if let Some(raw) = date_raw {
        match parse_date(&raw) {
            Some(d) => {
                meta.date = Some(d);
                meta.date_origin = Some(DateOrigin::Html);
            }
            None => warnings.push(format!("HTML publication date not understood: {raw:?}")),
        }
    }
    let mut out = TextOut { s: String::new(), pending: 0, space: false };
    if let Some(body) = find_body(&doc) {
        render(body, &mut out, 0);
    }
    let text = out.s.trim().to_string();
    (meta, text, warnings)
}
