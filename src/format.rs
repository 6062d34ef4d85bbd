//! Version numbers of the files two-worlds reads and writes, checked in one place.
//!
//! Each file begins with `format = N`. Each kind of file has one home that owns its
//! number and knows how its older versions are read:
//! - scenario files: [`crate::exercise::SCENARIO_FORMAT`];
//! - journal entries: [`crate::journal::ENTRY_FORMAT`] (in `src/journal/entry_file.rs`);
//! - the program's state file: [`crate::state::STATE_FORMAT`].
//!
//! Those homes word their own messages; they ask [`Format::check`] what a number
//! means and [`Format::readable`] how to name what this version reads.

/// The versions of one kind of file that this two-worlds can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// The oldest version still read.
    pub oldest: u32,
    /// The version this two-worlds writes, and the newest it reads.
    pub current: u32,
}

/// What a file's `format` number means to this two-worlds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// A version this two-worlds reads (`oldest` to `current`).
    Readable(u32),
    /// Written by a newer two-worlds.
    Newer(i64),
    /// Not a version of this format: below the oldest, or not a whole number at all.
    Invalid,
}

impl Format {
    /// What the number `found` (`None`: not a whole number) means.
    pub fn check(&self, found: Option<i64>) -> Version {
        match found {
            Some(n) if n > i64::from(self.current) => Version::Newer(n),
            Some(n) if n >= i64::from(self.oldest) => {
                u32::try_from(n).map_or(Version::Invalid, Version::Readable)
            }
            _ => Version::Invalid,
        }
    }

    /// What this version reads, for messages: "format 1", "formats 1 to 2".
    pub fn readable(&self) -> String {
        if self.oldest == self.current {
            format!("format {}", self.current)
        } else {
            format!("formats {} to {}", self.oldest, self.current)
        }
    }
}

/// The value of a TOML whole number as the file wrote it (`2`, `+2`, `0x2`, `1_0`);
/// `None` when it does not fit in an `i64`.
pub fn whole_number(number: &toml::de::DeInteger<'_>) -> Option<i64> {
    let digits = number.as_str().replace('_', "");
    i64::from_str_radix(digits.trim_start_matches('+'), number.radix()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_TO_TWO: Format = Format {
        oldest: 1,
        current: 2,
    };

    #[test]
    fn numbers_are_readable_newer_or_invalid() {
        assert_eq!(ONE_TO_TWO.check(Some(1)), Version::Readable(1));
        assert_eq!(ONE_TO_TWO.check(Some(2)), Version::Readable(2));
        assert_eq!(ONE_TO_TWO.check(Some(3)), Version::Newer(3));
        assert_eq!(ONE_TO_TWO.check(Some(0)), Version::Invalid);
        assert_eq!(ONE_TO_TWO.check(Some(-2)), Version::Invalid);
        assert_eq!(ONE_TO_TWO.check(None), Version::Invalid);
    }

    #[test]
    fn what_is_read_is_named_in_words() {
        assert_eq!(ONE_TO_TWO.readable(), "formats 1 to 2");
        let one = Format {
            oldest: 1,
            current: 1,
        };
        assert_eq!(one.readable(), "format 1");
    }

    #[test]
    fn whole_numbers_are_read_in_every_way_toml_writes_them() {
        let value = |text: &str| {
            let table = toml::de::DeTable::parse(text).unwrap();
            let (_, value) = table.get_ref().iter().next().unwrap();
            whole_number(value.get_ref().as_integer().unwrap())
        };
        assert_eq!(value("format = 2"), Some(2));
        assert_eq!(value("format = +2"), Some(2));
        assert_eq!(value("format = 0x10"), Some(16));
        assert_eq!(value("format = 1_0"), Some(10));
        assert_eq!(value("format = -1"), Some(-1));
        assert_eq!(value("format = 99999999999999999999"), None);
    }
}
