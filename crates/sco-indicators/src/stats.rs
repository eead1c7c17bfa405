//! Small descriptive statistics over members' values: mean, population-weighted mean,
//! standard deviation, extremes.

use serde::Serialize;

/// A member's value at an extreme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extreme {
    pub iso3: String,
    /// COW state number, if any.
    pub ccode: Option<u16>,
    /// Gleditsch-Ward state number, if any.
    pub gwcode: Option<u16>,
    pub value: f64,
}

impl Extreme {
    /// `iso3`'s value, with its state numbers looked up.
    pub fn new(iso3: String, value: f64) -> Self {
        let (ccode, gwcode) = state_numbers(&iso3);
        Extreme {
            iso3,
            ccode,
            gwcode,
            value,
        }
    }
}

/// The COW and Gleditsch-Ward numbers of a state, from the embedded code list
/// (`data/datasets/country_codes.csv`; none for a code the list does not know).
pub fn state_numbers(iso3: &str) -> (Option<u16>, Option<u16>) {
    sco_data::embedded::countries()
        .ok()
        .and_then(|countries| countries.get(iso3))
        .map_or((None, None), |c| (c.cow_code, c.gw_code))
}

/// How spread out the members are on one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Members with a value.
    pub n: usize,
    pub mean: Option<f64>,
    /// Mean weighted by population (members without population data left out).
    pub population_weighted_mean: Option<f64>,
    /// Population standard deviation (divides by n): the members are the whole group.
    pub sd: Option<f64>,
    pub min: Option<Extreme>,
    pub max: Option<Extreme>,
    /// max − min.
    pub range: Option<f64>,
}

/// Summarises `(iso3, value, population)` triples.
pub fn summarise(values: &[(String, f64, Option<f64>)]) -> Summary {
    let n = values.len();
    if n == 0 {
        return Summary {
            n,
            mean: None,
            population_weighted_mean: None,
            sd: None,
            min: None,
            max: None,
            range: None,
        };
    }
    let mean = values.iter().map(|v| v.1).sum::<f64>() / n as f64;
    let var = values.iter().map(|v| (v.1 - mean).powi(2)).sum::<f64>() / n as f64;
    let (weighted, weights) = values
        .iter()
        .filter_map(|v| v.2.map(|p| (v.1 * p, p)))
        .fold((0.0, 0.0), |acc, x| (acc.0 + x.0, acc.1 + x.1));
    let extreme = |pick_max: bool| {
        values
            .iter()
            .fold(None::<&(String, f64, Option<f64>)>, |best, v| match best {
                Some(b) if (pick_max && v.1 <= b.1) || (!pick_max && v.1 >= b.1) => Some(b),
                _ => Some(v),
            })
            .map(|v| Extreme::new(v.0.clone(), v.1))
    };
    let min = extreme(false);
    let max = extreme(true);
    let range = match (&min, &max) {
        (Some(a), Some(b)) => Some(b.value - a.value),
        _ => None,
    };
    Summary {
        n,
        mean: Some(mean),
        population_weighted_mean: (weights > 0.0).then(|| weighted / weights),
        sd: Some(var.sqrt()),
        min,
        max,
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_three_values() {
        let v = vec![
            ("A".to_string(), 1.0, Some(1.0)),
            ("B".to_string(), 2.0, Some(1.0)),
            ("C".to_string(), 6.0, Some(2.0)),
        ];
        let s = summarise(&v);
        assert_eq!(s.mean, Some(3.0));
        assert_eq!(s.population_weighted_mean, Some(15.0 / 4.0));
        assert!((s.sd.unwrap() - (14.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(s.min.unwrap().iso3, "A");
        assert_eq!(s.max.unwrap().iso3, "C");
        assert_eq!(s.range, Some(5.0));
        assert_eq!(summarise(&[]).mean, None);
    }

    #[test]
    fn extremes_carry_the_state_numbers_of_known_codes_only() {
        let v = vec![
            ("IND".to_string(), 0.3, None),
            ("SRB".to_string(), 0.5, None),
            ("XXX".to_string(), 0.1, None),
        ];
        let s = summarise(&v);
        let max = s.max.expect("a maximum");
        // Serbia: COW continues Yugoslavia's 345, Gleditsch-Ward gives it 340.
        assert_eq!(
            (max.iso3.as_str(), max.ccode, max.gwcode),
            ("SRB", Some(345), Some(340))
        );
        let min = s.min.expect("a minimum");
        assert_eq!((min.ccode, min.gwcode), (None, None));
        assert_eq!(state_numbers("IND"), (Some(750), Some(750)));
    }
}
