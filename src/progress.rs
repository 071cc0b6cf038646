//! How far a run has got, for a caller that wants to show it. The library prints nothing:
//! the binary passes an implementation that draws a progress bar on a terminal.

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
