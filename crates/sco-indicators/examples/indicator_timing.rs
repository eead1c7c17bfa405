//! Times the indicator computations for docs/benchmarks.md: loading each embedded table,
//! one weight figure, and full 1996–latest series for every grouping.
//!
//! Run: `cargo run --release -p sco-indicators --example indicator_timing`

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sco_data::{embedded, Embedded};
use sco_indicators::{
    cohesion, latest_year, weight, GroupSpec, Measure, ScoMembership, ScoTier, WeightOptions,
    YearRule,
};

struct Ledger(sco_ledger::History);

impl ScoMembership for Ledger {
    fn states(&self, tier: ScoTier, date: NaiveDate) -> Result<Vec<String>, String> {
        let s = self.0.snapshot(date);
        let mut v = s.members();
        if matches!(
            tier,
            ScoTier::MembersObservers | ScoTier::MembersObserversDialoguePartners
        ) {
            v.extend(s.observers());
        }
        if tier == ScoTier::MembersObserversDialoguePartners {
            v.extend(s.dialogue_partners());
        }
        if tier == ScoTier::MembersPartners {
            v.extend(s.partners());
        }
        let mut codes: Vec<String> = v.iter().map(|c| c.to_string()).collect();
        codes.sort();
        codes.dedup();
        Ok(codes)
    }
    fn source(&self) -> String {
        "ledger".into()
    }
}

/// A named loader of one embedded table.
type Loader = (&'static str, Box<dyn Fn() -> bool>);

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn best_of<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..n).map(|_| time(&mut f).1).min().unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("first use (parse of the embedded file):");
    let loads: [Loader; 10] = [
        (
            "wb_indicators.csv",
            Box::new(|| embedded::world_bank().is_ok()),
        ),
        ("sipri_milex.csv", Box::new(|| embedded::sipri().is_ok())),
        ("cow_nmc_v7.csv", Box::new(|| embedded::nmc().is_ok())),
        (
            "vdem_democracy_indices.csv",
            Box::new(|| embedded::vdem().is_ok()),
        ),
        (
            "freedom_house_fiw.csv",
            Box::new(|| embedded::freedom_house().is_ok()),
        ),
        (
            "unga_ideal_points.csv",
            Box::new(|| embedded::unga().is_ok()),
        ),
        (
            "cow_trade_dyadic_sco.csv",
            Box::new(|| embedded::dyadic_trade().is_ok()),
        ),
        (
            "country_codes.csv",
            Box::new(|| embedded::countries().is_ok()),
        ),
        (
            "countries-50m.json (areas)",
            Box::new(|| embedded::areas().is_ok()),
        ),
        (
            "organizations.toml",
            Box::new(|| embedded::groupings().is_ok()),
        ),
    ];
    for (name, load) in &loads {
        let (ok, d) = time(load);
        println!(
            "  {name:<30} {:>8.1} ms{}",
            d.as_secs_f64() * 1e3,
            if ok { "" } else { " (FAILED)" }
        );
    }
    let (history, d) = time(|| sco_ledger::Ledger::embedded().and_then(|l| l.replay()));
    println!(
        "  {:<30} {:>8.1} ms",
        "ledger (parse + replay)",
        d.as_secs_f64() * 1e3
    );
    let sco = Ledger(history?);

    let all = [
        Measure::Population,
        Measure::GdpUsd,
        Measure::GdpPpp,
        Measure::MilexUsd,
        Measure::MerchTrade,
        Measure::Area,
    ];
    let options = WeightOptions::default();
    let date = NaiveDate::from_ymd_opt(2024, 7, 4).ok_or("date")?;
    let members = GroupSpec::Sco {
        tier: ScoTier::Members,
        date,
    }
    .resolve(&Embedded, &sco)?;
    let single = best_of(50, || weight(&Embedded, &members, 2024, &all, &options));
    println!(
        "\none weight (SCO members 2024, 6 measures), best of 50: {:.3} ms",
        single.as_secs_f64() * 1e3
    );
    let single_coh = best_of(20, || {
        cohesion(&Embedded, &members, 2024, YearRule::LatestAvailable)
    });
    println!(
        "one cohesion (SCO members 2024), best of 20:           {:.3} ms",
        single_coh.as_secs_f64() * 1e3
    );

    let latest = latest_year(
        &Embedded,
        &[Measure::Population, Measure::GdpUsd, Measure::GdpPpp],
    )?
    .ok_or("no year")?;
    let specs: Vec<Box<dyn Fn(NaiveDate) -> GroupSpec>> = vec![
        Box::new(|d| GroupSpec::Sco {
            tier: ScoTier::Members,
            date: d,
        }),
        Box::new(|d| GroupSpec::Sco {
            tier: ScoTier::MembersObservers,
            date: d,
        }),
        Box::new(|d| GroupSpec::Sco {
            tier: ScoTier::MembersObserversDialoguePartners,
            date: d,
        }),
        Box::new(|d| GroupSpec::Sco {
            tier: ScoTier::MembersPartners,
            date: d,
        }),
        Box::new(|d| GroupSpec::Organization {
            id: "nato".into(),
            date: d,
        }),
        Box::new(|d| GroupSpec::Organization {
            id: "eu".into(),
            date: d,
        }),
        Box::new(|d| GroupSpec::Organization {
            id: "brics".into(),
            date: d,
        }),
        Box::new(|d| GroupSpec::Organization {
            id: "g7".into(),
            date: d,
        }),
        Box::new(|_| GroupSpec::Named("shanghai-five".into())),
        Box::new(|_| GroupSpec::Named("western-big-five".into())),
        Box::new(|_| GroupSpec::Named("non-western-big-five".into())),
    ];
    let run_series = || -> Result<usize, Box<dyn std::error::Error>> {
        let mut figures = 0;
        for spec in &specs {
            for year in 1996..=latest {
                let d = NaiveDate::from_ymd_opt(year, 12, 31).ok_or("date")?;
                let group = spec(d).resolve(&Embedded, &sco)?;
                if group.members.is_empty() {
                    continue;
                }
                figures += weight(&Embedded, &group, year, &all, &options)?
                    .measures
                    .len();
            }
        }
        Ok(figures)
    };
    let figures = run_series()?;
    let series = best_of(10, &run_series);
    println!(
        "\nfull series 1996-{latest}, {} groupings x 6 measures ({figures} figures, membership resolved each year), best of 10: {:.1} ms",
        specs.len(),
        series.as_secs_f64() * 1e3
    );
    let coh_series = best_of(5, || {
        for year in 1996..=latest {
            let d = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
            if let Ok(g) = (GroupSpec::Sco {
                tier: ScoTier::Members,
                date: d,
            })
            .resolve(&Embedded, &sco)
            {
                let _ = cohesion(&Embedded, &g, year, YearRule::Exact);
            }
        }
    });
    println!(
        "cohesion series 1996-{latest} for SCO members, best of 5: {:.1} ms",
        coh_series.as_secs_f64() * 1e3
    );
    Ok(())
}
