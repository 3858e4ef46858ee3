//! Timestamps as ASL accepts them: RFC 3339 with an uppercase `T` between date and time and
//! an uppercase `Z` when there is no numeric offset (ASL spec, "Timestamps").

use std::sync::OnceLock;

fn pattern() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$",
        )
        .unwrap_or_else(|e| unreachable!("constant regex: {e}"))
    })
}

/// Whether `s` is a timestamp AWS accepts in Wait `Timestamp` and Choice `Timestamp*` rules.
pub fn is_valid(s: &str) -> bool {
    parse_millis(s).is_some()
}

/// Milliseconds since the Unix epoch of an ASL timestamp (fractions past milliseconds are
/// dropped), or `None` when `s` is not one.
pub fn parse_millis(s: &str) -> Option<i64> {
    parse_nanos(s).and_then(|n| i64::try_from(n.div_euclid(1_000_000)).ok())
}

/// Nanoseconds since the Unix epoch of an ASL timestamp, or `None` when `s` is not one.
/// Choice rules compare at this precision; digits past nanoseconds are dropped.
pub fn parse_nanos(s: &str) -> Option<i128> {
    let c = pattern().captures(s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i64>().ok());
    let (year, month, day) = (num(1)?, num(2)?, num(3)?);
    let (hour, minute, second) = (num(4)?, num(5)?, num(6)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset_minutes = match (num(9), num(10)) {
        (Some(h), Some(m)) if h <= 23 && m <= 59 => {
            let sign = if c.get(8).is_some_and(|m| m.as_str().starts_with('-')) {
                -1
            } else {
                1
            };
            sign * (h * 60 + m)
        }
        (Some(_), Some(_)) => return None,
        _ => 0,
    };
    let mut nanos: i128 = 0;
    if let Some(fraction) = c.get(7) {
        for (i, d) in fraction.as_str()[1..].chars().take(9).enumerate() {
            nanos += i128::from(d.to_digit(10)?) * 10_i128.pow(8 - i as u32);
        }
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(i128::from(seconds) * 1_000_000_000 + nanos)
}

/// `2026-01-31T12:00:00.000Z` for milliseconds since the Unix epoch, as AWS writes
/// timestamps in the context object.
pub fn format_millis(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1_000 % 60,
        rem % 1_000
    )
}

// Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339_as_aws_does() {
        assert!(is_valid("2016-03-14T01:59:00Z"));
        assert!(is_valid("2016-03-14T01:59:00.123Z"));
        assert!(is_valid("2016-03-14T01:59:00+02:00"));
        assert!(is_valid("2024-02-29T00:00:00Z"));
    }

    #[test]
    fn millis_round_trip_and_offsets() {
        assert_eq!(parse_millis("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_millis("2016-03-14T01:59:00Z"),
            Some(1_457_920_740_000)
        );
        assert_eq!(
            parse_millis("2016-03-14T03:59:00.5+02:00"),
            Some(1_457_920_740_500)
        );
        assert_eq!(format_millis(1_457_920_740_000), "2016-03-14T01:59:00.000Z");
        for ms in [0, 951_782_400_000, 4_102_444_800_123, -86_400_000] {
            assert_eq!(parse_millis(&format_millis(ms)), Some(ms));
        }
    }

    #[test]
    fn rejects_what_aws_rejects() {
        assert!(!is_valid("2016-03-14t01:59:00Z"), "lowercase t");
        assert!(!is_valid("2016-03-14T01:59:00z"), "lowercase z");
        assert!(!is_valid("2016-03-14 01:59:00Z"), "space separator");
        assert!(!is_valid("2016-03-14T01:59:00"), "no zone");
        assert!(!is_valid("2023-02-29T00:00:00Z"), "not a leap year");
        assert!(!is_valid("2016-13-14T01:59:00Z"), "month 13");
        assert!(!is_valid("yesterday"));
    }
}
