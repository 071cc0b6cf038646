//! What the integration tests share.

use proptest::test_runner::{Config, RngSeed};

/// Property tests replay one fixed sequence of cases, so a test run checks the cases
/// the last run checked and a failure can be reproduced. `PROPTEST_RNG_SEED=<n>` and
/// `PROPTEST_CASES=<n>` explore further; a failure found that way is saved in the
/// test's `.proptest-regressions` file and replayed first from then on.
pub fn proptest_config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(0x00c0_4b05);
    }
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}
