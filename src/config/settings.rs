//! The plain settings of `docket.toml` whose values have a shape to keep:
//! the address the site is published at, the theme's folder name, the
//! language tag of every page and the number of entries in each document
//! file of the search index.

use std::path::Path;

/// Checks a `base_url`, from `docket.toml` or `--base-url`, and gives it its
/// closing `/`. The error completes "base_url …".
pub fn check_base_url(raw: &str) -> Result<String, String> {
    let url = if raw.ends_with('/') {
        raw.to_string()
    } else {
        format!("{raw}/")
    };
    if !crate::url::is_web_url(&url) {
        return Err(format!("\"{raw}\" is not an http or https URL"));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "\"{raw}\" has a `?` or `#`: the paths of the site's pages are written after it"
        ));
    }
    Ok(url)
}

/// Why `name` is not the plain name of a folder in `themes/`, if it is not:
/// a path (`/etc`, `../x`) would let the theme be read from anywhere.
pub fn theme_name_problem(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("is empty")
    } else if name.contains(['/', '\\']) || Path::new(name).is_absolute() {
        Some("is a path, not the name of a folder in themes/")
    } else if name.starts_with('.') {
        Some("starts with `.`: `..` leads out of themes/, and hidden folders are not themes")
    } else if name.contains(':') || name.chars().any(char::is_control) {
        Some("has a character that cannot be part of a folder name")
    } else if name.len() > 100 {
        Some("is too long for the name of a folder")
    } else {
        None
    }
}

/// The most entries a document file of the search index may hold: at 64,
/// a result shown loads the text of 63 others, some 200 KB.
pub const MAX_SEARCH_DOCUMENTS_PER_FILE: usize = 64;

/// `search_documents_per_file` as written, or the message and the help
/// naming the nearest valid number.
pub(super) fn documents_per_file(n: i64) -> Result<usize, (String, String)> {
    let max = MAX_SEARCH_DOCUMENTS_PER_FILE;
    match usize::try_from(n) {
        Ok(ok) if (1..=max).contains(&ok) => Ok(ok),
        _ => Err((
            format!("search_documents_per_file is {n}, not a number from 1 to {max}"),
            format!(
                "write a whole number from 1 to {max}, like search_documents_per_file = {}",
                n.clamp(1, max as i64)
            ),
        )),
    }
}

/// Why `tag` is not a language tag (BCP 47's shape: letters first, then
/// parts of letters and digits joined by `-`, like `en`, `es-MX` or
/// `zh-Hant`), with a help naming the nearest tag when one is plain. The tag
/// is written into every page's `<html lang>`.
pub(super) fn language_problem(tag: &str) -> Option<(String, String)> {
    if is_language_tag(tag) {
        return None;
    }
    let fixed: String = tag
        .trim()
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let help = if is_language_tag(&fixed) {
        format!("did you mean language = \"{fixed}\"?")
    } else {
        "write a language tag like language = \"en\", \"es\" or \"es-MX\"".to_string()
    };
    Some((format!("language \"{tag}\" is not a language tag"), help))
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && tag.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_have_the_shape_of_bcp_47() {
        for ok in ["en", "es-MX", "zh-Hant-TW", "x-private", "de-1996"] {
            assert!(language_problem(ok).is_none(), "{ok}");
        }
        for bad in [
            "",
            "en_US",
            "en-",
            "\"><script>",
            "1en",
            "en--US",
            "a-verylongpart",
        ] {
            assert!(language_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(
            language_problem("en_US").map(|(_, h)| h).as_deref(),
            Some("did you mean language = \"en-US\"?")
        );
    }

    #[test]
    fn documents_per_file_is_one_to_the_most_with_the_nearest_named() {
        for ok in [1, 4, MAX_SEARCH_DOCUMENTS_PER_FILE as i64] {
            assert_eq!(documents_per_file(ok), Ok(ok as usize));
        }
        for (bad, nearest) in [(0, 1), (-3, 1), (65, 64), (i64::MAX, 64)] {
            let (_, help) = documents_per_file(bad).unwrap_err();
            assert!(
                help.ends_with(&format!("search_documents_per_file = {nearest}")),
                "{bad}: {help}"
            );
        }
    }

    #[test]
    fn a_theme_is_a_plain_folder_name() {
        assert!(theme_name_problem("default").is_none());
        assert!(theme_name_problem("my theme 2").is_none());
        for bad in ["", "/etc", "../../x", "a/b", "a\\b", "..", ".hidden", "C:x"] {
            assert!(theme_name_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn a_base_url_is_an_http_address_without_query() {
        assert_eq!(
            check_base_url("https://example.org/x").as_deref(),
            Ok("https://example.org/x/")
        );
        assert!(check_base_url("javascript:alert(1)").is_err());
        assert!(check_base_url("https://example.org/?a=1").is_err());
        assert!(check_base_url("/relative/").is_err());
    }
}
