//! How far a run has got, for a caller that wants to show it. The library prints nothing:
//! the binary passes an implementation that draws a progress bar on a terminal.

use std::time::{Duration, Instant};

/// Receives the stages of a run and the items done in each; called from worker threads.
pub trait Progress: Sync {
    /// A stage begins: `total` items, or `None` when the stage cannot count its work.
    fn stage(&self, _name: &'static str, _total: Option<usize>) {}

    /// `done` more items of the current stage are finished.
    fn advance(&self, _done: usize) {}
}

/// Shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// The wall time of each pass of a run, by name, in the order they ran (what
/// `--timings` prints).
pub type Passes = Vec<(&'static str, Duration)>;

/// Times the passes of a run as they end.
#[derive(Debug, Clone)]
pub struct Laps {
    clock: Instant,
    passes: Passes,
}

impl Default for Laps {
    fn default() -> Self {
        Self {
            clock: Instant::now(),
            passes: Vec::new(),
        }
    }
}

impl Laps {
    /// The pass `name` ends now: it took the time since the last one ended (or since the
    /// laps were started).
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.passes.push((name, now - self.clock));
        self.clock = now;
    }

    pub fn into_passes(self) -> Passes {
        self.passes
    }
}
