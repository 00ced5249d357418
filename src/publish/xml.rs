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
    }
}
