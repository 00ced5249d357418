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
pub fn nearest_id(wanted: u32, ids: impl IntoIterator<Item = u32>) -> Option<u32> {
    let w: Vec<char> = wanted.to_string().chars().collect();
    let mut found = None;
    for id in ids {
        let c: Vec<char> = id.to_string().chars().collect();
        let close = if c.len() == w.len() {
            let diff: Vec<usize> = (0..w.len()).filter(|&i| w[i] != c[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && w[diff[0]] == c[diff[1]]
                    && w[diff[1]] == c[diff[0]])
        } else {
            c.len().min(w.len()) >= 3
                && c.len().abs_diff(w.len()) == 1
                && edit_distance(&wanted.to_string(), &id.to_string()) == 1
        };
        if close && id != wanted {
            if found.is_some_and(|f| f != id) {
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

    #[test]
    fn suggests_an_id_only_when_one_fits() {
        assert_eq!(nearest_id(1419, [312, 1102, 1491]), Some(1491));
        assert_eq!(nearest_id(1409, [312, 1400, 1491]), Some(1400));
        assert_eq!(nearest_id(140, [312, 1400, 1491]), Some(1400));
        assert_eq!(nearest_id(99, [1, 4, 5]), None);
        assert_eq!(nearest_id(42, [1, 4, 5]), None);
        assert_eq!(nearest_id(1492, [1491, 1493]), None);
    }
}
