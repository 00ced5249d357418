//! Publishing: feeds, sitemap, exports, redirects, themes, the offline
//! archive and reproducible output, each checked on the built site of a
//! small fixture (`tests/fixtures/publish/`, `tests/fixtures/themes/`).

mod archive;
mod context_docs;
mod exports;
mod feeds;
mod meta;
mod not_found;
mod redirects;
mod reproducible;
mod sitemap;
mod themes;

pub const BASE: &str = "https://example.org/tracker/";

/// The site-relative file an absolute URL of the site names
/// (`https://…/tracker/policies/1/` → `policies/1/index.html`).
pub fn file_of(url: &str) -> String {
    let rel = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// Resolves a relative link from the page at `from` (site-relative).
pub fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split(['#', '?']).next().unwrap_or("").split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop().expect("link leads outside the site");
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Undoes the escaping Tera applies to attribute values.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The values of `attr` in every tag of `html` that contains `marker`.
pub fn attrs(html: &str, marker: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    html.split('<')
        .filter(|tag| tag.contains(marker))
        .filter_map(|tag| {
            let start = tag.find(&needle)? + needle.len();
            let end = tag[start..].find('"')?;
            Some(unescape(&tag[start..start + end]))
        })
        .collect()
}
