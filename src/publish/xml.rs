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

/// [`escape`] as a `Display`, written where it is formatted: a feed
/// writes a dozen escaped values for each of its entries.
pub struct Esc<'a>(pub &'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::escape::write_markup(f, self.0, "&apos;", crate::escape::Controls::Drop)
    }
}

/// Appends `text` to `x` as a CDATA section, for HTML in a feed: as it is,
/// rather than escaped, which made the HTML of a body about a fifth larger
/// and its escaping most of the time of writing feeds. `]]>` would end the
/// section, so it is split across two; characters XML 1.0 forbids are
/// dropped, as [`escape`] drops them.
pub fn push_cdata(x: &mut String, text: &str) {
    // Each test is a scan at the speed of memory (one byte searched for,
    // or eight at a time), and nearly every text passes all of them.
    let allowed: std::borrow::Cow<'_, str> = if crate::escape::has_stray_control(text)
        || text.contains('\u{fffe}')
        || text.contains('\u{ffff}')
    {
        text.chars()
            .filter(|&c| {
                !crate::escape::is_stray_control(c) && !matches!(c, '\u{fffe}' | '\u{ffff}')
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    x.push_str("<![CDATA[");
    if allowed.contains("]]>") {
        x.push_str(&allowed.replace("]]>", "]]]]><![CDATA[>"));
    } else {
        x.push_str(&allowed);
    }
    x.push_str("]]>");
}

/// A day as an RFC 3339 timestamp, which Atom requires: midnight UTC.
pub fn timestamp(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
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
        assert_eq!(Esc("a<'\u{0}").to_string(), escape("a<'\u{0}"));
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
