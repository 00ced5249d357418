//! One entry file, as any bytes, through the whole pipeline
//! (`docket::fuzz_entry`): no input may make docket panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    docket::fuzz_entry(data);
});
