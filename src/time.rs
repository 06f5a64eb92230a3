//! Dates of uneven precision: the time a claim is about and the time it was said.
//!
//! News text dates things loosely: "in 2019", "last January", "last summer", "on November 20",
//! "since 2005", "in the early 1930s". [`TimeSpec`] holds such a date in a compact text form that
//! is a subset of ISO 8601-2 / EDTF, so that it reads well in data files:
//!
//! | text | meaning |
//! |---|---|
//! | `2022` | the year 2022 |
//! | `2022-11` | November 2022 |
//! | `2022-11-20` | 20 November 2022 |
//! | `2022-22` | summer 2022 (seasons: `21` spring, `22` summer, `23` autumn, `24` winter) |
//! | `2022~`, `2022-06~` | approximately (widened by one unit of its precision on each side) |
//! | `2022?` | uncertain (kept and shown; bounds as written) |
//! | `2019-03-20/..` | an interval, here open-ended: since 20 March 2019 |
//! | `../2022-01`, `2005/2022` | intervals with an open or a closed start |
//!
//! Every form has calendar bounds ([`TimeSpec::bounds`]) as inclusive day numbers, so two specs
//! can be tested for overlap ([`TimeSpec::overlaps`]) whatever their precision.

use std::fmt;
use std::str::FromStr;

/// Why a date text could not be read; see [`TimeSpec::from_str`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeError {
    /// The text does not follow the date syntax.
    #[error("malformed date {text:?}: {reason}")]
    Malformed {
        /// The text as written.
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The text is well formed but names a day that does not exist.
    #[error("impossible date {text:?}: {reason}")]
    Impossible {
        /// The text as written.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// How precisely a [`DatePoint`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// A season of a year.
    Season,
    /// Year and month.
    Month,
    /// A calendar day.
    Day,
}

/// A season, as EDTF numbers them (northern hemisphere months).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    /// March to May (`21`).
    Spring,
    /// June to August (`22`).
    Summer,
    /// September to November (`23`).
    Autumn,
    /// December to February of the next year (`24`).
    Winter,
}

impl Season {
    fn code(self) -> u8 {
        match self {
            Season::Spring => 21,
            Season::Summer => 22,
            Season::Autumn => 23,
            Season::Winter => 24,
        }
    }
}

/// One calendar point of some [`Precision`], possibly approximate or uncertain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DatePoint {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
    season: Option<Season>,
    approximate: bool,
    uncertain: bool,
}

impl DatePoint {
    /// A whole year.
    pub fn year(year: i32) -> DatePoint {
        DatePoint { year, month: None, day: None, season: None, approximate: false, uncertain: false }
    }

    /// A calendar day, checked against the calendar.
    pub fn ymd(year: i32, month: u8, day: u8) -> Result<DatePoint, TimeError> {
        format!("{year:04}-{month:02}-{day:02}").parse::<DatePoint>()
    }

    /// The year.
    pub fn year_number(&self) -> i32 {
        self.year
    }

    /// The month (1-12), when known to the month or day.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when known to the day.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// The season, when the point is a season of its year.
    pub fn season(&self) -> Option<Season> {
        self.season
    }
    /// How precisely the point is known.
    pub fn precision(&self) -> Precision {
        if self.day.is_some() {
            Precision::Day
        } else if self.month.is_some() {
            Precision::Month
        } else if self.season.is_some() {
            Precision::Season
        } else {
            Precision::Year
        }
    }

    /// Whether the point is marked approximate (`~`).
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// Whether the point is marked uncertain (`?`).
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }

    /// The first and last day the point may denote, as day numbers (days since 1970-01-01).
    /// Approximate points are widened by one unit of their precision on each side.
    pub fn bounds(&self) -> (i64, i64) {
        let y = i64::from(self.year);
        let (lo, hi) = match (self.month, self.day, self.season) {
            (Some(m), Some(d), _) => {
                let n = days_from_civil(y, m, d);
                (n, n)
            }
            (Some(m), None, _) => (days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m))),
            (None, _, Some(s)) => match s {
                Season::Spring => (days_from_civil(y, 3, 1), days_from_civil(y, 5, 31)),
                Season::Summer => (days_from_civil(y, 6, 1), days_from_civil(y, 8, 31)),
                Season::Autumn => (days_from_civil(y, 9, 1), days_from_civil(y, 11, 30)),
                Season::Winter => (days_from_civil(y, 12, 1), days_from_civil(y + 1, 3, 1) - 1),
            },
            _ => (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)),
        };
        if !self.approximate {
            return (lo, hi);
        }
        let widen = match self.precision() {
            Precision::Day => 7,
            Precision::Month => 31,
            Precision::Season => 92,
            Precision::Year => 366,
        };
        (lo - widen, hi + widen)
    }
}

