//! JSON written by hand where serde_json's string escape, which looks at
//! each byte in turn, was the cost: the search index's document shards
//! hold the text of every body. The bytes are serde_json's own (a test
//! compares them); what is not text goes through serde_json as before.

/// Appends `s` to `out` as a JSON string, escaped as serde_json escapes
/// it: `"` and `\`, the short escapes of backspace, form feed, newline,
/// carriage return and tab, `\u00xx` for the other control characters,
/// and everything else as it is.
pub fn push_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time to the first that may need an escape.
        i = crate::escape::next_care(bytes, i, care);
        let Some(&byte) = bytes.get(i) else {
            break;
        };
        let short = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            b @ 0..0x20 => {
                out.push_str(&s[plain..i]);
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
                i += 1;
                plain = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[plain..i]);
        out.push_str(short);
        i += 1;
        plain = i;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// Which of the eight bytes of `word` may need an escape, as the high bit
/// of each: `"`, `\` or a control byte. Exact in the lowest byte flagged,
/// which is all [`push_string`] reads.
fn care(word: u64) -> u64 {
    use crate::escape::{below, equal};
    below(word, 0x20) | equal(word, b'"') | equal(word, b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(s: &str) -> String {
        let mut out = String::new();
        push_string(&mut out, s);
        out
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        // Every ASCII character, and a few beyond, at every place of texts
        // up to 19 bytes long, beside another that needs an escape.
        let others = ["é", "\u{2028}", "\u{7f}", "\u{ffff}", "语"];
        let singles = (0u8..0x80)
            .map(|b| char::from(b).to_string())
            .chain(others.iter().map(|s| s.to_string()));
        for c in singles {
            for len in 1..19 {
                for at in 0..len {
                    for second in ["\"", "\u{1}", "a"] {
                        let mut text: Vec<String> = (0..len)
                            .map(|i| ["x", "y", second][i % 3].to_string())
                            .collect();
                        text[at] = c.clone();
                        let text = text.concat();
                        assert_eq!(
                            string(&text),
                            serde_json::to_string(&text).unwrap_or_default(),
                            "{text:?}"
                        );
                    }
                }
            }
        }
        assert_eq!(string(""), "\"\"");
    }
}
