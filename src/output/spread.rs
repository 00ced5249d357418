//! Where on the disk a new staging folder's tree goes.
//!
//! ext4 gives a new folder an inode in its parent's group of inodes, and a
//! file one in its folder's group. Without a journal it also passes over,
//! one at a time, every inode of that group freed in the last minute (six
//! minutes while the block that records it is not yet written back), so
//! that a site built just after the last one was removed (`rm -rf public`,
//! then a build) looks again at every inode the removal freed for each
//! file and folder it makes: the 41,000 inodes of a fresh build of 10,000
//! entries took 5 to 15 s that way, against 2 s in a group nobody had
//! emptied (docs/performance.md, "The disk measured again").
//!
//! Two hints send the new tree elsewhere. The staging folder is marked as
//! the top of a tree of unrelated folders (`chattr +T`), which makes ext4
//! place each of its subfolders by its Orlov allocator: in the group with
//! the fewest folders and enough free room, searched from a hash of the
//! folder's name. And each of those subfolders is made under a name of this
//! build's own, then renamed into place, so that the search starts
//! somewhere else at every build rather than at the group the same name
//! led the last build to. The files and folders below a subfolder follow
//! it. Other file systems, and ext4 with a journal, take no account of
//! either hint or ignore them; nothing depends on them but where the inodes
//! are.

use std::fs;
use std::io;
use std::path::Path;

/// Marks `dir` as the top of a tree, where the file system supports it.
/// A hint only: any failure is ignored.
#[cfg(target_os = "linux")]
pub(super) fn mark_top(dir: &Path) {
    use std::os::unix::io::AsRawFd;
    /// `FS_TOPDIR_FL` of `linux/fs.h`, which the libc crate does not name.
    const TOPDIR: libc::c_long = 0x0002_0000;
    let Ok(file) = fs::File::open(dir) else {
        return;
    };
    let fd = file.as_raw_fd();
    let mut flags: libc::c_long = 0;
    // SAFETY: `fd` is an open descriptor for the lifetime of `file`, and both
    // requests read or write one `long` through the pointer given.
    unsafe {
        if libc::ioctl(fd, libc::FS_IOC_GETFLAGS, &mut flags) == 0 && flags & TOPDIR == 0 {
            flags |= TOPDIR;
            libc::ioctl(fd, libc::FS_IOC_SETFLAGS, &flags);
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub(super) fn mark_top(_: &Path) {}

/// Makes the folder `name` directly inside `root` under the temporary name
/// `.docket-{build}-{name}` (see the module's comment), then renames it into
/// place. If something is at `name` already, the temporary folder is
/// removed and the error returned; the caller makes the folder as it would
/// any other.
pub(super) fn make_top_folder(root: &Path, name: &str, build: &str) -> io::Result<()> {
    let temporary = root.join(format!(".docket-{build}-{name}"));
    fs::create_dir(&temporary)?;
    let target = root.join(name);
    // `rename` would replace an empty folder: never take another's place.
    if fs::symlink_metadata(&target).is_ok() {
        let _ = fs::remove_dir(&temporary);
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    fs::rename(&temporary, &target).inspect_err(|_| {
        let _ = fs::remove_dir(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_top_folder_is_made_in_place_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().unwrap();
        make_top_folder(dir.path(), "policies", "123").unwrap();
        assert!(dir.path().join("policies").is_dir());
        assert_eq!(names(dir.path()), ["policies"]);
    }

    #[test]
    fn a_top_folder_never_replaces_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("feed"), "a file").unwrap();
        fs::create_dir(dir.path().join("search")).unwrap();
        assert!(make_top_folder(dir.path(), "feed", "1").is_err());
        assert!(make_top_folder(dir.path(), "search", "1").is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("feed")).unwrap(),
            "a file"
        );
        assert_eq!(names(dir.path()), ["feed", "search"]);
    }

    /// Where the file system keeps the flag (ext4, XFS, Btrfs), it is set;
    /// elsewhere (tmpfs) marking is a no-op that must not fail.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_staging_folder_is_marked_as_the_top_of_a_tree_where_it_can_be() {
        use std::os::unix::io::AsRawFd;
        let dir = tempfile::tempdir().unwrap();
        mark_top(dir.path());
        let file = fs::File::open(dir.path()).unwrap();
        let mut flags: libc::c_long = 0;
        // SAFETY: as in `mark_top`.
        let r = unsafe { libc::ioctl(file.as_raw_fd(), libc::FS_IOC_GETFLAGS, &mut flags) };
        if r == 0 && flags & 0x0002_0000 == 0 {
            // Flags are read but this one not kept: only ext4 is known to
            // keep it, so say which file system this was.
            let mut st: libc::statfs = unsafe { std::mem::zeroed() };
            let c = std::ffi::CString::new(dir.path().as_os_str().as_encoded_bytes()).unwrap();
            // SAFETY: `c` is a valid path and `st` a `statfs` to fill.
            unsafe { libc::statfs(c.as_ptr(), &mut st) };
            assert_ne!(st.f_type, 0xEF53, "ext4 keeps the flag, and it was not set");
        }
    }
}