impl fmt::Display for DatePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", -i64::from(self.year))?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if let Some(s) = self.season {
            write!(f, "-{}", s.code())?;
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if self.approximate && self.uncertain {
            f.write_str("%")?;
        } else if self.approximate {
            f.write_str("~")?;
        } else if self.uncertain {
            f.write_str("?")?;
        }
        Ok(())
    }
}

fn malformed(text: &str, reason: &'static str) -> TimeError {
    TimeError::Malformed { text: text.to_owned(), reason }
}

fn parse_number(part: &str, digits: usize, text: &str, reason: &'static str) -> Result<u32, TimeError> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed(text, reason));
    }
    part.parse::<u32>().map_err(|_| malformed(text, reason))
}

impl FromStr for DatePoint {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<DatePoint, TimeError> {
        let mut body = text.trim();
        if body.is_empty() {
            return Err(malformed(text, "empty date"));
        }
        let (mut approximate, mut uncertain) = (false, false);
        if let Some(rest) = body.strip_suffix('%') {
            (approximate, uncertain, body) = (true, true, rest);
        } else if let Some(rest) = body.strip_suffix('~') {
            (approximate, body) = (true, rest);
        } else if let Some(rest) = body.strip_suffix('?') {
            (uncertain, body) = (true, rest);
        }
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let mut parts = body.split('-');
        let year_part = parts.next().unwrap_or_default();
        let year = parse_number(year_part, 4, text, "expected a four-digit year, as in 2022, 2022-11 or 2022-11-20")?;
        let year = if negative { -(year as i32) } else { year as i32 };
        let mut point = DatePoint { year, month: None, day: None, season: None, approximate, uncertain };
        if let Some(second) = parts.next() {
            let n =
                parse_number(second, 2, text, "expected a two-digit month (01-12) or season (21-24) after the year")?;
            match n {
                1..=12 => point.month = Some(n as u8),
                21 => point.season = Some(Season::Spring),
                22 => point.season = Some(Season::Summer),
                23 => point.season = Some(Season::Autumn),
                24 => point.season = Some(Season::Winter),
                _ => {
                    return Err(TimeError::Impossible {
                        text: text.to_owned(),
                        reason: format!("month {n:02} does not exist (months are 01-12, seasons 21-24)"),
                    });
                }
            }
        }
        if let Some(third) = parts.next() {
            let Some(month) = point.month else {
                return Err(malformed(text, "a season cannot be followed by a day"));
            };
            let d = parse_number(third, 2, text, "expected a two-digit day after the month")?;
            let max = days_in_month(i64::from(year), month);
            if d == 0 || d > u32::from(max) {
                return Err(TimeError::Impossible {
                    text: text.to_owned(),
                    reason: format!("{year:04}-{month:02} has {max} days, not {d}"),
                });
            }
            point.day = Some(d as u8);
        }
        if parts.next().is_some() {
            return Err(malformed(text, "too many parts; expected YYYY, YYYY-MM or YYYY-MM-DD"));
        }
        Ok(point)
    }
}

/// A date or interval of uneven precision, in a subset of ISO 8601-2 / EDTF: `2022`, `2022-11`,
/// `2022-11-20`, seasons `2022-21` (spring) to `2022-24` (winter), approximate `2022~`, uncertain
/// `2022?`, and intervals `2019-03-20/..`, `../2022-01`, `2005/2022`. Every form has calendar
/// bounds, so specs of any precision can be tested for overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeSpec {
    /// A single point: a year, season, month or day.
    At(DatePoint),
    /// An interval; `None` is an open end (`..`).
    Between(Option<DatePoint>, Option<DatePoint>),
}

impl TimeSpec {
    /// The first and last day this spec may denote, as inclusive day numbers since 1970-01-01;
    /// open ends are `i64::MIN` and `i64::MAX`.
    pub fn bounds(&self) -> (i64, i64) {
        match self {
            TimeSpec::At(p) => p.bounds(),
            TimeSpec::Between(a, b) => (a.map_or(i64::MIN, |p| p.bounds().0), b.map_or(i64::MAX, |p| p.bounds().1)),
        }
    }

