//! Escaping text for markup: HTML pages, SVG pictures and XML files (feeds,
//! sitemaps, redirects) share one function; they differ only in how they
//! write an apostrophe and what they do with control characters.
//! JSON strings ([`push_json`]) are escaped here too, eight bytes at a time
//! as the markup is.

/// What to do with a control character other than tab, newline and
/// carriage return.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Controls {
    /// Write U+FFFD: HTML forbids them (a parse error, and a NUL is
    /// dropped or replaced by each browser its own way), and U+FFFD shows
    /// the reader that something was there.
    Replace,
    /// Write a space: XML 1.0 forbids it, and a picture's text keeps its gaps.
    Space,
    /// Leave it out, with U+FFFE and U+FFFF: XML 1.0 forbids them all.
    Drop,
}

/// `s` with `&`, `<`, `>`, `"` and `'` written as references (`'` as
/// `apostrophe`), and control characters treated as `controls` says.
pub fn markup(s: &str, apostrophe: &str, controls: Controls) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let Ok(()) = escape(s, apostrophe, controls, |part| {
        out.push_str(part);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// Hands `push` the escaped text of `s` in parts: runs of bytes that need
/// nothing whole, and each replacement.
///
/// Every character it changes is ASCII except U+FFFE and U+FFFF, so it
/// scans bytes, not characters: a template escapes every value it writes,
/// and this is on the path of every page.
fn escape<E>(
    s: &str,
    apostrophe: &str,
    controls: Controls,
    mut push: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let bytes = s.as_bytes();
    let drop = controls == Controls::Drop;
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most text needs nothing: skip it eight bytes at a time.
        i = next_care(bytes, i, |word| care(word, drop));
        let Some(&byte) = bytes.get(i) else {
            break;
        };
        let (replacement, width) = match byte {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => (apostrophe, 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..0x20 if controls == Controls::Replace => ("\u{fffd}", 1),
            0..0x20 if controls == Controls::Space => (" ", 1),
            0..0x20 if controls == Controls::Drop => ("", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xef if controls == Controls::Drop
                && bytes.get(i + 1) == Some(&0xbf)
                && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)) =>
            {
                ("", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        // `i` is at an ASCII byte or at the first byte of a character.
        push(&s[plain..i])?;
        push(replacement)?;
        i += width;
        plain = i;
    }
    push(&s[plain..])
}

/// The place of the first byte at or after `i` that `care` flags in its
/// word of eight, skipping eight bytes at a time the words it does not
/// flag; the last bytes, fewer than eight, are not skipped. `care` gives
/// the flagged bytes' high bits and must be exact in the lowest it flags,
/// as the classic tests for a zero byte are: the bytes before it are then
/// known to need nothing.
pub fn next_care(bytes: &[u8], mut i: usize, care: impl Fn(u64) -> u64) -> usize {
    while let Some(word) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        match care(word) {
            0 => i += 8,
            flags => return i + (flags.trailing_zeros() / 8) as usize,
        }
    }
    i
}

/// Which of the eight bytes of `word` may need escaping, as the high bit
/// of each: one of `&<>"'`, a control byte, or with `drop` the first byte
/// of U+FFFE and U+FFFF. Exact in the lowest byte flagged, which is all
/// the caller reads: a flag above it may be false. Tab, newline and
/// carriage return are flagged too; the scan byte by byte passes over them.
fn care(word: u64, drop: bool) -> u64 {
    let mut any = below(word, 0x20)
        | equal(word, b'&')
        | equal(word, b'<')
        | equal(word, b'>')
        | equal(word, b'"')
        | equal(word, b'\'');
    if drop {
        any |= equal(word, 0xef);
    }
    any
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bytes of `word` equal to `b`, as their high bits: the classic test
/// for a zero byte, exact in the lowest byte it flags and missing none (a
/// byte above a flagged one may be flagged falsely).
pub fn equal(word: u64, b: u8) -> u64 {
    let x = word ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// The bytes of `word` below `n` (at most 0x80), as their high bits: high
/// bit clear, and below `n` once `n` is taken from them. Exact in the
/// lowest byte it flags and missing none, as [`equal`].
pub fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH
}

/// [`markup`], written to `f` as it goes rather than returned.
pub fn write_markup(
    f: &mut impl std::fmt::Write,
    s: &str,
    apostrophe: &str,
    controls: Controls,
) -> std::fmt::Result {
    escape(s, apostrophe, controls, |part| f.write_str(part))
}

/// Text for an HTML page: the escape of every value a template writes.
pub fn html(s: &str) -> String {
    markup(s, "&#39;", Controls::Replace)
}

/// Whether `c` is a control character other than tab, newline and carriage
/// return: invisible in an editor, never meant in a page, and forbidden in
/// HTML.
pub fn is_stray_control(c: char) -> bool {
    c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `s` holds a stray control character ([`is_stray_control`]).
/// Every file and every body's HTML goes through it, so it reads 64 bytes
/// at a time without a branch, which the compiler makes a few vector
/// compares: a line's end costs nothing more than a letter.
pub fn has_stray_control(s: &str) -> bool {
    fn stray(b: u8) -> bool {
        (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')
    }
    let (blocks, rest) = s.as_bytes().as_chunks::<64>();
    blocks
        .iter()
        .any(|block| block.iter().fold(false, |found, &b| found | stray(b)))
        || rest.iter().any(|&b| stray(b))
}

/// `s` with every stray control character ([`is_stray_control`]) replaced
/// by U+FFFD; borrowed when there is none, which is nearly always.
pub fn replace_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if has_stray_control(s) {
        s.chars()
            .map(|c| if is_stray_control(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// [`html`], written to `w` as it goes rather than returned: Tera's
/// escape function (`tera::EscapeFn`), on the path of every value a
/// template writes, so it allocates nothing.
pub fn write_html(s: &str, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape(s, "&#39;", Controls::Replace, |part| {
        w.write_all(part.as_bytes())
    })
}

/// Appends `s` to `out` as a JSON string, escaped as serde_json escapes
/// it: `"` and `\`, the short escapes of backspace, form feed, newline,
/// carriage return and tab, `\u00xx` for the other control characters,
/// and everything else as it is. Written by hand where serde_json's
/// escape, which looks at each byte in turn, was the cost: the search
/// index's shards hold the text of every body, and every entry's page
/// its citations. A test compares the bytes with serde_json's.
pub fn push_json(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time to the first that may need an escape.
        i = next_care(bytes, i, json_care);
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
/// which is all [`push_json`] reads.
fn json_care(word: u64) -> u64 {
    below(word, 0x20) | equal(word, b'"') | equal(word, b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_markup_has_its_rules() {
        let s = "a<b>&\"c'\u{1}\td\u{ffff}é";
        assert_eq!(html(s), "a&lt;b&gt;&amp;&quot;c&#39;\u{fffd}\td\u{ffff}é");
        assert_eq!(
            markup(s, "&#39;", Controls::Space),
            "a&lt;b&gt;&amp;&quot;c&#39; \td\u{ffff}é"
        );
        assert_eq!(
            markup(s, "&apos;", Controls::Drop),
            "a&lt;b&gt;&amp;&quot;c&apos;\tdé"
        );
        assert_eq!(html("plain text"), "plain text");
        assert_eq!(
            markup("a\u{fffe}b\u{fffd}c\u{feff}", "'", Controls::Drop),
            "ab\u{fffd}c\u{feff}"
        );
        assert_eq!(
            markup("\u{0}x\u{1f}\u{7f}", "'", Controls::Space),
            " x \u{7f}"
        );
        assert_eq!(html(""), "");
        for t in [s, "", "plain", "&&", "é'\"<>x\u{0}"] {
            let mut w = Vec::new();
            write_html(t, &mut w).unwrap();
            assert_eq!(String::from_utf8(w).unwrap(), html(t));
        }
        assert_eq!(
            replace_controls("a\u{0}b\tc\u{1b}"),
            "a\u{fffd}b\tc\u{fffd}"
        );
        assert!(matches!(
            replace_controls("plain\r\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn every_character_that_needs_care_is_escaped_wherever_it_is() {
        // Two characters at every pair of places of texts of up to 19
        // bytes: the first may hide the second in the same eight bytes.
        let marks = [
            "&", "<", ">", "\"", "'", "\n", "\t", "\u{1}", "\u{ffff}", "\u{fffe}", "é",
        ];
        for len in 0..19 {
            for a in 0..len {
                for b in a..len {
                    for ma in marks {
                        for mb in ["&", "\u{1}", "\u{ffff}", "'"] {
                            let mut text: Vec<String> = (0..len)
                                .map(|i| ["x", "y", "z"][i % 3].to_string())
                                .collect();
                            text[a] = ma.to_string();
                            text[b] = mb.to_string();
                            let text = text.concat();
                            for controls in [Controls::Replace, Controls::Space, Controls::Drop] {
                                assert_eq!(
                                    markup(&text, "&#39;", controls),
                                    slow(&text, "&#39;", controls),
                                    "{text:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn stray_controls_are_found_wherever_they_are() {
        // Every control byte at every place of texts shorter than a block
        // of 64 bytes, one or two blocks long and a little longer, among
        // tabs, newlines, spaces and the bytes of other characters.
        for len in (0..20).chain(60..70).chain(125..132) {
            for at in 0..len {
                for b in (0u8..0x20).chain([0x20, 0x7f]) {
                    let mut text: Vec<u8> = "a\tb\nc é\rd!xyz\n\t0123"
                        .bytes()
                        .cycle()
                        .take(len)
                        .collect();
                    text[at] = b;
                    let Ok(text) = String::from_utf8(text) else {
                        continue;
                    };
                    let expected = text.chars().any(is_stray_control);
                    assert_eq!(has_stray_control(&text), expected, "{text:?}");
                }
            }
        }
    }

    /// The escape of `s` byte by byte, as it was written before words of
    /// eight bytes were skipped.
    fn slow(s: &str, apostrophe: &str, controls: Controls) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str(apostrophe),
                c if is_stray_control(c) => match controls {
                    Controls::Replace => out.push('\u{fffd}'),
                    Controls::Space => out.push(' '),
                    Controls::Drop => {}
                },
                '\u{fffe}' | '\u{ffff}' if controls == Controls::Drop => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn every_byte_at_every_place_of_a_word_is_escaped() {
        let specials = [
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\t",
            "\n",
            "\r",
            "\u{0}",
            "\u{1f}",
            " ",
            "\u{7f}",
            "é",
            "\u{fffe}",
            "\u{ffff}",
            "\u{fffd}",
            "\u{feff}",
            "\u{20ac}",
            "\u{1f600}",
            "a",
            "~",
        ];
        for (k, special) in specials.iter().enumerate() {
            for at in 0..20 {
                for len in [at, at + 3, 24] {
                    let mut s: String = "abcdefghijklmnopqrstuvwxyz".chars().take(at).collect();
                    s.push_str(special);
                    s.push_str(&"0123456789ABCDEFGHIJKLMN"[..len.min(24)]);
                    s.push_str(specials[(k + 3) % specials.len()]);
                    for controls in [Controls::Replace, Controls::Space, Controls::Drop] {
                        assert_eq!(
                            markup(&s, "&apos;", controls),
                            slow(&s, "&apos;", controls),
                            "{s:?}"
                        );
                    }
                }
            }
        }
    }

    fn json_string(s: &str) -> String {
        let mut out = String::new();
        push_json(&mut out, s);
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
                            json_string(&text),
                            serde_json::to_string(&text).unwrap_or_default(),
                            "{text:?}"
                        );
                    }
                }
            }
        }
        assert_eq!(json_string(""), "\"\"");
    }
}
