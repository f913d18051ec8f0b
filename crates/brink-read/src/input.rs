//! Walking the inputs: files, directories (recursively, sorted), stdin, gzip;
//! choosing a format per file; turning every failure into a `ReadItem::Failed`.
//!
//! The iterator is lazy: one file is read at a time, and JSONL is streamed line by line,
//! so a directory of thousands of articles or a large JSONL dump never sits in memory whole.

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use brink_core::{DateOrigin, Document};

use crate::decode::{decode, looks_binary};
use crate::plain::{parse_plain, Meta};
use crate::{html, jsonl, ReadItem, ReadOptions};

/// Largest document (or JSONL line) read, in bytes. Larger plain/HTML inputs are
/// truncated at this size with a warning; longer JSONL lines fail.
pub const MAX_DOC_BYTES: usize = 64 << 20;

enum Job {
    Path(PathBuf),
    Stdin,
}

/// The lazy reader behind [`crate::read_paths`].
pub struct Reader {
    queue: VecDeque<Job>,
    opts: ReadOptions,
    jsonl: Option<JsonlStream>,
    pending: VecDeque<ReadItem>,
    seen_dirs: HashSet<PathBuf>,
    max_bytes: usize,
}

impl Reader {
    pub fn new(paths: &[PathBuf], opts: &ReadOptions) -> Self {
        let queue = paths.iter().map(|p| if p.as_os_str() == "-" { Job::Stdin } else { Job::Path(p.clone()) }).collect();
        Reader {
            queue,
            opts: opts.clone(),
            jsonl: None,
            pending: VecDeque::new(),
            seen_dirs: HashSet::new(),
            max_bytes: MAX_DOC_BYTES,
        }
    }

    /// A smaller size limit, for tests.
    pub fn with_max_bytes(mut self, max: usize) -> Self {
        self.max_bytes = max.max(16);
        self
    }
}

impl Iterator for Reader {
    type Item = ReadItem;

    fn next(&mut self) -> Option<ReadItem> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(js) = &mut self.jsonl {
                match js.next_item(&self.opts, self.max_bytes) {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            match self.queue.pop_front()? {
                Job::Stdin => {
                    let mut buf = Vec::new();
                    let res = std::io::stdin().lock().take(self.max_bytes as u64 + 1).read_to_end(&mut buf);
                    if let Err(e) = res {
                        return Some(failed("-", format!("cannot read stdin: {e}")));
                    }
                    self.read_bytes(buf, "-", "stdin", "");
                }
                Job::Path(p) => self.path(&p),
            }
        }
    }
}

