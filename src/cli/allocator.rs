//! The C allocator's settings for a run of the command.

/// Blocks of this size or more are mapped on their own, and given back to the system as
/// soon as they are freed.
///
/// glibc starts at 128 KiB but raises the threshold (up to 32 MiB) each time such a block
/// is freed: once the first large lists of a run are freed, the later ones (sketches,
/// band keys, findings) are carved from the shared heap, where the room freed between
/// them stays resident. Kept fixed, the peak resident set of a check of the 200 MB
/// benchmark corpus was 17–27 MB lower when this was measured (451 MB against 468–478
/// MB), in the same time. It is set above
/// the 316 KiB tables that compiling each Unicode class of the rule data's patterns takes
/// and frees: mapped afresh each time, they cost a short run (a pre-commit hook's) 5 ms.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 512 * 1024;

/// Free room at the top of the heap kept rather than given back. Fixing the mapping
/// threshold also fixes this one at its 128 KiB start, where glibc would have raised it
/// with the other: the heap would shrink and grow again, page by page, all run long.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: libc::c_int = 32 * 1024 * 1024;

/// Sets the allocator up for a run: called once, first thing, by the command.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets parameters of glibc's allocator, under its own lock;
    // the values are in their range. It returns 0 when it refuses, and the default then
    // stands: nothing else depends on it.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}
