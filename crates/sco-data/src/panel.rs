//! A dense country × year table: the shape every dataset here reduces to.
//!
//! Lookups by (code, year) happen millions of times when a series is computed for many
//! groupings, so values sit in one flat vector indexed by country and year offset.

use std::collections::HashMap;
use std::ops::RangeInclusive;

/// Values of one variable for countries (keyed by a code, usually ISO3) and years.
/// A missing value is `None`; it is never stored as zero.
#[derive(Debug, Clone)]
pub struct Panel<T> {
    index: HashMap<String, usize>,
    codes: Vec<String>,
    first_year: i32,
    last_year: i32,
    values: Vec<Option<T>>,
}

impl<T: Copy> Panel<T> {
    /// The value for `code` in `year`, if the source has one.
    pub fn get(&self, code: &str, year: i32) -> Option<T> {
        let row = *self.index.get(code)?;
        self.get_by_row(row, year)
    }

    fn get_by_row(&self, row: usize, year: i32) -> Option<T> {
        if year < self.first_year || year > self.last_year {
            return None;
        }
        let width = (self.last_year - self.first_year + 1) as usize;
        self.values[row * width + (year - self.first_year) as usize]
    }

    /// The closest year to `year` (at most `max_distance` years away) that has a value;
    /// ties go to the earlier year.
    pub fn nearest(&self, code: &str, year: i32, max_distance: i32) -> Option<(i32, T)> {
        let row = *self.index.get(code)?;
        (0..=max_distance).find_map(|d| {
            self.get_by_row(row, year - d)
                .map(|v| (year - d, v))
                .or_else(|| self.get_by_row(row, year + d).map(|v| (year + d, v)))
        })
    }

    /// Whether the code appears at all (with or without values).
    pub fn has_code(&self, code: &str) -> bool {
        self.index.contains_key(code)
    }

    /// All codes, in the order of first appearance in the file.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.codes.iter().map(String::as_str)
    }

    /// The span of years the table covers (values may still be missing inside it).
    pub fn years(&self) -> RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    /// The last year in which `code` has a value.
    pub fn last_year_for(&self, code: &str) -> Option<i32> {
        let row = *self.index.get(code)?;
        (self.first_year..=self.last_year)
            .rev()
            .find(|&y| self.get_by_row(row, y).is_some())
    }

    /// The first year in which `code` has a value.
    pub fn first_year_for(&self, code: &str) -> Option<i32> {
        let row = *self.index.get(code)?;
        (self.first_year..=self.last_year).find(|&y| self.get_by_row(row, y).is_some())
    }

    /// Every (code, value) present in `year`.
    pub fn values_in(&self, year: i32) -> impl Iterator<Item = (&str, T)> + '_ {
        self.codes
            .iter()
            .enumerate()
            .filter_map(move |(row, code)| self.get_by_row(row, year).map(|v| (code.as_str(), v)))
    }
}

/// Collects (code, year, value) triples, then lays them out densely.
#[derive(Debug)]
pub(crate) struct PanelBuilder<T> {
    entries: Vec<(usize, i32, T)>,
    index: HashMap<String, usize>,
    codes: Vec<String>,
}

impl<T: Copy> PanelBuilder<T> {
    pub(crate) fn new() -> Self {
        PanelBuilder {
            entries: Vec::new(),
            index: HashMap::new(),
            codes: Vec::new(),
        }
    }

    /// Registers a code even if it never gets a value (so `has_code` knows it).
    pub(crate) fn touch(&mut self, code: &str) -> usize {
        if let Some(&row) = self.index.get(code) {
            return row;
        }
        let row = self.codes.len();
        self.codes.push(code.to_string());
        self.index.insert(code.to_string(), row);
        row
    }

    pub(crate) fn push(&mut self, code: &str, year: i32, value: Option<T>) {
        let row = self.touch(code);
        if let Some(value) = value {
            self.entries.push((row, year, value));
        }
    }

    pub(crate) fn build(self) -> Panel<T> {
        let first_year = self.entries.iter().map(|e| e.1).min().unwrap_or(0);
        let last_year = self.entries.iter().map(|e| e.1).max().unwrap_or(-1);
        let width = (last_year - first_year + 1).max(0) as usize;
        let mut values = vec![None; width * self.codes.len()];
        for (row, year, value) in self.entries {
            values[row * width + (year - first_year) as usize] = Some(value);
        }
        Panel {
            index: self.index,
            codes: self.codes,
            first_year,
            last_year,
            values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Panel<f64> {
        let mut b = PanelBuilder::new();
        b.push("AAA", 2000, Some(1.0));
        b.push("AAA", 2003, Some(4.0));
        b.push("BBB", 2001, None);
        b.build()
    }

    #[test]
    fn lookups_return_stored_values_and_none_elsewhere() {
        let p = sample();
        assert_eq!(p.get("AAA", 2000), Some(1.0));
        assert_eq!(p.get("AAA", 2001), None);
        assert_eq!(p.get("AAA", 1999), None);
        assert_eq!(p.get("ZZZ", 2000), None);
        assert!(p.has_code("BBB"));
        assert_eq!(p.get("BBB", 2001), None);
        assert_eq!(p.years(), 2000..=2003);
    }

    #[test]
    fn nearest_prefers_the_earlier_year_on_ties() {
        let p = sample();
        assert_eq!(p.nearest("AAA", 2001, 1), Some((2000, 1.0)));
        assert_eq!(p.nearest("AAA", 2002, 1), Some((2003, 4.0)));
        assert_eq!(p.nearest("AAA", 2002, 0), None);
        assert_eq!(p.last_year_for("AAA"), Some(2003));
        assert_eq!(p.first_year_for("BBB"), None);
    }
}
