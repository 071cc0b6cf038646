//! Rule data compiled on a thread of its own. Compiling the built-in data (the automata
//! and regular expressions of the phrase lists, the byline and date patterns) takes a
//! good share of a short run, a pre-commit hook's, and nothing needs it before the files
//! are found and read: it is compiled meanwhile, on a core the walk leaves idle.

use std::ops::Deref;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;

use super::RuleData;

/// Rule data, compiled or being compiled; waited for by the first rule that reads it.
pub struct Deferred {
    ready: OnceLock<RuleData>,
    compiling: Mutex<Option<JoinHandle<RuleData>>>,
}

impl Deferred {
    /// Data compiled already.
    pub fn ready(data: RuleData) -> Self {
        Self {
            ready: OnceLock::from(data),
            compiling: Mutex::new(None),
        }
    }

    /// Data `compile` makes on another thread; on this one when no thread can be had.
    pub fn spawn(compile: impl FnOnce() -> RuleData + Clone + Send + 'static) -> Self {
        let thread = std::thread::Builder::new()
            .name("rule data".into())
            .spawn(compile.clone());
        match thread {
            Ok(handle) => Self {
                ready: OnceLock::new(),
                compiling: Mutex::new(Some(handle)),
            },
            Err(_) => Self::ready(compile()),
        }
    }
}

impl Deref for Deferred {
    type Target = RuleData;

    fn deref(&self) -> &RuleData {
        self.ready.get_or_init(|| {
            let handle = self
                .compiling
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            match handle.map(JoinHandle::join) {
                Some(Ok(data)) => data,
                // A panic while compiling is passed on as it was.
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => unreachable!("the data is taken from its thread once"),
            }
        })
    }
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ready.get() {
            Some(data) => data.fmt(f),
            None => f.write_str("RuleData (compiling)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::UserData;

    #[test]
    fn data_compiled_on_another_thread_is_the_data_compiled_here() {
        let user = || RuleData::compile(&UserData::default()).expect("built-in data compiles");
        let deferred = Deferred::spawn(user);
        let here = user();
        assert_eq!(deferred.phrases.entries.len(), here.phrases.entries.len());
        assert_eq!(format!("{:?}", *deferred), format!("{here:?}"));
        // Read again, it is the same data, not compiled twice.
        assert!(std::ptr::eq(&*deferred, &*deferred));
    }
}
