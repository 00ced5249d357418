//! No shape of relations makes a site grow faster than its entries and
//! relations: chains, stars, circles and random graphs from a fixed seed,
//! each built whole in memory ([`docket::fuzz_relations`]), which panics
//! when the site is larger than its bound.
//!
//! This is the small, always-run cousin of the cargo-fuzz target
//! `relations` in `fuzz/` (see the book's "Checking your changes" chapter).

/// xorshift64*: deterministic and good enough to draw graphs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn byte(&mut self) -> u8 {
        (self.next() >> 56) as u8
    }
}

/// The input of `policies + 1` policies and `filings` court actions with these
/// relations: (kind, a, b) as `docket::fuzz::relations` reads them.
fn input(policies: u8, filings: u8, relations: impl Iterator<Item = (u8, u8, u8)>) -> Vec<u8> {
    // The first byte is the number of policies less one.
    let mut out = vec![policies, filings];
    for (k, a, b) in relations {
        out.extend([k, a, b]);
    }
    out
}

#[track_caller]
fn run(name: &str, bytes: &[u8]) {
    let shape = docket::fuzz_relations(bytes);
    eprintln!("{name}: {shape:?}");
}

#[test]
fn chains_and_stars_stay_within_their_bound() {
    run(
        "a chain of 256",
        &input(255, 0, (1..=255).map(|i| (0, i, i - 1))),
    );
    run(
        "one policy superseding 255 others",
        &input(255, 0, (0..255).map(|i| (0, 255, i))),
    );
    run(
        "one order 255 policies implement",
        &input(255, 0, (1..=255).map(|i| (3, i, 0))),
    );
    run(
        "two generations of stars",
        &input(
            255,
            0,
            (1..16)
                .map(|i| (0, i, 0))
                .chain((16..=255).map(|i| (0, i, i % 15 + 1))),
        ),
    );
    run(
        "a case of 63 filings challenging one policy",
        &input(7, 63, (0..63).map(|j| (5, j, 0))),
    );
}

#[test]
fn circles_and_self_references_stay_within_their_bound() {
    run(
        "a circle",
        &input(19, 0, (0..20).map(|i| (6, i, (i + 1) % 20))),
    );
    run(
        "supersedes and implements itself",
        &input(3, 0, [(6, 1, 1), (7, 2, 2), (6, 3, 0)].into_iter()),
    );
}

#[test]
fn random_shapes_stay_within_their_bound() {
    let mut rng = Rng(0x5EED_5A4E_0000_0001);
    for n in 0..16 {
        let len = 2 + 3 * (rng.next() % 400) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
        run(&format!("random shape {n}"), &bytes);
    }
    // Nothing at all is a shape too.
    run("no bytes", &[]);
}
