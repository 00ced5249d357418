//! The little XML that feeds and sitemaps need: escaping, dates and
//! absolute URLs. Written by hand because both formats are a handful of
//! fixed elements; the tests read every file back with a real XML parser.

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

/// The absolute URL of a site-relative file, as hosts serve it: a folder's
/// `index.html` is left off (`policies/1491/index.html` →
/// `https://example.org/tracker/policies/1491/`). `base` ends in `/`.
pub fn absolute(base: &str, path: &str) -> String {
    let path = if path == "index.html" {
        ""
    } else {
        path.strip_suffix("/index.html")
            .map_or(path, |p| &path[..p.len() + 1])
    };
    format!("{base}{path}")
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

    #[test]
    fn absolute_urls_leave_index_html_off() {
        let b = "https://example.org/t/";
        assert_eq!(absolute(b, "index.html"), "https://example.org/t/");
        assert_eq!(
            absolute(b, "policies/1/index.html"),
            "https://example.org/t/policies/1/"
        );
        assert_eq!(absolute(b, "feed.xml"), "https://example.org/t/feed.xml");
        assert_eq!(absolute(b, "old.html"), "https://example.org/t/old.html");
    }
}
