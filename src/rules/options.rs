//! The options of the rule families, as rules see them: resolved from the settings once.

use serde::{Deserialize, Serialize};

use crate::rules::{chrome, duplicate, metadata};

/// What the rules are told: each family's thresholds and requirements.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleOptions {
    pub duplicate: duplicate::Options,
    pub chrome: chrome::Options,
    pub metadata: metadata::Options,
}
