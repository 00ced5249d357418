//! URL-safe names for vocabulary terms, cases and new entry files.

/// Lowercase ASCII letters and digits joined by single hyphens; letters with
/// accents lose them ("Régularisation" → "regularisation").
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
    out
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
    use super::slugify;

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
}
