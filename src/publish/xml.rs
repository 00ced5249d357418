//! The little XML that feeds and sitemaps need: escaping and dates
//! (absolute URLs are [`crate::site::paths::absolute`]). Written by hand
//! because both formats are a handful of fixed elements; the tests read
//! every file back with a real XML parser.

use chrono::NaiveDate;

/// Escapes text for an element or a double-quoted attribute. Characters XML
/// 1.0 does not allow at all (most C0 controls) are dropped rather than
/// making the whole file unreadable.
pub fn escape(s: &str) -> String {
    crate::escape::markup(s, "&apos;", crate::escape::Controls::Drop)
}

/// Writing a feed piece by piece, without the formatting machinery: a
/// feed writes a dozen values for each of its entries, and `write!` of
/// each was a third of the time of writing feeds.
pub trait Xml {
    /// `s` as it is: markup, or text known to need no escape.
    fn raw(&mut self, s: &str) -> &mut Self;
    /// Text, escaped as [`escape`] escapes it.
    fn esc(&mut self, s: &str) -> &mut Self;
}

impl Xml for String {
    fn raw(&mut self, s: &str) -> &mut Self {
        self.push_str(s);
        self
    }

    fn esc(&mut self, s: &str) -> &mut Self {
        let _ = crate::escape::write_markup(self, s, "&apos;", crate::escape::Controls::Drop);
        self
    }
}

/// Appends `text` to `x` as a CDATA section, for HTML in a feed: as it is,
/// rather than escaped, which made the HTML of a body about a fifth larger
/// and its escaping most of the time of writing feeds. `]]>` would end the
/// section, so it is split across two; characters XML 1.0 forbids are
/// dropped, as [`escape`] drops them.
pub fn push_cdata(x: &mut String, text: &str) {
    use crate::escape::{below, equal, next_care};
    let start = x.len();
    x.reserve(text.len() + 12);
    x.push_str("<![CDATA[");
    // One scan, eight bytes at a time, to the bytes that may need care: a
    // control byte, the first byte of U+FFFE and U+FFFF, and `]`.
    let care = |w: u64| below(w, 0x20) | equal(w, 0xef) | equal(w, b']');
    let bytes = text.as_bytes();
    let (mut plain, mut i) = (0, 0);
    while i < bytes.len() {
        i = next_care(bytes, i, care);
        let Some(&b) = bytes.get(i) else { break };
        let forbidden = match b {
            b'\t' | b'\n' | b'\r' => false,
            0..0x20 => true,
            0xef => matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])),
            _ => false,
        };
        if forbidden {
            // Dropping a character could join a `]]>` around it: such a
            // text, nearly never met, is written the long way.
            x.truncate(start);
            return push_cdata_dropping(x, text);
        }
        if b == b']' && bytes[i..].starts_with(b"]]>") {
            x.push_str(&text[plain..i]);
            x.push_str("]]]]><![CDATA[>");
            i += 3;
            plain = i;
        } else {
            i += 1;
        }
    }
    x.push_str(&text[plain..]);
    x.push_str("]]>");
}

/// [`push_cdata`] for a text with characters XML forbids: they are dropped
/// first, and the `]]>` of what is left split.
fn push_cdata_dropping(x: &mut String, text: &str) {
    let allowed: String = text
        .chars()
        .filter(|&c| !crate::escape::is_stray_control(c) && !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect();
    x.push_str("<![CDATA[");
    x.push_str(&allowed.replace("]]>", "]]]]><![CDATA[>"));
    x.push_str("]]>");
}

/// A day as an RFC 3339 timestamp, which Atom requires: midnight UTC,
/// appended to `x`. The date is [`Date::iso`](crate::content::Date::iso)'s
/// digits rather than chrono's `format`, which reads its pattern again on
/// every call.
pub fn push_timestamp(x: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    if (0..=9999).contains(&d.year()) {
        x.push_str(&crate::content::Date::day(d).iso());
    } else {
        // Signed and longer, as chrono writes such a year (`iso` pads it
        // without a sign).
        x.push_str(&d.format("%Y-%m-%d").to_string());
    }
    x.push_str("T00:00:00Z");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            escape("a & <b> \"c\" 'd'"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(escape("x\u{1}y\tz"), "xy\tz");
        let mut x = String::from("<a>");
        x.esc("a<'\u{0}").raw("</a>");
        assert_eq!(x, format!("<a>{}</a>", escape("a<'\u{0}")));
    }

    #[test]
    fn timestamps_are_what_chrono_formats() {
        let days = [
            (2025, 1, 31),
            (1, 1, 1),
            (999, 12, 9),
            (9999, 12, 31),
            (10000, 1, 1),
            (-44, 3, 15),
            (0, 6, 30),
        ];
        for (y, m, d) in days {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut x = String::new();
            push_timestamp(&mut x, day);
            assert_eq!(
                x,
                format!("{}T00:00:00Z", day.format("%Y-%m-%d")),
                "{day:?}"
            );
        }
    }

    #[test]
    fn cdata_is_written_as_filtering_then_replacing_wrote_it() {
        // The algorithm before the one-pass scan.
        let reference = |text: &str| {
            let allowed: String = text
                .chars()
                .filter(|&c| {
                    !crate::escape::is_stray_control(c) && !matches!(c, '\u{fffe}' | '\u{ffff}')
                })
                .collect();
            format!("<![CDATA[{}]]>", allowed.replace("]]>", "]]]]><![CDATA[>"))
        };
        // Every text of up to five of these pieces, and each with padding
        // that moves it across the words of eight the scan reads.
        let pieces = [
            "]", ">", "]]>", "a", "\u{1}", "\n", "\u{fffe}", "\u{ffff}", "\u{fffd}", "é",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() < 5)
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        for t in &texts {
            for pad in [0, 3, 7, 13] {
                let text = format!("{}{t}{}", "x".repeat(pad), "y".repeat(pad % 5));
                let mut x = String::from("head");
                push_cdata(&mut x, &text);
                assert_eq!(x, format!("head{}", reference(&text)), "{text:?}");
            }
        }
    }

    #[test]
    fn cdata_holds_any_text_and_drops_what_xml_forbids() {
        for (text, expected) in [
            ("<p>a &amp; b</p>", "<![CDATA[<p>a &amp; b</p>]]>"),
            ("", "<![CDATA[]]>"),
            ("a]]>b", "<![CDATA[a]]]]><![CDATA[>b]]>"),
            ("]]>]]>", "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>"),
            ("x\u{1}\u{fffe}y\u{ffff}\tz", "<![CDATA[xy\tz]]>"),
        ] {
            let mut x = String::new();
            push_cdata(&mut x, text);
            assert_eq!(x, expected);
            // What an XML parser reads back is the text, less what XML forbids.
            let doc = format!("<c>{x}</c>");
            let doc = roxmltree::Document::parse(&doc).expect("well-formed");
            let back: String = text
                .chars()
                .filter(|&c| c == '\t' || !(c < ' ' || matches!(c, '\u{fffe}' | '\u{ffff}')))
                .collect();
            assert_eq!(doc.root_element().text().unwrap_or(""), back);
        }
    }
}
