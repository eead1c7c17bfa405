//! Small descriptive statistics over members' values: mean, population-weighted mean,
//! standard deviation, extremes.

use serde::Serialize;

/// A member's value at an extreme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extreme {
    pub iso3: String,
    pub value: f64,
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
            .map(|v| Extreme {
                iso3: v.0.clone(),
                value: v.1,
            })
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
}
