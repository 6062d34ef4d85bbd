//! Time as the user reads it: their time zone, and the formats dates and
//! times are shown in.
//!
//! The zone is read the way the C library reads it, without jiff's
//! `TimeZone::system()`, which also lists the whole zone database to learn the
//! zone's name (about 150 KB and a few milliseconds, for a name two-worlds never
//! shows).

use std::path::{Component, Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// `TZ` when it is set (a zone name such as `Europe/Paris`, a file path, or a POSIX
/// rule such as `<+14>-14`), else `/etc/localtime`; jiff's own lookup when neither
/// can be read.
pub fn local_zone() -> TimeZone {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let zoneinfo = env("TZDIR").map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from);
    zone_from(
        env("TZ").and_then(|v| v.into_string().ok()).as_deref(),
        &zoneinfo,
    )
    .unwrap_or_else(TimeZone::system)
}

/// "2026-11-28 14:02", in `zone`: the date and time `history` prints, in an
/// order that sorts as text.
pub fn numeric_date_time(time: Timestamp, zone: &TimeZone) -> String {
    formatted(time, zone, "%Y-%m-%d %H:%M")
}

/// "Saturday 1 March 2025, 20:15 CET", in `zone`: the date and time an
/// exported document gives, in full.
pub fn full_date_time(time: Timestamp, zone: &TimeZone) -> String {
    formatted(time, zone, "%A %-d %B %Y, %H:%M %Z")
}

/// `time` in `zone`, written as the `strftime` pattern says.
fn formatted(time: Timestamp, zone: &TimeZone, pattern: &str) -> String {
    time.to_zoned_datetime(zone.clone())
        .strftime(pattern)
        .to_string()
}

/// The zone `tz` names (or the machine's, for `None`), reading zone files from
/// `zoneinfo`; `None` when it cannot be read here.
fn zone_from(tz: Option<&str>, zoneinfo: &Path) -> Option<TimeZone> {
    let tzif = |name: &str, path: &Path| {
        let bytes = std::fs::read(path).ok()?;
        TimeZone::tzif(name, &bytes).ok()
    };
    let Some(tz) = tz else {
        return tzif("Local", Path::new("/etc/localtime"));
    };
    let name = tz.strip_prefix(':').unwrap_or(tz);
    if name.starts_with('/') {
        return tzif(name, Path::new(name));
    }
    // A name inside the zone folder, never one that climbs out of it.
    let plain = Path::new(name)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if plain && let Some(zone) = tzif(name, &zoneinfo.join(name)) {
        return Some(zone);
    }
    TimeZone::posix(tz).ok()
}

/// "Nov 28", in the user's time zone.
pub fn short_date(time: Timestamp, zone: &TimeZone) -> String {
    formatted(time, zone, "%b %-d")
}

/// "Nov 28, 14:02", in the user's time zone.
pub fn short_date_time(time: Timestamp, zone: &TimeZone) -> String {
    formatted(time, zone, "%b %-d, %H:%M")
}

/// "14:02:11", in the user's time zone.
pub fn short_time(time: Timestamp, zone: &TimeZone) -> String {
    formatted(time, zone, "%H:%M:%S")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_in_the_zone_given() {
        let zone = zone_from(Some("<+14>-14"), Path::new("/nonexistent")).unwrap();
        let time: jiff::Timestamp = "2025-03-01T20:15:00Z".parse().unwrap();
        assert_eq!(numeric_date_time(time, &zone), "2025-03-02 10:15");
        assert_eq!(
            full_date_time(time, &zone),
            "Sunday 2 March 2025, 10:15 +14"
        );
    }

    #[test]
    fn a_posix_rule_needs_no_zone_files() {
        let zone = zone_from(Some("<+14>-14"), Path::new("/nonexistent")).unwrap();
        let noon: jiff::Timestamp = "2026-12-02T12:00:00Z".parse().unwrap();
        assert_eq!(noon.to_zoned_datetime(zone).hour(), 2);
    }

    /// A TZif file (version 1) of one zone at UTC+14, built by hand so the test needs
    /// no zone database.
    fn tzif_plus_14() -> Vec<u8> {
        let mut bytes = b"TZif".to_vec();
        bytes.extend([0u8; 16]); // version 1, then 15 reserved bytes
        // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
        for count in [0u32, 0, 0, 0, 1, 4] {
            bytes.extend(count.to_be_bytes());
        }
        bytes.extend(50_400i32.to_be_bytes()); // the offset, in seconds
        bytes.extend([0, 0]); // not daylight time; its abbreviation at 0
        bytes.extend(b"+14\0");
        bytes
    }

    #[test]
    fn a_name_is_read_from_the_zone_folder_and_never_outside_it() {
        let root = tempfile::tempdir().unwrap();
        let zoneinfo = root.path().join("zoneinfo");
        std::fs::create_dir_all(zoneinfo.join("Far")).unwrap();
        std::fs::write(zoneinfo.join("Far/East"), tzif_plus_14()).unwrap();
        std::fs::write(root.path().join("outside"), tzif_plus_14()).unwrap();
        let noon: jiff::Timestamp = "2026-12-02T12:00:00Z".parse().unwrap();
        let zone = zone_from(Some("Far/East"), &zoneinfo).expect("read from the folder");
        assert_eq!(noon.to_zoned_datetime(zone).hour(), 2);
        let zone = zone_from(Some(":Far/East"), &zoneinfo).expect("a leading colon");
        assert_eq!(noon.to_zoned_datetime(zone).hour(), 2);
        // The same file one folder up is never reached by a name.
        assert!(zone_from(Some("../outside"), &zoneinfo).is_none());
        assert!(zone_from(Some("Nowhere/Test"), &zoneinfo).is_none());
    }
}