    /// Whether the two specs may denote a common day.
    ///
    /// ```
    /// use claimgraph::TimeSpec;
    /// let summer: TimeSpec = "2022-22".parse()?;
    /// assert!(summer.overlaps(&"2022-07-14".parse()?));
    /// assert!(!summer.overlaps(&"2023".parse()?));
    /// assert!("2019-03-20/..".parse::<TimeSpec>()?.overlaps(&"2024".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn overlaps(&self, other: &TimeSpec) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b1 && b0 <= a1
    }

    /// Whether every day this spec may denote lies strictly after every day of `other`.
    pub fn is_after(&self, other: &TimeSpec) -> bool {
        self.bounds().0 > other.bounds().1
    }

    /// The earliest point written (the start of an interval, or the point itself).
    pub fn start(&self) -> Option<DatePoint> {
        match self {
            TimeSpec::At(p) => Some(*p),
            TimeSpec::Between(a, _) => *a,
        }
    }
}

impl fmt::Display for TimeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeSpec::At(p) => p.fmt(f),
            TimeSpec::Between(a, b) => {
                match a {
                    Some(p) => p.fmt(f)?,
                    None => f.write_str("..")?,
                }
                f.write_str("/")?;
                match b {
                    Some(p) => p.fmt(f),
                    None => f.write_str(".."),
                }
            }
        }
    }
}

impl FromStr for TimeSpec {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<TimeSpec, TimeError> {
        let Some((a, b)) = text.split_once('/') else {
            return text.parse().map(TimeSpec::At);
        };
        let end = |part: &str| -> Result<Option<DatePoint>, TimeError> {
            match part.trim() {
                ".." | "" => Ok(None),
                p => p.parse().map(Some).map_err(|e| match e {
                    TimeError::Malformed { reason, .. } => malformed(text, reason),
                    TimeError::Impossible { reason, .. } => TimeError::Impossible { text: text.to_owned(), reason },
                }),
            }
        };
        let (start, finish) = (end(a)?, end(b)?);
        if start.is_none() && finish.is_none() {
            return Err(malformed(text, "an interval needs at least one end"));
        }
        if let (Some(s), Some(f)) = (start, finish)
            && s.bounds().0 > f.bounds().1
        {
            return Err(TimeError::Impossible {
                text: text.to_owned(),
                reason: format!("the interval ends ({f}) before it starts ({s})"),
            });
        }
        Ok(TimeSpec::Between(start, finish))
    }
}

/// Packs a point in 8 bytes for binary formats: year, month, day, season code, flags
/// (bit 0 approximate, bit 1 uncertain); 0 means absent.
type PackedPoint = (i32, u8, u8, u8, u8);

fn pack(p: &DatePoint) -> PackedPoint {
    let flags = u8::from(p.approximate) | (u8::from(p.uncertain) << 1);
    (p.year, p.month.unwrap_or(0), p.day.unwrap_or(0), p.season.map_or(0, Season::code), flags)
}

fn unpack(packed: PackedPoint) -> Result<DatePoint, String> {
    let point = decode(packed)?;
    // A snapshot holds a point as its text form would read back, so that a corrupt snapshot
    // cannot hold an impossible date: a point in canonical form reads back as itself, any other
    // goes through its text form.
    if point.is_canonical() {
        return Ok(point);
    }
    point.to_string().parse::<DatePoint>().map_err(|e| e.to_string())
}

/// The point a packed form spells, field by field, before any check of the calendar.
fn decode((year, month, day, season, flags): PackedPoint) -> Result<DatePoint, String> {
    let season = match season {
        0 => None,
        21 => Some(Season::Spring),
        22 => Some(Season::Summer),
        23 => Some(Season::Autumn),
        24 => Some(Season::Winter),
        s => return Err(format!("invalid season code {s}")),
    };
    Ok(DatePoint {
        year,
        month: (month != 0).then_some(month),
        day: (day != 0).then_some(day),
        season,
        approximate: flags & 1 != 0,
        uncertain: flags & 2 != 0,
    })
}

impl DatePoint {
    /// Whether the text form of the point reads back as the point itself: a year of at most
    /// four digits, then a season, or a month (1-12) and maybe a day of that month.
    fn is_canonical(&self) -> bool {
        let calendar = match (self.season, self.month, self.day) {
            (_, None, None) => true,
            (None, Some(m), None) => (1..=12).contains(&m),
            (None, Some(m), Some(d)) => {
                (1..=12).contains(&m) && (1..=days_in_month(i64::from(self.year), m)).contains(&d)
            }
            _ => false,
        };
        calendar && (-9999..=9999).contains(&self.year)
    }
}

