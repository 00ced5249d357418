//! How the allocator of the docket binary (mimalloc, `src/main.rs`) treats
//! the memory a run frees.
//!
//! By default mimalloc hands memory that stays unused for 10 ms back to the
//! kernel, and asks for it again when it needs it. A build makes and drops
//! hundreds of megabytes of pages, rows, postings and exports as it goes,
//! so memory went back and forth all along a run; the kernel zeroes every
//! page it hands out, which on a virtual machine also costs the host a
//! fault. A run that ends within seconds keeps what it frees instead: a
//! build of 100,000 entries then spent 6.9 to 8.5 s in the kernel where it
//! had spent 7.2 to 19.4 s, at a peak memory 1 to 4% higher (the book's
//! performance chapter, "Memory kept").

/// mimalloc v2's `mi_option_purge_delay`, which `libmimalloc-sys` does not
/// name: how long freed memory waits before it is handed back, in
/// milliseconds; `-1` for never.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// Its default in mimalloc v2.
const DEFAULT_PURGE_DELAY: libc::c_long = 10;

/// The environment variables mimalloc reads the delay from (the second
/// is its older name).
const PURGE_DELAY_VARS: [&str; 2] = ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"];

/// Keeps the memory the process frees until it ends, for the commands
/// that end (`build`, `check`, …); `serve`, which lives on between
/// rebuilds, keeps the default. A delay set in the environment wins. The
/// option is changed only while it holds mimalloc's default, which leaves
/// it alone should a later mimalloc number its options otherwise. To be
/// called before any other thread starts.
pub fn keep_freed_memory() {
    if PURGE_DELAY_VARS
        .iter()
        .any(|v| std::env::var_os(v).is_some())
    {
        return;
    }
    // SAFETY: plain reads and writes of mimalloc's option table, made
    // while the program has one thread (mimalloc's options are not
    // thread-safe).
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purge_delay() -> libc::c_long {
        // SAFETY: a read of mimalloc's option table.
        unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
    }

    #[test]
    fn freed_memory_is_kept_unless_the_environment_sets_the_delay() {
        // The option this module names holds purge_delay's value: the one
        // set in the environment, or mimalloc's default. Another option
        // at that number would hold another value.
        let set = PURGE_DELAY_VARS
            .iter()
            .find_map(|v| std::env::var(v).ok())
            .and_then(|v| v.parse::<libc::c_long>().ok());
        assert_eq!(purge_delay(), set.unwrap_or(DEFAULT_PURGE_DELAY));
        keep_freed_memory();
        assert_eq!(purge_delay(), set.unwrap_or(-1));
    }
}
