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
    let Some(c) = pattern().captures(s) else {
        return false;
    };
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (num(1), num(2), num(3), num(4), num(5), num(6))
    else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    let offset_ok = match (num(9), num(10)) {
        (Some(h), Some(m)) => h <= 23 && m <= 59,
        _ => true,
    };
    (1..=days_in_month).contains(&day) && hour <= 23 && minute <= 59 && second <= 60 && offset_ok
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn accepts_rfc3339_as_aws_does() {
        assert!(is_valid("2016-03-14T01:59:00Z"));
        assert!(is_valid("2016-03-14T01:59:00.123Z"));
        assert!(is_valid("2016-03-14T01:59:00+02:00"));
        assert!(is_valid("2024-02-29T00:00:00Z"));
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