impl serde::Serialize for TimeSpec {
    /// The text form in human-readable formats (RON, JSON); a packed tuple in binary ones.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return serializer.collect_str(self);
        }
        let packed: (Option<PackedPoint>, Option<PackedPoint>, bool) = match self {
            TimeSpec::At(p) => (Some(pack(p)), None, false),
            TimeSpec::Between(a, b) => (a.as_ref().map(pack), b.as_ref().map(pack), true),
        };
        serde::Serialize::serialize(&packed, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for TimeSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<TimeSpec, D::Error> {
        use serde::de::Error;
        if deserializer.is_human_readable() {
            let text = String::deserialize(deserializer)?;
            return text.parse().map_err(D::Error::custom);
        }
        let (a, b, interval): (Option<PackedPoint>, Option<PackedPoint>, bool) =
            serde::Deserialize::deserialize(deserializer)?;
        let a = a.map(unpack).transpose().map_err(D::Error::custom)?;
        let b = b.map(unpack).transpose().map_err(D::Error::custom)?;
        match (a, interval) {
            (Some(p), false) => Ok(TimeSpec::At(p)),
            // Checked as the text form would be, as the points are: an interval that ends before
            // it starts is refused here as it is in a data file (through the text form, for its
            // message).
            (_, true) if a.is_some() || b.is_some() => match (a, b) {
                (Some(s), Some(f)) if s.bounds().0 > f.bounds().1 => {
                    TimeSpec::Between(a, b).to_string().parse().map_err(|e: TimeError| D::Error::custom(e))
                }
                _ => Ok(TimeSpec::Between(a, b)),
            },
            _ => Err(D::Error::custom("a time spec needs at least one point")),
        }
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points read from a snapshot's packed form are what their text form reads back as, or
    /// refused as it is: the canonical points skip the text, and agree with it.
    #[test]
    fn packed_points_read_back_as_their_text_does() {
        let through_text = |p: PackedPoint| -> Result<DatePoint, String> {
            let point = decode(p)?;
            point.to_string().parse::<DatePoint>().map_err(|e| e.to_string())
        };
        let years = [i32::MIN, -10_000, -9_999, -1, 0, 1, 1900, 2000, 2023, 2024, 9_999, 10_000, i32::MAX];
        let mut n = 0;
        for year in years {
            for month in [0u8, 1, 2, 11, 12, 13, 21, 24, 255] {
                for day in [0u8, 1, 28, 29, 30, 31, 32] {
                    for season in [0u8, 21, 24, 25] {
                        for flags in 0..4 {
                            let packed = (year, month, day, season, flags);
                            assert_eq!(unpack(packed), through_text(packed), "{packed:?}");
                            n += 1;
                        }
                    }
                }
            }
        }
        assert!(n > 10_000);
    }

    fn spec(s: &str) -> TimeSpec {
        s.parse().unwrap()
    }

    #[test]
    fn round_trips_every_form() {
        for text in [
            "2022",
            "2022-11",
            "2022-11-20",
            "2022-22",
            "2022~",
            "2022-06?",
            "2019-03-20/..",
            "../2022-01",
            "2005/2022",
            "2024-02-29",
            "2022-24%",
        ] {
            assert_eq!(spec(text).to_string(), text);
        }
    }

    #[test]
    fn epoch_and_leap_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28), 2);
        assert_eq!(spec("2024-02").bounds().1 - spec("2024-02").bounds().0, 28);
        assert_eq!(spec("2023-02").bounds().1 - spec("2023-02").bounds().0, 27);
    }

    #[test]
    fn winter_spans_the_new_year() {
        assert!(spec("2022-24").overlaps(&spec("2023-01-15")));
        assert!(!spec("2022-24").overlaps(&spec("2022-11")));
    }

    #[test]
    fn approximate_widens() {
        assert!(!spec("2022").overlaps(&spec("2023-01-05")));
        assert!(spec("2022~").overlaps(&spec("2023-01-05")));
    }

    #[test]
    fn rejects_malformed_and_impossible() {
        assert!(matches!("22-11".parse::<TimeSpec>(), Err(TimeError::Malformed { .. })));
        assert!(matches!("2022/11/20".parse::<TimeSpec>(), Err(TimeError::Malformed { .. })));
        assert!(matches!("2022-13".parse::<TimeSpec>(), Err(TimeError::Impossible { .. })));
        assert!(matches!("2023-02-29".parse::<TimeSpec>(), Err(TimeError::Impossible { .. })));
        assert!(matches!("2022-22-01".parse::<TimeSpec>(), Err(TimeError::Malformed { .. })));
        assert!(matches!("2023/2022".parse::<TimeSpec>(), Err(TimeError::Impossible { .. })));
        assert!(matches!("../..".parse::<TimeSpec>(), Err(TimeError::Malformed { .. })));
        assert!(matches!("".parse::<TimeSpec>(), Err(TimeError::Malformed { .. })));
    }

    #[test]
    fn interval_after() {
        assert!(spec("2023").is_after(&spec("2022-12-31")));
        assert!(!spec("2022-12").is_after(&spec("2022-12-31")));
    }
}
