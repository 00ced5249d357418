//! No input breaks docket: a few thousand mutations of the fixture entries,
//! from a fixed seed, through the whole pipeline of one entry
//! ([`docket::fuzz_entry`]). A panic fails the test and prints the input.
//!
//! This is the small, always-run cousin of the cargo-fuzz target in `fuzz/`
//! (see the book's "Checking your changes" chapter).

use crate::common;

use std::path::Path;

/// xorshift64*: deterministic and good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that matter to the splitter, TOML, Markdown and the link resolver.
const TOKENS: &[&[u8]] = &[
    b"+++",
    b"+++\n",
    b"\r\n",
    b"\n",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\"",
    b"'''",
    b"\"\"\"",
    b"[",
    b"]",
    b"[[documents]]\n",
    b"{",
    b"}",
    b"=",
    b",",
    b"#",
    b"\\u",
    b"id = ",
    b"0",
    b"-1",
    b"4294967296",
    b"99999999999999999999",
    b"2025-02-30",
    b"2025-01-31T10:00:00Z",
    b"policy:",
    b"court-action:",
    b"commentary:0",
    b"](policy:1400)",
    b"](../policies/x.md)",
    b"](../documents/../../docket.toml)",
    b"[x][r]\n\n[r]: policy:1\n",
    b"<script>",
    b"`",
    b"```\n",
    b"| a |\n|---|\n",
    b"[^1]",
    b"\xE2\x80\x8B",
    b"\t",
    b"\0",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let b = (rng.next() & 0xFF) as u8;
                out.insert(at, b);
            }
            2 if !out.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + 1 + rng.below(32)).min(out.len());
                let piece = out[start..end].to_vec();
                out.splice(at..at, piece);
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(other.len() + 1);
                out.truncate(at);
                out.extend_from_slice(&other[cut..]);
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
        }
    }
    out
}

fn seeds() -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "content"] {
        collect(&common::repo().join(dir), &mut files);
    }
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read(p).expect("seed file"))
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

#[test]
fn mutated_entries_never_panic() {
    let seeds = seeds();
    assert!(seeds.len() > 20, "too few seeds: {}", seeds.len());
    for seed in &seeds {
        run(seed);
    }
    let mut rng = Rng(0x5EED_D0C4_E7E5_0001);
    for _ in 0..2000 {
        let base = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, &seeds, base);
        run(&input);
    }
}

fn run(input: &[u8]) {
    let result = std::panic::catch_unwind(|| docket::fuzz_entry(input));
    if result.is_err() {
        panic!(
            "docket panicked on this input:\n{:?}\n---\n{}",
            input,
            String::from_utf8_lossy(input)
        );
    }
}
