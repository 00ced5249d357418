//! Percent-encoding of the file names docket puts into links, and decoding
//! of the links contributors write.
//!
//! A document may be called `a#1.pdf` or `notes?.pdf`: written into an
//! `href` as it is, the `#` starts a fragment and the `?` a query, and the
//! link leads elsewhere. Every path docket makes a link of goes through
//! [`encode_path`]; a relative link in a body goes through [`decode`]
//! before it is compared with the files of the site, so that
//! `[x](../documents/a%20b.pdf)` finds `a b.pdf`.

use std::borrow::Cow;

/// Whether a byte stands for itself in a path: the unreserved characters
/// of RFC 3986 and the sub-delimiters and `@` that a path may hold. `:`
/// is encoded too, so that no relative link can read as a scheme.
fn plain(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b'@'
        )
}

/// A `/`-separated path with each name percent-encoded: every byte but
/// the plain ones ([`plain`]) and `/` is written `%XX` (UTF-8 for letters
/// beyond ASCII). Borrowed when nothing needs it.
pub fn encode_path(path: &str) -> Cow<'_, str> {
    if path.bytes().all(|b| b == b'/' || plain(b)) {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() + 8);
    for b in path.bytes() {
        if b == b'/' || plain(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Cow::Owned(out)
}

/// `s` with its `%XX` sequences decoded; `None` if one is malformed or the
/// result is not UTF-8 (no file of the site can have that name).
pub fn decode(s: &str) -> Option<Cow<'_, str>> {
    if !s.contains('%') {
        return Some(Cow::Borrowed(s));
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_would_break_a_link_are_encoded() {
        assert_eq!(encode_path("memos/directive.pdf"), "memos/directive.pdf");
        assert_eq!(encode_path("a#1.pdf"), "a%231.pdf");
        assert_eq!(encode_path("why?.pdf"), "why%3F.pdf");
        assert_eq!(encode_path("a b/100%.pdf"), "a%20b/100%25.pdf");
        assert_eq!(encode_path("Régularisation.pdf"), "R%C3%A9gularisation.pdf");
        assert_eq!(
            encode_path("c:d \"e\" <f>.pdf"),
            "c%3Ad%20%22e%22%20%3Cf%3E.pdf"
        );
        assert_eq!(encode_path("(draft)+notes,v2.pdf"), "(draft)+notes,v2.pdf");
    }

    #[test]
    fn decoding_undoes_encoding() {
        for name in [
            "a#1.pdf",
            "a b/100%.pdf",
            "Régularisation?.pdf",
            "plain.pdf",
        ] {
            assert_eq!(decode(&encode_path(name)).as_deref(), Some(name));
        }
        assert_eq!(decode("a%20b.pdf").as_deref(), Some("a b.pdf"));
        assert_eq!(decode("a%2").as_deref(), None);
        assert_eq!(decode("a%zz").as_deref(), None);
        assert_eq!(decode("%ff").as_deref(), None);
    }
}
