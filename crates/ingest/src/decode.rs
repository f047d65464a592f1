//! Bytes to UTF-8: BOM handling, binary detection, charset detection.

use crate::IngestError;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// Text decoded from bytes.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, BOM stripped.
    pub text: String,
    /// Lower-case encoding name when the input was not UTF-8 (`windows-1252`).
    pub encoding: Option<String>,
    /// Some bytes were invalid in the chosen encoding and replaced by U+FFFD.
    pub had_errors: bool,
}

impl Decoded {
    /// Adds `encoding` (and `decode_errors`) to a record's metadata.
    pub fn annotate(&self, meta: &mut serde_json::Map<String, serde_json::Value>) {
        if let Some(encoding) = &self.encoding {
            meta.insert("encoding".into(), encoding.clone().into());
        }
        if self.had_errors {
            meta.insert("decode_errors".into(), true.into());
        }
    }
}

/// How many leading bytes the binary sniffer looks at.
const SNIFF_LEN: usize = 64 * 1024;

/// Decodes a whole file. UTF-8 (with or without BOM) passes through without
/// copying; UTF-16 with a BOM is decoded; otherwise `declared` (an HTML or
/// HTTP charset label) is tried, then the encoding is guessed with chardetng.
/// Data with NUL bytes or mostly control characters is rejected as binary.
pub(crate) fn decode(bytes: Vec<u8>, declared: Option<&str>) -> Result<Decoded, IngestError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if encoding != UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: Some(encoding.name().to_ascii_lowercase()),
                had_errors,
            });
        }
    }
    if looks_binary(&bytes) {
        return Err(IngestError::Binary);
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: None,
            had_errors: false,
        }),
        Err(e) => Ok(decode_legacy(e.as_bytes(), declared)),
    }
}

/// Decodes one JSONL line or other fragment that is not valid UTF-8.
pub(crate) fn decode_fragment(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            encoding: None,
            had_errors: false,
        },
        Err(_) => decode_legacy(bytes, None),
    }
}

fn decode_legacy(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && e.is_ascii_compatible())
        .unwrap_or_else(|| {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(None, chardetng::Utf8Detection::Deny)
        });
    let encoding = prefer_windows_1252(bytes, encoding);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: Some(encoding.name().to_ascii_lowercase()),
        had_errors,
    }
}

/// Latin-script single-byte encodings chardetng may pick for Western text
/// with very few non-ASCII bytes (it reads a lone 0xA3 `£` as windows-1250 `Ł`).
const LATIN_FAMILY: &[&Encoding] = &[
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1257,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_15,
    encoding_rs::ISO_8859_16,
];

/// Switches a Latin-family guess to windows-1252 when, read as windows-1252,
/// every non-ASCII character is common in Western European text (accented
/// letters, currency signs, typographic quotes and dashes).
fn prefer_windows_1252(bytes: &[u8], guess: &'static Encoding) -> &'static Encoding {
    if !LATIN_FAMILY.contains(&guess) {
        return guess;
    }
    let (text, had_errors) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let plausible = |c: char| {
        c.is_ascii()
            || matches!(c, 'À'..='ÿ' if c != '×' && c != '÷')
            || "£€¢¥©®°±«»‘’‚“”„–—…•·§¶¡¿\u{a0}".contains(c)
    };
    if !had_errors && text.chars().all(plausible) {
        WINDOWS_1252
    } else {
        guess
    }
}

/// NUL bytes, or more than 10% control characters other than whitespace,
/// in the first 64 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls * 10 > sample.len()
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"#).expect("valid regex")
});

/// The charset an HTML page declares in a `<meta>` tag in its first 4 KiB.
pub(crate) fn html_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    META_CHARSET
        .captures(head)
        .and_then(|c| c.get(1))
        .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_and_bom_is_stripped() {
        let d = decode("\u{feff}Caf\u{e9} “quoted”".as_bytes().to_vec(), None).unwrap();
        assert_eq!(d.text, "Caf\u{e9} “quoted”");
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn latin1_pound_sign() {
        let d = decode(
            b"It cost \xA35m in total, said the caf\xE9 owner.".to_vec(),
            None,
        )
        .unwrap();
        assert_eq!(d.text, "It cost £5m in total, said the café owner.");
        assert_eq!(d.encoding.as_deref(), Some("windows-1252"));
        assert!(!d.had_errors);
    }

    #[test]
    fn lone_pound_is_windows_1252_but_polish_stays_1250() {
        let d = decode(b"Mutu, a \xA315.8m signing from Parma".to_vec(), None).unwrap();
        assert_eq!(d.text, "Mutu, a £15.8m signing from Parma");
        assert_eq!(d.encoding.as_deref(), Some("windows-1252"));

        let polish = "Zażółć gęślą jaźń. Następnie prezydent powiedział, że rząd się zgadza.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(polish);
        let d = decode(bytes.into_owned(), None).unwrap();
        assert_eq!(d.text, polish);
        assert_eq!(d.encoding.as_deref(), Some("windows-1250"));
    }

    #[test]
    fn declared_charset_wins_for_legacy_bytes() {
        let d = decode(b"\xC1\xE2\xE3".to_vec(), Some("koi8-r")).unwrap();
        assert_eq!(d.encoding.as_deref(), Some("koi8-r"));
    }

    #[test]
    fn utf16_with_bom() {
        let bytes = b"\xFF\xFEH\x00i\x00".to_vec();
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.text, "Hi");
        assert_eq!(d.encoding.as_deref(), Some("utf-16le"));
    }

    #[test]
    fn binary_is_rejected() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(), None),
            Err(IngestError::Binary)
        ));
        assert!(matches!(
            decode(vec![1, 2, 3, 4, 5, 6, b'a'], None),
            Err(IngestError::Binary)
        ));
    }

    #[test]
    fn meta_charset() {
        let html = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#;
        assert_eq!(html_declared_charset(html).as_deref(), Some("ISO-8859-1"));
        assert_eq!(
            html_declared_charset(b"<meta charset='utf-8'>").as_deref(),
            Some("utf-8")
        );
        assert_eq!(html_declared_charset(b"<p>no</p>"), None);
    }
}
