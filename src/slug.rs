//! URL-safe names for vocabulary terms, cases and new entry files.

/// The longest slug, in bytes. A slug is a folder or file name, and file
/// systems refuse names over 255 bytes (some, like eCryptfs, over 143):
/// a case named by a long docket number or a long vocabulary value would
/// pass `check` and then fail `build`. Longer slugs are cut, with a hash of
/// the whole slug appended, so that they stay distinct and stable.
pub const MAX_SLUG: usize = 100;

/// Hex digits of the hash that ends a shortened slug.
const HASH_DIGITS: usize = 10;

/// Lowercase ASCII letters and digits joined by single hyphens; letters with
/// accents lose them ("Régularisation" → "regularisation"). At most
/// [`MAX_SLUG`] bytes: see [`shorten`].
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut hyphen = false;
    for c in s.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            hyphen = true;
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    shorten(out)
}

/// A slug of at most [`MAX_SLUG`] bytes: a longer one is cut at a hyphen
/// where there is one near the limit, and ends with a hash of the whole
/// slug. Two slugs that differ anywhere, even past the cut, stay different;
/// the same slug always gives the same name.
fn shorten(slug: String) -> String {
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let keep = MAX_SLUG - HASH_DIGITS - 1;
    // The slug is ASCII: any byte index is a character boundary.
    let head = &slug[..keep];
    let head = match head.rfind('-') {
        Some(i) if i >= keep / 2 => &head[..i],
        _ => head,
    };
    let hash = fnv1a(slug.as_bytes()) & ((1 << (4 * HASH_DIGITS)) - 1);
    format!("{head}-{hash:0width$x}", width = HASH_DIGITS)
}

/// 64-bit FNV-1a: small, and the same on every platform and release, which
/// the names of pages must be (std's hasher is neither).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::{slugify, HASH_DIGITS, MAX_SLUG};

    #[test]
    fn slugs() {
        assert_eq!(slugify("Final/Actual"), "final-actual");
        assert_eq!(slugify("State & Local Entities"), "state-local-entities");
        assert_eq!(slugify("C.D. Cal."), "c-d-cal");
        assert_eq!(
            slugify("Asylum, Withholding and CAT"),
            "asylum-withholding-and-cat"
        );
        assert_eq!(slugify("Régularisation"), "regularisation");
        assert_eq!(slugify("!!"), "x");
    }

    #[test]
    fn long_slugs_are_cut_with_a_hash() {
        let docket = format!("D.D.C. {}", "1234567890-".repeat(15));
        let slug = slugify(&docket);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(slug.starts_with("d-d-c-1234567890-1234567890"), "{slug}");
        // Stable from one run (and release) to the next: pages keep their
        // addresses, so the hash must never change.
        assert_eq!(
            slug,
            "d-d-c-1234567890-1234567890-1234567890-1234567890-1234567890-1234567890-1234567890-37e6c8d994"
        );
        assert_eq!(slug.rsplit('-').next().map(str::len), Some(HASH_DIGITS));
        // A difference past the cut still gives another name.
        let other = format!("{docket}x");
        assert_ne!(slugify(&other), slug);
        // Without a hyphen near the limit, the cut is at the limit.
        let word = slugify(&"y".repeat(300));
        assert_eq!(word.len(), MAX_SLUG);
        assert!(word.starts_with(&"y".repeat(80)), "{word}");
        // Short slugs are left alone.
        assert_eq!(slugify(&"z".repeat(MAX_SLUG)), "z".repeat(MAX_SLUG));
    }
}