fn failed(origin: impl Into<String>, reason: impl Into<String>) -> ReadItem {
    ReadItem::Failed { origin: origin.into(), reason: reason.into() }
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

/// The extension that decides the format: lowercased, after removing ".gz".
fn format_ext(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    Path::new(base).extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default()
}

impl Reader {
    fn path(&mut self, p: &Path) {
        let origin = p.display().to_string();
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.pending.push_back(failed(origin, "no such file"));
                return;
            }
            Err(e) => {
                self.pending.push_back(failed(origin, format!("unreadable: {e}")));
                return;
            }
        };
        if meta.is_dir() {
            self.dir(p);
            return;
        }
        let file = match File::open(p) {
            Ok(f) => f,
            Err(e) => {
                self.pending.push_back(failed(origin, format!("unreadable: {e}")));
                return;
            }
        };
        let name = file_name(p);
        let ext = format_ext(&name);
        let mut br = BufReader::with_capacity(64 * 1024, file);
        let gz = match br.fill_buf() {
            Ok(head) => head.starts_with(&[0x1f, 0x8b]),
            Err(e) => {
                self.pending.push_back(failed(origin, format!("unreadable: {e}")));
                return;
            }
        };
        let reader: Box<dyn Read + Send> =
            if gz { Box::new(flate2::read::MultiGzDecoder::new(br)) } else { Box::new(br) };
        if ext == "jsonl" || ext == "ndjson" {
            self.jsonl = Some(JsonlStream::new(Box::new(BufReader::new(reader)), origin, name));
            return;
        }
        let mut buf = Vec::new();
        if let Err(e) = reader.take(self.max_bytes as u64 + 1).read_to_end(&mut buf) {
            let what = if gz { "gzip data unreadable" } else { "unreadable" };
            self.pending.push_back(failed(origin, format!("{what}: {e}")));
            return;
        }
        self.read_bytes(buf, &origin, &name, &ext);
    }

    fn dir(&mut self, p: &Path) {
        let origin = p.display().to_string();
        if let Ok(canon) = std::fs::canonicalize(p) {
            if !self.seen_dirs.insert(canon) {
                return; // a symlink loop or a directory given twice
            }
        }
        let entries = match std::fs::read_dir(p) {
            Ok(e) => e,
            Err(e) => {
                self.pending.push_back(failed(origin, format!("unreadable directory: {e}")));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        children.sort();
        for c in children.into_iter().rev() {
            self.queue.push_front(Job::Path(c));
        }
    }

    /// A whole file's (or stdin's) bytes: decode, pick the format, build documents.
    fn read_bytes(&mut self, mut buf: Vec<u8>, origin: &str, name: &str, ext: &str) {
        let mut warnings = Vec::new();
        if buf.len() > self.max_bytes {
            let mut cut = self.max_bytes;
            while cut > 0 && (buf[cut] & 0xC0) == 0x80 {
                cut -= 1; // do not cut inside a UTF-8 sequence
            }
            buf.truncate(cut);
            warnings.push(format!("input larger than {} bytes; truncated", self.max_bytes));
        }
        let text = match decode(&buf, &mut warnings) {
            Ok(t) => t,
            Err(e) => {
                self.pending.push_back(failed(origin, e.reason()));
                return;
            }
        };
        drop(buf);
        let is_html = matches!(ext, "html" | "htm" | "xhtml" | "shtml") || html::looks_like_html(&text);
        if is_html {
            let (meta, body, w) = html::extract(&text);
            warnings.extend(w);
            if body.trim().is_empty() {
                self.pending.push_back(failed(origin, "no article text found in HTML"));
                return;
            }
            self.pending.push_back(self.finish(meta, body, name, origin, warnings));
            return;
        }
        let jsonish = !matches!(ext, "txt" | "text" | "md");
        if ext == "json" || (jsonish && jsonl::looks_like_jsonl(&text)) {
            // One JSON document (an article object or an array of them), else one object per line.
            match serde_json::from_str::<serde_json::Value>(text.trim()) {
                Ok(v) => self.json_document(v, origin, name, warnings),
                Err(e) => {
                    if jsonl::looks_like_jsonl(&text) {
                        let mut js = JsonlStream::new(Box::new(Cursor::new(text.into_bytes())), origin.to_string(), name.to_string());
                        js.carry = warnings;
                        self.jsonl = Some(js);
                    } else {
                        self.pending.push_back(failed(origin, format!("invalid JSON: {e}")));
                    }
                }
            }
            return;
        }
        let (meta, body, w) = parse_plain(&text);
        warnings.extend(w);
        if body.is_empty() {
            self.pending.push_back(failed(origin, "empty"));
            return;
        }
        self.pending.push_back(self.finish(meta, body, name, origin, warnings));
    }

    /// A .json file holding one article object, or an array of them.
    fn json_document(&mut self, v: serde_json::Value, origin: &str, name: &str, warnings: Vec<String>) {
        let items: Vec<(String, String, serde_json::Value)> = match v {
            serde_json::Value::Array(a) => a
                .into_iter()
                .enumerate()
                .map(|(i, x)| (format!("{origin}:{}", i + 1), format!("{name}:{}", i + 1), x))
                .collect(),
            other => vec![(origin.to_string(), name.to_string(), other)],
        };
        for (org, fallback, x) in items {
            match jsonl::parse_line(&x.to_string(), &fallback) {
                Ok(mut doc) => {
                    doc.warnings.splice(0..0, warnings.iter().cloned());
                    doc.origin = org;
                    self.default_date(&mut doc);
                    self.pending.push_back(ReadItem::Doc(Box::new(doc)));
                }
                Err(r) => self.pending.push_back(failed(org, r)),
            }
        }
    }

    fn finish(&self, meta: Meta, body: String, name: &str, origin: &str, warnings: Vec<String>) -> ReadItem {
        let mut doc = Document::new(meta.id.unwrap_or_else(|| name.to_string()), body);
        doc.origin = origin.to_string();
        doc.title = meta.title;
        doc.url = meta.url;
        doc.source = meta.source;
        doc.date = meta.date;
        doc.date_origin = meta.date_origin;
        doc.warnings = warnings;
        self.default_date(&mut doc);
        ReadItem::Doc(Box::new(doc))
    }

    fn default_date(&self, doc: &mut Document) {
        if doc.date.is_none() {
            match self.opts.default_date {
                Some(d) => {
                    doc.date = Some(d);
                    doc.date_origin = Some(DateOrigin::CommandLine);
                }
                None => doc.date_origin = Some(DateOrigin::None),
            }
        }
    }
}

/// A JSONL source being read one line at a time.
struct JsonlStream {
    reader: Box<dyn BufRead + Send>,
    origin: String,
    name: String,
    line: usize,
    yielded: bool,
    done: bool,
    /// Warnings about the whole file, given to each of its documents.
    carry: Vec<String>,
}

impl JsonlStream {
    fn new(reader: Box<dyn BufRead + Send>, origin: String, name: String) -> Self {
        JsonlStream { reader, origin, name, line: 0, yielded: false, done: false, carry: Vec::new() }
    }

    fn next_item(&mut self, opts: &ReadOptions, max: usize) -> Option<ReadItem> {
        let mut buf = Vec::new();
        while !self.done {
            buf.clear();
            let too_long = match read_line_bounded(&mut *self.reader, max, &mut buf) {
                Ok(None) => {
                    self.done = true;
                    if !self.yielded {
                        return Some(failed(self.origin.clone(), "empty"));
                    }
                    return None;
                }
                Ok(Some(t)) => t,
                Err(e) => {
                    self.done = true;
                    return Some(failed(self.origin.clone(), format!("unreadable after line {}: {e}", self.line)));
                }
            };
            self.line += 1;
            let origin = format!("{}:{}", self.origin, self.line);
            if buf.iter().all(u8::is_ascii_whitespace) && !too_long {
                continue;
            }
            self.yielded = true;
            if too_long {
                return Some(failed(origin, format!("line longer than {max} bytes")));
            }
            if self.line == 1 && looks_binary(&buf) {
                self.done = true;
                return Some(failed(self.origin.clone(), "binary file"));
            }
            let mut warnings = self.carry.clone();
            let line = match std::str::from_utf8(&buf) {
                Ok(s) => std::borrow::Cow::Borrowed(s),
                Err(_) => {
                    warnings.push("invalid UTF-8 decoded lossily".to_string());
                    String::from_utf8_lossy(&buf)
                }
            };
            let line = line.trim().trim_start_matches('\u{FEFF}');
            return Some(match jsonl::parse_line(line, &format!("{}:{}", self.name, self.line)) {
                Ok(mut doc) => {
                    doc.origin = origin;
                    warnings.append(&mut doc.warnings);
                    doc.warnings = warnings;
                    if doc.date.is_none() {
                        doc.date = opts.default_date;
                        doc.date_origin = Some(if opts.default_date.is_some() { DateOrigin::CommandLine } else { DateOrigin::None });
                    }
                    ReadItem::Doc(Box::new(doc))
                }
                Err(reason) => failed(origin, reason),
            });
        }
        None
    }
}

/// Reads one line (without its newline) into `buf`, keeping at most `max` bytes.
/// Ok(None) at end of input; Ok(Some(true)) when the line was longer than `max`.
fn read_line_bounded(r: &mut dyn BufRead, max: usize, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    let mut any = false;
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(if any { Some(too_long) } else { None });
        }
        any = true;
        let (chunk, used, end) = match memchr::memchr(b'\n', avail) {
            Some(p) => (&avail[..p], p + 1, true),
            None => (avail, avail.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        if chunk.len() > room {
            too_long = true;
            buf.extend_from_slice(&chunk[..room]);
        } else {
            buf.extend_from_slice(chunk);
        }
        r.consume(used);
        if end {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(too_long));
        }
    }
}
