//! [`DurationParts`]: the components of an Edm.Duration, an ISO 8601 day-time duration such as
//! `-P1DT2H3M4.5S`; [`Duration`](crate::runtime::Duration) keeps the text they were read from.

use std::fmt;
use std::str::FromStr;

/// The components of an Edm.Duration, `[-]P[nD][T[nH][nM][n[.f]S]]`.
///
/// Kept component by component as written (`PT90M` stays 90 minutes, not 1 hour 30);
/// comparison is by component too. Fractions of a
/// second are kept to the nanosecond; more precise ones are rejected rather than rounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DurationParts {
    /// Whether the duration is negative (`-P…`).
    pub negative: bool,
    /// Days (`nD`).
    pub days: u64,
    /// Hours (`nH`).
    pub hours: u64,
    /// Minutes (`nM`).
    pub minutes: u64,
    /// Whole seconds (`nS`).
    pub seconds: u64,
    /// Fraction of a second, in nanoseconds (below 1 000 000 000).
    pub nanoseconds: u32,
}

/// The error for a string that is not an Edm.Duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDurationError;

impl fmt::Display for ParseDurationError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("not an ISO 8601 day-time duration such as -P1DT2H3M4.5S")
    }
}

impl std::error::Error for ParseDurationError {}

impl DurationParts {
    /// As a `std::time::Duration`; `None` if negative or too long.
    pub fn to_std(self) -> Option<std::time::Duration> {
        if self.negative {
            return None;
        }
        let seconds = self
            .days
            .checked_mul(86_400)?
            .checked_add(self.hours.checked_mul(3_600)?)?
            .checked_add(self.minutes.checked_mul(60)?)?
            .checked_add(self.seconds)?;
        Some(std::time::Duration::new(seconds, self.nanoseconds))
    }
}

/// Split into days, hours, minutes and seconds.
impl From<std::time::Duration> for DurationParts {
    fn from(value: std::time::Duration) -> Self {
        let total = value.as_secs();
        DurationParts {
            negative: false,
            days: total / 86_400,
            hours: total % 86_400 / 3_600,
            minutes: total % 3_600 / 60,
            seconds: total % 60,
            nanoseconds: value.subsec_nanos(),
        }
    }
}

impl FromStr for DurationParts {
    type Err = ParseDurationError;

    fn from_str(text: &str) -> Result<Self, ParseDurationError> {
        parse(text).ok_or(ParseDurationError)
    }
}

pub(super) fn parse(text: &str) -> Option<DurationParts> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let body = unsigned.strip_prefix('P')?;
    let (date, time) = match body.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (body, None),
    };
    // `P` alone and a `T` with nothing after it are not durations.
    if time == Some("") || (date.is_empty() && time.is_none()) {
        return None;
    }
    let mut duration = DurationParts {
        negative,
        ..DurationParts::default()
    };
    if !date.is_empty() {
        duration.days = parse_digits(date.strip_suffix('D')?)?;
    }
    if let Some(time) = time {
        parse_time(time, &mut duration)?;
    }
    Some(duration)
}

/// Parses `[nH][nM][n[.f]S]`, each unit at most once and in that order.
fn parse_time(mut rest: &str, duration: &mut DurationParts) -> Option<()> {
    let mut previous_rank = 0;
    while !rest.is_empty() {
        let unit_at = rest.find(|c: char| c.is_ascii_alphabetic())?;
        let (number, tail) = rest.split_at(unit_at);
        // The unit is an ASCII letter, so one byte long.
        let (unit, after) = tail.split_at(1);
        rest = after;
        let rank = match unit {
            "H" => 1,
            "M" => 2,
            "S" => 3,
            _ => return None,
        };
        if rank <= previous_rank {
            return None;
        }
        previous_rank = rank;
        match unit {
            "H" => duration.hours = parse_digits(number)?,
            "M" => duration.minutes = parse_digits(number)?,
            _ => {
                let (whole, fraction) = match number.split_once('.') {
                    Some((whole, fraction)) => (whole, Some(fraction)),
                    None => (number, None),
                };
                duration.seconds = parse_digits(whole)?;
                duration.nanoseconds = fraction.map_or(Some(0), parse_nanoseconds)?;
            }
        }
    }
    Some(())
}

