//! Dates as precise as their sources.
//!
//! Some facts are known to the day, others only to the month or the year (an official's term "2004–2006").
//! [`PartialDate`] keeps that precision instead of inventing a day.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::DomainError;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year.
    pub year: i32,
    /// The month (1–12), when known.
    pub month: Option<u32>,
    /// The day of the month, when known (only with a month).
    pub day: Option<u32>,
}

impl PartialDate {
    /// A date known to the day.
    pub fn from_date(date: NaiveDate) -> Self {
        use chrono::Datelike;
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// The first day this date may denote (1 January for a bare year).
    pub fn earliest(&self) -> NaiveDate {
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MIN)
    }

    /// The last day this date may denote (31 December for a bare year).
    pub fn latest(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(month), Some(day)) => {
                NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MAX)
            }
            (Some(month), None) => {
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(self.year, month + 1, 1)
                };
                next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    /// The exact day, when the date is known to the day.
    pub fn exact(&self) -> Option<NaiveDate> {
        match (self.month, self.day) {
            (Some(month), Some(day)) => NaiveDate::from_ymd_opt(self.year, month, day),
            _ => None,
        }
    }
}

impl FromStr for PartialDate {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || DomainError::InvalidDate(text.to_string());
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, width: usize| -> Result<u32, DomainError> {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            part.parse().map_err(|_| invalid())
        };
        let date = match parts.as_slice() {
            [year] => Self {
                year: number(year, 4)? as i32,
                month: None,
                day: None,
            },
            [year, month] => {
                let month = number(month, 2)?;
                if !(1..=12).contains(&month) {
                    return Err(invalid());
                }
                Self {
                    year: number(year, 4)? as i32,
                    month: Some(month),
                    day: None,
                }
            }
            [year, month, day] => {
                let year = number(year, 4)? as i32;
                let month = number(month, 2)?;
                let day = number(day, 2)?;
                NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)?;
                Self {
                    year,
                    month: Some(month),
                    day: Some(day),
                }
            }
            _ => return Err(invalid()),
        };
        Ok(date)
    }
}

/// Parses a full `YYYY-MM-DD` date, with the domain's error on failure.
pub fn parse_exact_date(text: &str) -> Result<NaiveDate, DomainError> {
    text.parse::<PartialDate>()?
        .exact()
        .ok_or_else(|| DomainError::InvalidDate(text.to_string()))
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_round_trips() {
        for text in ["2004", "2004-01", "2004-01-15"] {
            let date: PartialDate = text.parse().unwrap();
            assert_eq!(date.to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in [
            "2023-02-30",
            "2023-13",
            "23-01-01",
            "2023/01/01",
            "",
            "2023-1-01",
        ] {
            assert!(text.parse::<PartialDate>().is_err(), "{text} should fail");
        }
    }

    #[test]
    fn bounds_of_a_month_and_a_year() {
        let month: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(month.earliest().to_string(), "2024-02-01");
        assert_eq!(month.latest().to_string(), "2024-02-29");
        let year: PartialDate = "2006".parse().unwrap();
        assert_eq!(year.latest().to_string(), "2006-12-31");
        assert_eq!(year.exact(), None);
    }
}
