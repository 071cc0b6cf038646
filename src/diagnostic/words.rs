//! The words of findings and fixes, each made once and shared.

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Diagnostic;

/// Words that many findings may show or their fixes insert: a rule's own words, or words
/// made once for one finding or for many, never copied per finding. Compared as the words
/// they are.
///
/// One pointer to shared words, 16 bytes, and as much when optional: a run holds every
/// finding, its message, label, help and edits, until it is printed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Words(Arc<str>);

const _: () = assert!(std::mem::size_of::<Option<Words>>() == 16);

impl Words {
    /// Whether `self` and `other` are one copy of their words.
    pub fn is_same_copy(&self, other: &Words) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Words {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl serde::Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl std::fmt::Display for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

thread_local! {
    /// A rule's own words, made shared words once per thread: a rule gives the same words
    /// (its help, an empty replacement) to every finding and edit it makes.
    static OWN_WORDS: RefCell<FxHashMap<(usize, usize), Arc<str>>> = RefCell::default();
}

impl From<&'static str> for Words {
    fn from(words: &'static str) -> Self {
        let at = (words.as_ptr() as usize, words.len());
        Words(
            OWN_WORDS
                .with_borrow_mut(|own| Arc::clone(own.entry(at).or_insert_with(|| words.into()))),
        )
    }
}

impl From<String> for Words {
    fn from(words: String) -> Self {
        Words(words.into())
    }
}

impl From<Arc<str>> for Words {
    fn from(words: Arc<str>) -> Self {
        Words(words)
    }
}

/// One copy of each of the words findings repeat. A run holds every finding until it is
/// printed, and many say the very same thing (a site template's evidence on each of its
/// pages, a count of blank lines): findings made apart, on other threads or in other
/// rules, are given one copy when they join the list.
#[derive(Default)]
pub struct SharedWords {
    seen: FxHashSet<Arc<str>>,
}

impl SharedWords {
    /// `diagnostic`, its words pointed at the copies already seen.
    pub fn of(&mut self, mut diagnostic: Diagnostic) -> Diagnostic {
        self.share(&mut diagnostic.message);
        for words in [&mut diagnostic.label, &mut diagnostic.help]
            .into_iter()
            .flatten()
        {
            self.share(words);
        }
        diagnostic
    }

    fn share(&mut self, Words(own): &mut Words) {
        match self.seen.get(&**own) {
            Some(seen) => *own = Arc::clone(seen),
            None => {
                self.seen.insert(Arc::clone(own));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::rule::Rule;
    use crate::text::span::Span;

    fn finding(message: String, help: &'static str) -> Diagnostic {
        let rule: &'static Rule = crate::rules::registry::RULES[0];
        let mut d = Diagnostic::new(rule, 0, Span::new(0, 1), message);
        d.with_help(help);
        d
    }

    #[test]
    fn equal_words_made_apart_become_one_copy() {
        let mut shared = SharedWords::default();
        let a = shared.of(finding(format!("{} blank lines", 2), "remove them"));
        let other_thread =
            std::thread::spawn(|| finding(format!("{} blank lines", 2), "remove them"));
        let b = shared.of(other_thread.join().expect("made"));
        let c = shared.of(finding(format!("{} blank lines", 3), "remove them"));
        assert!(a.message.is_same_copy(&b.message));
        assert!(!a.message.is_same_copy(&c.message));
        assert_eq!(&*c.message, "3 blank lines");
        let (help_a, help_b) = (a.help.expect("help"), b.help.expect("help"));
        assert!(help_a.is_same_copy(&help_b), "{help_a} / {help_b}");
    }

    #[test]
    fn a_rules_own_words_are_made_once_per_thread() {
        const WORDS: &str = "use LF line endings";
        let (a, b) = (Words::from(WORDS), Words::from(WORDS));
        assert!(a.is_same_copy(&b));
        assert_eq!(&*a, WORDS);
    }
}
