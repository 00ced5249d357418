//! URL-safe names for vocabulary terms, cases and new entry files.

/// The longest slug, in bytes. A slug is a folder or file name, and file
/// systems refuse names over 255 bytes (some, like eCryptfs, over 143):
/// a case named by a long docket number or a long vocabulary value would
/// pass `check` and then fail `build`. Longer slugs are cut, with a hash of
/// the whole slug appended, so that they stay distinct and stable.
pub const MAX_SLUG: usize = 100;

/// Hex digits of the hash that ends a shortened slug.
const HASH_DIGITS: usize = 10;

/// Lowercase ASCII letters and digits joined by single hyphens. Letters
/// beyond ASCII are written in Latin letters as deunicode reads them:
/// accents go ("Régularisation" → "regularisation"), other scripts are
/// transliterated ("Αθήνα" → "athena", "北京" → "bei-jing"), so that a
/// value in any language has an address that says what it is. At most
/// [`MAX_SLUG`] bytes: see [`shorten`].
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut hyphen = false;
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            hyphen = true;
        }
    };
    for c in s.chars() {
        if c.is_ascii() || !c.is_alphanumeric() {
            // Symbols separate words, as ASCII punctuation does, rather
            // than being spelt out ("§ 212(f)" is `212-f`, not `ss-212-f`).
            push(c);
        } else {
            deunicode::deunicode_char(c)
                .unwrap_or("")
                .chars()
                .for_each(&mut push);
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

/// The words of `s` (its runs of letters and digits), lowercased, Latin
/// letters without their accents, one space between them: what two
/// spellings of one value share when they differ only in case, accents,
/// spaces or punctuation ("D.D.C" and "D.D.C.", "White House" and "WHITE
/// HOUSE"). Words stay apart, so that "Trump 1.0" is not "Trump 10", and
/// letters of every script count, so that two names in Greek or Chinese,
/// which could slug alike, fold apart.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars().map(fold_accent) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The order in which values are listed alphabetically: as a reader reads
/// them, whatever their case or accents ("Álvarez", "de Blasio", "Zeldin"),
/// and by their bytes where that leaves a tie, so that the order never
/// depends on anything but the values.
pub fn alphabetical(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| {
        s.chars()
            .map(fold_accent)
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
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
    use super::{alphabetical, fold, slugify, HASH_DIGITS, MAX_SLUG};

    #[test]
    fn spellings_of_one_value_fold_alike_and_others_apart() {
        assert_eq!(fold("D.D.C."), fold("D.D.C"));
        assert_eq!(fold("White House"), fold("WHITE  HOUSE"));
        assert_eq!(fold("Café 2"), fold("cafe-2"));
        assert_ne!(fold("Trump 1.0"), fold("Trump 10"));
        assert_ne!(fold("Αθήνα"), fold("Σπάρτη"));
        assert_ne!(fold("北京"), fold("上海"));
        assert_eq!(fold("!!"), "");
    }

    #[test]
    fn values_are_listed_as_a_reader_reads_them() {
        let mut names = ["Zeldin", "de Blasio", "Álvarez", "abbott", "Abbott"];
        names.sort_by(|a, b| alphabetical(a, b));
        assert_eq!(
            names,
            ["Abbott", "abbott", "Álvarez", "de Blasio", "Zeldin"]
        );
    }

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
        // Every script has an address of its own.
        assert_eq!(slugify("Bjørn Łukasz"), "bjorn-lukasz");
        assert_eq!(slugify("Αθήνα"), "athena");
        assert_eq!(slugify("Москва"), "moskva");
        assert_eq!(slugify("北京"), "bei-jing");
        assert_ne!(slugify("北京"), slugify("上海"));
        assert_eq!(slugify("§ 212(f) – “entry”"), "212-f-entry");
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
