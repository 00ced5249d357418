//! Compact encodings of the index: postings as base-64 variable-length
//! numbers, and terms cut into shards of bounded size.

/// The digits of base 64, as the reader decodes them.
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Appends `v` as base-64 digits of five bits each, least significant
/// first, the sixth bit saying that more digits follow (the scheme of
/// source maps, without the sign).
pub fn push_number(out: &mut String, mut v: u32) {
    loop {
        let low = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low | 32] as char);
    }
}

/// Decodes what [`push_number`] wrote; `None` on a character outside the
/// alphabet or a number cut short.
#[cfg(test)]
pub fn numbers(s: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut value = 0u32;
    let mut shift = 0;
    for b in s.bytes() {
        let d = DIGITS.iter().position(|&x| x == b)? as u32;
        value |= (d & 31) << shift;
        if d & 32 == 0 {
            out.push(value);
            value = 0;
            shift = 0;
        } else {
            shift += 5;
        }
    }
    (shift == 0).then_some(out)
}

/// A term's postings: document numbers (ascending) with their scores, as
/// pairs of (gap from the previous document, score).
pub fn postings(list: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(list.len() * 2);
    let mut prev = 0;
    for &(doc, score) in list {
        push_number(&mut out, doc - prev);
        push_number(&mut out, score);
        prev = doc;
    }
    out
}

/// Cuts terms (sorted, each with its encoded size) into consecutive shards
/// of about `budget` bytes; a term larger than the budget gets a shard of
/// its own. Returns the index of each shard's first term.
pub fn cut(sizes: &[usize], budget: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut used = 0;
    for (i, &size) in sizes.iter().enumerate() {
        if starts.is_empty() || (used > 0 && used + size > budget) {
            starts.push(i);
            used = 0;
        }
        used += size;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let values = [0, 1, 31, 32, 33, 1023, 1024, 65_535, 1 << 20, u32::MAX];
        let mut s = String::new();
        for v in values {
            push_number(&mut s, v);
        }
        assert_eq!(numbers(&s).unwrap(), values);
        let mut one = String::new();
        push_number(&mut one, 31);
        assert_eq!(one.len(), 1, "small numbers take one character");
    }

    #[test]
    fn postings_are_gaps_and_scores() {
        let p = postings(&[(3, 10), (4, 1), (40, 100)]);
        assert_eq!(numbers(&p).unwrap(), [3, 10, 1, 1, 36, 100]);
    }

    #[test]
    fn shards_stay_within_budget() {
        assert_eq!(cut(&[], 10), Vec::<usize>::new());
        assert_eq!(cut(&[4, 4, 4, 4, 4], 10), [0, 2, 4]);
        // A term larger than the budget stands alone.
        assert_eq!(cut(&[4, 30, 4], 10), [0, 1, 2]);
        assert_eq!(cut(&[30, 4], 10), [0, 1]);
    }
}
