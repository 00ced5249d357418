//! The front matter splitter: never panics, and the parts it returns are
//! ranges of the text that follow each other.

#![no_main]

use docket::content::split::split;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parts) = split(text) {
        assert!(parts.front.start <= parts.front.end);
        assert!(parts.front.end <= parts.body.start);
        assert!(parts.body.end == text.len());
        // Both are slices of the text: on character boundaries.
        let _ = &text[parts.front.clone()];
        let _ = &text[parts.body.clone()];
    }
});
