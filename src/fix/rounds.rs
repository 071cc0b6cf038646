//! What a round of `fix` takes over from the analysis before it: the chrome of the
//! documents whose chrome cannot have changed.
//!
//! The chrome detectors read nothing of other documents but how many documents (in all
//! and in their folder) hold each one-line paragraph (`site_template`). A document that
//! did not change keeps its chrome unless one of its one-line paragraphs is now held by
//! more or fewer documents: one that a changed document's text held before or holds now,
//! but not both.

use rayon::prelude::*;

use crate::corpus::DOCUMENTS_PER_TASK;
use crate::document::Document;
use crate::rules::chrome::site_template::one_line_keys;
use crate::text::hashing::KeySet;

/// The one-line keys whose counts `read` becoming `now` changes.
pub(super) fn touched(read: &Document, now: &Document) -> Vec<u128> {
    in_one_only(&one_line_keys(read), &one_line_keys(now))
}

/// Per document, whether the chrome found before a round is still its chrome: it did not
/// change, and none of its one-line keys is among the `touched` ones.
pub(super) fn chrome_still_found(
    documents: &[Document],
    changed: &[bool],
    touched: impl IntoIterator<Item = Vec<u128>>,
) -> Vec<bool> {
    let touched: KeySet<u128> = touched.into_iter().flatten().collect();
    documents
        .par_iter()
        .with_max_len(DOCUMENTS_PER_TASK)
        .zip(changed)
        .map(|(doc, &changed)| !changed && one_line_keys(doc).iter().all(|k| !touched.contains(k)))
        .collect()
}

/// The keys of one of two sorted lists without repeats that the other lacks: of a
/// document's one-line keys before and after a change, those whose counts changed (a key
/// both texts hold is held by as many documents as before).
fn in_one_only(a: &[u128], b: &[u128]) -> Vec<u128> {
    let (mut i, mut j, mut only) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                only.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                only.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    only.extend_from_slice(&a[i..]);
    only.extend_from_slice(&b[j..]);
    only
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_held_by_both_lists_are_left_out() {
        assert_eq!(
            in_one_only(&[1, 3, 5, 9], &[2, 3, 9, 11, 12]),
            [1, 2, 5, 11, 12]
        );
        assert_eq!(in_one_only(&[4, 7], &[4, 7]), [] as [u128; 0]);
        assert_eq!(in_one_only(&[], &[8]), [8]);
        assert_eq!(in_one_only(&[8], &[]), [8]);
    }

    fn doc(name: &str, text: &str) -> Document {
        Document::from_bytes(format!("site/{name}.txt").into(), text.as_bytes().to_vec())
    }

    #[test]
    fn a_document_keeps_its_chrome_unless_it_or_the_count_of_a_line_of_it_changed() {
        let body = "A paragraph of the article, long enough to be a paragraph of prose.";
        let read = doc("a", &format!("Home\n\n{body}\n\nShare this\n"));
        // The change drops `Share this` and keeps `Home`.
        let now = doc("a", &format!("Home\n\n{body}\n"));
        let touched = touched(&read, &now);
        assert_eq!(
            touched,
            in_one_only(&one_line_keys(&read), &one_line_keys(&now))
        );
        assert_eq!(touched.len(), 1);
        let documents = [
            now,
            doc("b", &format!("Home\n\n{body} Another.\n")),
            doc("c", &format!("{body} More.\n\nShare this\n")),
            doc("d", &format!("{body} Other.\n")),
        ];
        let kept = chrome_still_found(&documents, &[true, false, false, false], [touched]);
        // The changed one is found again, and so is the one holding the line whose count
        // changed; the one sharing only `Home`, held as before, and the other are kept.
        assert_eq!(kept, [false, true, false, true]);
    }
}
