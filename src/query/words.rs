//! Values as people write them: numbers with thousands separators, units and currencies, dates
//! at their precision, and gaps stated precisely enough that they never read as within
//! tolerance. Contradictions, corroborations and the examples word their values here.

use crate::model::{Amount, Quantity, Value};
use crate::time::{DatePoint, Precision, Season, TimeSpec};
use crate::{ClaimGraph, Unit};

/// A number as people write it: thousands separators, no trailing zeros (`1,695,000`, `78.8`,
/// `-0.25`).
///
/// ```
/// use claimgraph::query::format_number;
/// assert_eq!(format_number(1_695_000.0), "1,695,000");
/// assert_eq!(format_number(78.8), "78.8");
/// assert_eq!(format_number(-1234.5), "-1,234.5");
/// ```
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".to_owned()
        } else if x > 0.0 {
            "∞".to_owned()
        } else {
            "-∞".to_owned()
        };
    }
    // Rust prints the shortest text that reads back as `x`; large and small magnitudes in full.
    let text = if x.abs() >= 1e21 || (x != 0.0 && x.abs() < 1e-6) { format!("{x:e}") } else { format!("{x}") };
    if text.contains('e') {
        return text;
    }
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// The symbol written before an amount of a currency, for the common ones.
fn currency_symbol(key: &str) -> Option<&'static str> {
    Some(match key {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "RUB" => "₽",
        "KZT" => "₸",
        _ => return None,
    })
}

/// One number of an amount with its unit: `$1,500`, `40%`, `6,846 km`, `100,000 people`.
fn with_unit(x: f64, unit: Option<&Unit>) -> String {
    let n = format_number(x);
    let Some(unit) = unit else { return n };
    let key = unit.key.as_str();
    if let Some(symbol) = (unit.dimension == "money").then(|| currency_symbol(key)).flatten() {
        return if let Some(abs) = n.strip_prefix('-') { format!("-{symbol}{abs}") } else { format!("{symbol}{n}") };
    }
    match key {
        "%" => format!("{n}%"),
        "count" | "" => n,
        "person" if x != 1.0 => format!("{n} people"),
        // Word units take a plural ("3 days"); symbols do not ("3 km").
        _ if x != 1.0 && key.len() > 2 && key.chars().all(|c| c.is_ascii_lowercase()) && !key.ends_with('s') => {
            format!("{n} {key}s")
        }
        _ => format!("{n} {key}"),
    }
}

/// An amount with its unit as people write it: `about 100,000 people`, `200–999 km`, `more than
/// 40%`, `$1,500`.
pub fn describe_amount(amount: &Amount, unit: Option<&Unit>) -> String {
    let one = |x| with_unit(x, unit);
    match *amount {
        Amount::Exact(x) => one(x),
        Amount::Around(x) => format!("about {}", one(x)),
        Amount::Range(a, b) => {
            // The unit once, where it is written: `$10–20`, `10–20%`, `200–999 km`.
            let (a, b) = (format_number(a), one(b));
            match b.char_indices().find(|(_, c)| c.is_ascii_digit() || *c == '-') {
                Some((at, _)) if at > 0 => format!("{}{a}–{}", &b[..at], &b[at..]),
                _ => format!("{a}–{b}"),
            }
        }
        Amount::AtLeast(x) => format!("at least {}", one(x)),
        Amount::MoreThan(x) => format!("more than {}", one(x)),
        Amount::AtMost(x) => format!("at most {}", one(x)),
        Amount::LessThan(x) => format!("less than {}", one(x)),
    }
}

