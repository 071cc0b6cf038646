//! Numbers kept in 32 bits: the tables that hold one for every line or paragraph of a
//! corpus take half the room.

/// `n` (a count, a line, paragraph or document number) in 32 bits; past `u32::MAX`, which
/// takes more than 4 GiB of text, that number.
pub fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_past_32_bits_are_kept_as_the_largest() {
        assert_eq!(saturating_u32(7), 7);
        assert_eq!(saturating_u32(u32::MAX as usize), u32::MAX);
        #[cfg(target_pointer_width = "64")]
        assert_eq!(saturating_u32(u32::MAX as usize + 1), u32::MAX);
    }
}
