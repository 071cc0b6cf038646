//! The progress bar of the binary: on stderr, only on a terminal, and only once a run has
//! taken more than a moment, so quick runs and piped output stay clean.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use corpuslint::progress::Progress;

/// Runs shorter than this never show a bar.
const DELAY: Duration = Duration::from_millis(300);

pub struct TerminalProgress {
    bar: ProgressBar,
    /// Set once the bar is cleared; a bar is never shown after that.
    finished: Arc<Mutex<bool>>,
}

impl TerminalProgress {
    /// A bar that appears on stderr after [`DELAY`] unless the run is over by then.
    pub fn start() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let finished = Arc::new(Mutex::new(false));
        let (later, done) = (bar.clone(), Arc::clone(&finished));
        std::thread::spawn(move || {
            std::thread::sleep(DELAY);
            let done = done.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if !*done {
                later.set_draw_target(ProgressDrawTarget::stderr());
                later.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Self { bar, finished }
    }

    /// Clears the bar before results are printed.
    pub fn finish(&self) {
        let mut done = self
            .finished
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *done = true;
        self.bar.finish_and_clear();
    }
}

impl Progress for TerminalProgress {
    fn stage(&self, name: &'static str, total: Option<usize>) {
        let template = match total {
            Some(_) => "{spinner} {msg:<16} [{bar:30}] {pos}/{len} files",
            None => "{spinner} {msg:<16} {elapsed}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.set_message(name);
        self.bar.set_position(0);
        self.bar.set_length(total.unwrap_or(0) as u64);
    }

    fn advance(&self, done: usize) {
        self.bar.inc(done as u64);
    }
}
