//! The value a typo most likely meant: the nearest allowed word, or the one
//! id a mistyped id is close to.

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    // A value written short ("Final" for "Final/Actual") is as likely as a typo.
    if lower.chars().count() >= 3 {
        if let Some(c) = candidates
            .iter()
            .find(|c| c.to_lowercase().starts_with(&lower))
        {
            return Some(c);
        }
    }
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The one id of `ids` that `wanted` is likely a typo of: one digit changed,
/// two neighbouring digits swapped, or (for ids of three digits or more) one
/// digit dropped or added. `None` when no id, or more than one, fits: where
/// ids are dense, a guess among many would mislead more than it helps.
/// A code written in the wrong case (`9973-a` for `9973-A`) is close too.
pub fn nearest_id<T: AsRef<str> + Copy>(wanted: T, ids: impl IntoIterator<Item = T>) -> Option<T> {
    let w: Vec<char> = wanted.as_ref().chars().collect();
    let mut found = None;
    for id in ids {
        let c: Vec<char> = id.as_ref().chars().collect();
        let close = if wanted.as_ref().eq_ignore_ascii_case(id.as_ref()) {
            true
        } else if c.len() == w.len() {
            let diff: Vec<usize> = (0..w.len()).filter(|&i| w[i] != c[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && w[diff[0]] == c[diff[1]]
                    && w[diff[1]] == c[diff[0]])
        } else {
            c.len().min(w.len()) >= 3
                && c.len().abs_diff(w.len()) == 1
                && edit_distance(wanted.as_ref(), id.as_ref()) == 1
        };
        if close && id.as_ref() != wanted.as_ref() {
            if found.is_some_and(|f: T| f.as_ref() != id.as_ref()) {
                return None;
            }
            found = Some(id);
        }
    }
    found
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_value() {
        assert_eq!(nearest("subject", ["subjects", "status"]), Some("subjects"));
        assert_eq!(nearest("ice", ["ICE", "CBP"]), Some("ICE"));
        assert_eq!(
            nearest("Interior Enforcment", ["Interior Enforcement", "Border"]),
            Some("Interior Enforcement")
        );
        assert_eq!(nearest("zzzzzzzz", ["ICE", "CBP"]), None);
        assert_eq!(
            nearest("Final", ["Proposed", "Final/Actual"]),
            Some("Final/Actual")
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    fn id(n: u64) -> String {
        n.to_string()
    }

    fn ids(ns: &[u64]) -> Vec<String> {
        ns.iter().map(|&n| id(n)).collect()
    }

    #[test]
    fn suggests_an_id_only_when_one_fits() {
        assert_eq!(
            nearest_id(
                id(1419).as_str(),
                ids(&[312, 1102, 1491]).iter().map(String::as_str)
            )
            .map(str::to_string),
            Some(id(1491))
        );
        assert_eq!(
            nearest_id(
                id(1409).as_str(),
                ids(&[312, 1400, 1491]).iter().map(String::as_str)
            )
            .map(str::to_string),
            Some(id(1400))
        );
        assert_eq!(
            nearest_id(
                id(140).as_str(),
                ids(&[312, 1400, 1491]).iter().map(String::as_str)
            )
            .map(str::to_string),
            Some(id(1400))
        );
        assert_eq!(
            nearest_id(id(99).as_str(), ids(&[1, 4, 5]).iter().map(String::as_str))
                .map(str::to_string),
            None
        );
        assert_eq!(
            nearest_id(id(42).as_str(), ids(&[1, 4, 5]).iter().map(String::as_str))
                .map(str::to_string),
            None
        );
        assert_eq!(
            nearest_id(
                id(1492).as_str(),
                ids(&[1491, 1493]).iter().map(String::as_str)
            )
            .map(str::to_string),
            None
        );
        assert_eq!(nearest_id("9973-a", ["9973-A", "9974"]), Some("9973-A"));
        assert_eq!(nearest_id("9937-A", ["9973-A", "9937"]), Some("9973-A"));
    }
}