/// One or more ASCII digits, within `u64`.
fn parse_digits(digits: &str) -> Option<u64> {
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The digits after the decimal point as nanoseconds; digits past the ninth must be zeros.
fn parse_nanoseconds(digits: &str) -> Option<u32> {
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let (significant, beyond) = digits.split_at(digits.len().min(9));
    if beyond.bytes().any(|byte| byte != b'0') {
        return None;
    }
    let scale = 10u32.pow(9 - u32::try_from(significant.len()).ok()?);
    significant.parse::<u32>().ok().map(|value| value * scale)
}

/// The canonical form of the components: zero components left out, `PT0S` for zero.
impl fmt::Display for DurationParts {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        if self.negative {
            formatter.write_str("-")?;
        }
        formatter.write_str("P")?;
        if self.days > 0 {
            write!(formatter, "{}D", self.days)?;
        }
        let has_seconds = self.seconds > 0 || self.nanoseconds > 0;
        if self.hours == 0 && self.minutes == 0 && !has_seconds {
            return if self.days == 0 {
                formatter.write_str("T0S")
            } else {
                Ok(())
            };
        }
        formatter.write_str("T")?;
        if self.hours > 0 {
            write!(formatter, "{}H", self.hours)?;
        }
        if self.minutes > 0 {
            write!(formatter, "{}M", self.minutes)?;
        }
        if has_seconds {
            write!(formatter, "{}", self.seconds)?;
            write_fraction(formatter, self.nanoseconds)?;
            formatter.write_str("S")?;
        }
        Ok(())
    }
}

/// `.f` with trailing zeros dropped, or nothing for zero.
fn write_fraction(formatter: &mut fmt::Formatter, nanoseconds: u32) -> fmt::Result {
    if nanoseconds == 0 {
        return Ok(());
    }
    let digits = format!("{nanoseconds:09}");
    write!(formatter, ".{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> String {
        text.parse::<DurationParts>()
            .unwrap_or_else(|_| panic!("{text} parses"))
            .to_string()
    }

    #[test]
    fn parses_every_component() {
        let duration: DurationParts = "-P1DT2H3M4.5S".parse().unwrap();
        assert_eq!(
            duration,
            DurationParts {
                negative: true,
                days: 1,
                hours: 2,
                minutes: 3,
                seconds: 4,
                nanoseconds: 500_000_000,
            }
        );
        assert_eq!(duration.to_string(), "-P1DT2H3M4.5S");
    }

    #[test]
    fn writes_components_as_given() {
        for (text, expected) in [
            ("PT90M", "PT90M"),
            ("P0D", "PT0S"),
            ("PT0S", "PT0S"),
            ("+P2D", "P2D"),
            ("PT0.000000001S", "PT0.000000001S"),
            ("PT1.2300000000000S", "PT1.23S"),
            ("P1DT0H", "P1D"),
            ("PT5S", "PT5S"),
            ("-PT0S", "-PT0S"),
        ] {
            assert_eq!(canonical(text), expected, "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_day_time_duration() {
        for text in [
            "",
            "P",
            "PT",
            "-",
            "1D",
            "P1Y",
            "P1M",
            "PT1D",
            "P1H",
            "PT1M1H",
            "PT1H1H",
            "PT1.5M",
            "PT.5S",
            "PT1.S",
            "PT1.0000000001S",
            "P-1D",
            "P+1D",
            "PT1 S",
            "P99999999999999999999D",
            "p1d",
            "P1DT",
            "PT1HS",
            "PTS",
            "P1D1D",
            "PT1é",
            "--P1D",
        ] {
            assert!(text.parse::<DurationParts>().is_err(), "{text}");
        }
    }

    #[test]
    fn converts_to_and_from_std() {
        let std = std::time::Duration::new(90_061, 5);
        let duration = DurationParts::from(std);
        assert_eq!(duration.to_string(), "P1DT1H1M1.000000005S");
        assert_eq!(duration.to_std(), Some(std));
        assert_eq!("-PT1S".parse::<DurationParts>().unwrap().to_std(), None);
        let huge = DurationParts {
            days: u64::MAX,
            ..DurationParts::default()
        };
        assert_eq!(huge.to_std(), None);
    }
}
