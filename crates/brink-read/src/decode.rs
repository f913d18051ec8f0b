//! Bytes to text: binary detection, BOMs, UTF-16, lossy UTF-8.
//!
//! Inputs are untrusted files; none of this may panic, and every repair is
//! reported as a warning on the document rather than hidden.

/// Why bytes could not be turned into article text.
#[derive(Debug, PartialEq)]
pub enum DecodeError {
    Empty,
    Binary,
}

impl DecodeError {
    pub fn reason(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::Binary => "binary file",
        }
    }
}

/// Looks like binary: NUL bytes, or more than 10% control bytes, in the first 8 KB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let ctrl = head.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F).count();
    ctrl * 10 > head.len()
}

/// Decodes a file's bytes to text, with warnings for repairs made.
pub fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> Result<String, DecodeError> {
    // UTF-16 with a BOM is text, though it is full of NUL bytes.
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        let s: String = char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect();
        warnings.push("decoded from UTF-16".to_string());
        return nonempty(s);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            warnings.push("invalid UTF-8 decoded lossily".to_string());
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    nonempty(s)
}

fn nonempty(s: String) -> Result<String, DecodeError> {
    if s.trim().is_empty() {
        Err(DecodeError::Empty)
    } else {
        Ok(s)
    }
}
