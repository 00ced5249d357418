//! Any bytes as a shape of relations (`docket::fuzz_relations`): the site
//! built from it must stay within a size linear in its entries and
//! relations, whatever its chains, stars and circles.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docket::fuzz_relations(data);
});