/// A quantity of a graph as people write it (see [`describe_amount`]).
pub fn describe_quantity(graph: &ClaimGraph, quantity: &Quantity) -> String {
    describe_amount(&quantity.amount, graph.unit(quantity.unit))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date at its precision: `20 November 2022`, `November 2022`, `summer 2022`, `2022`, with
/// `about` for an approximate date and `(uncertain)` for an uncertain one.
pub fn describe_date(point: &DatePoint) -> String {
    let year = point.year_number();
    let month = |m: u8| MONTHS.get(usize::from(m).wrapping_sub(1)).copied().unwrap_or("?");
    let mut out = match point.precision() {
        Precision::Day => format!("{} {} {year}", point.day().unwrap_or(1), month(point.month().unwrap_or(1))),
        Precision::Month => format!("{} {year}", month(point.month().unwrap_or(1))),
        Precision::Season => {
            let season = match point.season() {
                Some(Season::Spring) => "spring",
                Some(Season::Summer) => "summer",
                Some(Season::Autumn) => "autumn",
                Some(Season::Winter) | None => "winter",
            };
            format!("{season} {year}")
        }
        Precision::Year => year.to_string(),
    };
    if point.is_approximate() {
        out.insert_str(0, "about ");
    }
    if point.is_uncertain() {
        out.push_str(" (uncertain)");
    }
    out
}

/// A time scope as people write it: a date at its precision, `from March 2019 on`, `until
/// January 2022`, `2005 to 2022`.
///
/// ```
/// use claimgraph::query::describe_time;
/// let t: claimgraph::TimeSpec = "2019-03-20/..".parse()?;
/// assert_eq!(describe_time(&t), "from 20 March 2019 on");
/// assert_eq!(describe_time(&"2022-22".parse()?), "summer 2022");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn describe_time(time: &TimeSpec) -> String {
    match time {
        TimeSpec::At(p) => describe_date(p),
        TimeSpec::Between(Some(a), Some(b)) => format!("{} to {}", describe_date(a), describe_date(b)),
        TimeSpec::Between(Some(a), None) => format!("from {} on", describe_date(a)),
        TimeSpec::Between(None, Some(b)) => format!("until {}", describe_date(b)),
        TimeSpec::Between(None, None) => "any time".to_owned(),
    }
}

/// A claim's object as people write it: an actor's name, a quantity with its unit, a date at its
/// precision, a quoted text, `true`/`false`, or `claim <id>`.
pub fn describe_value(graph: &ClaimGraph, value: &Value) -> String {
    match value {
        Value::Actor(a) => graph.actor(*a).map_or_else(|| a.to_string(), |a| a.name().to_owned()),
        Value::Quantity(q) => describe_quantity(graph, q),
        Value::Date(d) => describe_time(d),
        Value::Text(t) => format!("\u{201c}{t}\u{201d}"),
        Value::Bool(b) => b.to_string(),
        Value::Claim(c) => graph.claim(*c).map_or_else(|| c.to_string(), |c| format!("claim {}", c.key())),
    }
}

