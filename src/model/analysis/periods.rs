//! Periods of time from a document's date attribute: month (`2020-09`),
//! quarter (`2020-Q3`) or year (`2020`). Dates are ISO 8601 text (`YYYY-MM-DD`;
//! `YYYY-MM` and `YYYY` are accepted, anything after the day is ignored). A
//! date too coarse for the period (a bare year, by month) has no period.

use std::fmt;
use std::str::FromStr;

/// The length of one period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PeriodLength {
    /// Calendar months.
    Month,
    /// Calendar quarters (January–March is Q1).
    Quarter,
    /// Calendar years.
    #[default]
    Year,
}

impl FromStr for PeriodLength {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "month" | "months" => Ok(Self::Month),
            "quarter" | "quarters" => Ok(Self::Quarter),
            "year" | "years" => Ok(Self::Year),
            _ => Err(format!("`{s}` is not a period (month, quarter or year)")),
        }
    }
}

impl fmt::Display for PeriodLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        })
    }
}

/// One period: a year and, for months and quarters, its number (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// The calendar year.
    pub year: i32,
    /// Month 1–12, quarter 1–4, or 0 for a whole year.
    pub part: u8,
    /// Which kind of period this is.
    length: PeriodKey,
}

/// [`PeriodLength`] as an ordered key (so periods sort).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum PeriodKey {
    Month,
    Quarter,
    Year,
}

impl Period {
    /// The period of `length` that contains `date`; `None` when the date is
    /// not ISO 8601 or too coarse for `length`.
    pub fn of_date(date: &str, length: PeriodLength) -> Option<Self> {
        let date = date.trim();
        let year: i32 = date.get(..4)?.parse().ok()?;
        let month: Option<u8> = match date.get(4..5) {
            None => None,
            Some("-") => Some(
                date.get(5..7)?
                    .parse()
                    .ok()
                    .filter(|m| (1..=12).contains(m))?,
            ),
            Some(_) => return None,
        };
        Some(match length {
            PeriodLength::Year => Self {
                year,
                part: 0,
                length: PeriodKey::Year,
            },
            PeriodLength::Quarter => Self {
                year,
                part: (month? - 1) / 3 + 1,
                length: PeriodKey::Quarter,
            },
            PeriodLength::Month => Self {
                year,
                part: month?,
                length: PeriodKey::Month,
            },
        })
    }

    /// The period right after this one.
    pub fn next(self) -> Self {
        let last = match self.length {
            PeriodKey::Month => 12,
            PeriodKey::Quarter => 4,
            PeriodKey::Year => 0,
        };
        if self.part >= last {
            Self {
                year: self.year + 1,
                part: u8::from(last > 0),
                ..self
            }
        } else {
            Self {
                part: self.part + 1,
                ..self
            }
        }
    }

    /// Every period from `first` to `last`, both included, gaps filled (at
    /// most 10,000, against a typo like year 20200).
    pub fn range(first: Self, last: Self) -> Vec<Self> {
        let mut out = vec![first];
        let mut current = first;
        while current < last && out.len() < 10_000 {
            current = current.next();
            out.push(current);
        }
        out
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.length {
            PeriodKey::Year => write!(f, "{}", self.year),
            PeriodKey::Quarter => write!(f, "{}-Q{}", self.year, self.part),
            PeriodKey::Month => write!(f, "{}-{:02}", self.year, self.part),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Period, PeriodLength};

    #[test]
    fn dates_fall_into_months_quarters_and_years() {
        let label = |date: &str, length| Period::of_date(date, length).map(|p| p.to_string());
        assert_eq!(
            label("2020-09-18", PeriodLength::Month).as_deref(),
            Some("2020-09")
        );
        assert_eq!(
            label("2020-09-18", PeriodLength::Quarter).as_deref(),
            Some("2020-Q3")
        );
        assert_eq!(
            label("2020-01", PeriodLength::Quarter).as_deref(),
            Some("2020-Q1")
        );
        assert_eq!(label("2020", PeriodLength::Year).as_deref(), Some("2020"));
        assert_eq!(label("2020", PeriodLength::Month), None, "too coarse");
        assert_eq!(label("2020-13-01", PeriodLength::Month), None);
        assert_eq!(label("18.9.2020", PeriodLength::Year), None);
        assert_eq!(label("", PeriodLength::Year), None);
    }

    #[test]
    fn ranges_fill_the_gaps_across_years() {
        let p = |date| Period::of_date(date, PeriodLength::Quarter).unwrap();
        let labels: Vec<String> = Period::range(p("2019-11-01"), p("2020-05-01"))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(labels, ["2019-Q4", "2020-Q1", "2020-Q2"]);
        let m = |date| Period::of_date(date, PeriodLength::Month).unwrap();
        assert_eq!(Period::range(m("2020-12"), m("2021-01")).len(), 2);
        let y = |date| Period::of_date(date, PeriodLength::Year).unwrap();
        assert_eq!(Period::range(y("2018"), y("2020")).len(), 3);
    }
}
