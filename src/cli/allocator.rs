//! The C allocator's settings for a run of the command.

/// Blocks of this size or more are mapped on their own, and given back to the system as
/// soon as they are freed.
///
/// glibc starts at 128 KiB but raises the threshold (up to 32 MiB) each time such a block
/// is freed: once the first large lists of a run are freed, the later ones (sketches,
/// band keys, findings) are carved from the shared heap, where the room freed between
/// them stays resident. Kept fixed, the peak resident set of a check of the 200 MB
/// benchmark corpus is 458 MB instead of 476–483 MB, in the same time.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 256 * 1024;

/// Sets the allocator up for a run: called once, first thing, by the command.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a parameter of glibc's allocator, under its own lock;
    // the value is in its range. It returns 0 when it refuses, and the default then
    // stands: nothing else depends on it.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}