/// A relative gap and a tolerance as percentages: the gap to two significant digits at least, and
/// both with as many decimals as it takes for the gap to read larger than the tolerance when it
/// is (`5.01%` against `5%`, never `5%` against `5%`), and no more than needed.
///
/// ```
/// use claimgraph::query::percent_pair;
/// assert_eq!(percent_pair(0.0501, 0.05), ("5.01%".to_owned(), "5%".to_owned()));
/// assert_eq!(percent_pair(0.5, 0.05), ("50%".to_owned(), "5%".to_owned()));
/// assert_eq!(percent_pair(0.03846, 0.02), ("3.8%".to_owned(), "2%".to_owned()));
/// ```
pub fn percent_pair(gap: f64, tolerance: f64) -> (String, String) {
    let show = |x: f64, decimals: usize| {
        let text = format!("{:.*}", decimals, x * 100.0);
        let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text };
        format!("{text}%")
    };
    if !gap.is_finite() {
        return ("∞%".to_owned(), show(tolerance, 2));
    }
    // Two significant digits of the gap: one decimal for 3.8%, none for 45%, two for 0.25%.
    let first = if gap > 0.0 { (1 - (gap * 100.0).log10().floor() as i64).clamp(0, 12) as usize } else { 0 };
    for decimals in first..=12 {
        let (g, t) = (format!("{:.*}", decimals, gap * 100.0), format!("{:.*}", decimals, tolerance * 100.0));
        let (gv, tv) = (g.parse::<f64>().unwrap_or(0.0), t.parse::<f64>().unwrap_or(0.0));
        // The words must order the two as the numbers are ordered.
        let faithful = if gap > tolerance {
            gv > tv
        } else if gap < tolerance {
            gv < tv
        } else {
            gv == tv
        };
        let tolerance_exact = (tv - tolerance * 100.0).abs() < 1e-9 || decimals == 12;
        if faithful && tolerance_exact {
            return (show(gap, decimals), show(tolerance, decimals));
        }
    }
    (show(gap, 12), show(tolerance, 12))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(key: &str, dimension: &str) -> Unit {
        Unit::new(key, dimension, 1.0)
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(999.0), "999");
        assert_eq!(format_number(1000.0), "1,000");
        assert_eq!(format_number(12345678.9), "12,345,678.9");
        assert_eq!(format_number(-1000000.0), "-1,000,000");
        assert_eq!(format_number(0.25), "0.25");
    }

    #[test]
    fn amounts_carry_their_units_and_currencies() {
        let usd = unit("USD", "money");
        let pct = unit("%", "ratio");
        let km = unit("km", "length");
        let person = unit("person", "count");
        let day = unit("day", "duration");
        assert_eq!(describe_amount(&Amount::Exact(1_695_000.0), Some(&person)), "1,695,000 people");
        assert_eq!(describe_amount(&Amount::Exact(1.0), Some(&person)), "1 person");
        assert_eq!(describe_amount(&Amount::Around(100_000.0), Some(&person)), "about 100,000 people");
        assert_eq!(describe_amount(&Amount::MoreThan(40.0), Some(&pct)), "more than 40%");
        assert_eq!(describe_amount(&Amount::Exact(6846.0), Some(&km)), "6,846 km");
        assert_eq!(describe_amount(&Amount::Exact(1500.0), Some(&usd)), "$1,500");
        assert_eq!(describe_amount(&Amount::Exact(3.0), Some(&day)), "3 days");
        assert_eq!(describe_amount(&Amount::Range(200.0, 999.0), Some(&km)), "200–999 km");
        assert_eq!(describe_amount(&Amount::Range(10.0, 20.0), Some(&usd)), "$10–20");
        assert_eq!(describe_amount(&Amount::Range(10.0, 20.0), Some(&pct)), "10–20%");
        assert_eq!(describe_amount(&Amount::LessThan(2e7), None), "less than 20,000,000");
    }

    #[test]
    fn dates_read_at_their_precision() {
        let t = |s: &str| describe_time(&s.parse().unwrap());
        assert_eq!(t("2022-11-20"), "20 November 2022");
        assert_eq!(t("2022-11"), "November 2022");
        assert_eq!(t("2022"), "2022");
        assert_eq!(t("2022~"), "about 2022");
        assert_eq!(t("2022?"), "2022 (uncertain)");
        assert_eq!(t("2022-24"), "winter 2022");
        assert_eq!(t("2005/2022"), "2005 to 2022");
        assert_eq!(t("../2022-01"), "until January 2022");
    }

    #[test]
    fn a_gap_beyond_the_tolerance_never_reads_as_within_it() {
        for (gap, tol) in
            [(0.0501, 0.05), (0.05000001, 0.05), (0.1, 0.1), (0.0499, 0.05), (0.2, 0.02), (1.0 / 3.0, 0.1)]
        {
            let (g, t) = percent_pair(gap, tol);
            let read = |s: &str| s.trim_end_matches('%').parse::<f64>().unwrap();
            assert_eq!(read(&g).partial_cmp(&read(&t)), gap.partial_cmp(&tol), "{g} vs {t}");
            assert!((read(&t) - tol * 100.0).abs() < 1e-9, "the tolerance reads exactly: {t}");
        }
        assert_eq!(percent_pair(0.05000001, 0.05).0, "5.000001%");
    }
}
