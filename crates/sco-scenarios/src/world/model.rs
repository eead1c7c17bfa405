//! The `world` model as a model of the simulation engine (`sco simulate world --set ...`,
//! `sco sweep world`): one seeded hindcast run from a start year, reported year by year.
//!
//! The run is the core simulation of [`super::sim`] with the a priori parameters (or those
//! set with `--set`), every module switchable with a boolean parameter, statuses decided
//! by the expansion module and every sourced driver known. It is computed when the engine
//! creates the model (from the run's generator) and revealed one year per step.

use std::sync::Arc;

use sco_sim::{
    AgentRows, Column, Model, ParamError, ParamSet, ParamSpec, SimRng, StepContext, Value,
};

use super::inputs::{Target, WorldInputs, LAST_YEAR, TARGETS};
use super::params::{defaults, Modules, MODULES, PARAMS};
use super::sim::{simulate, Knowledge, Overrides, Path, Prepared, Setting, StatusMode};

/// The engine's parameters: the start year, every fitted parameter and a switch per module.
pub fn param_specs() -> Vec<ParamSpec> {
    let mut specs = vec![ParamSpec::int(
        "start_year",
        2001,
        i64::from(LAST_YEAR - 1),
        2001,
        "jump-off year: the world starts from the observations of this year and runs to 2025",
        "SCO founded 15 June 2001: seed 002_61fc8430d2336d0a.txt lines 21-24",
    )];
    for def in PARAMS {
        specs.push(ParamSpec::float(
            def.name,
            def.lo,
            def.hi,
            def.default,
            def.doc,
            def.source,
        ));
    }
    for (name, doc) in MODULES {
        specs.push(ParamSpec::bool(
            name,
            true,
            doc,
            "module switch (see docs/simulation/world-odd.md)",
        ));
    }
    specs
}

/// One hindcast run.
pub struct WorldModel {
    inputs: Arc<WorldInputs>,
    path: Path,
    step: usize,
}

impl WorldModel {
    /// Builds and runs the hindcast from the parameters.
    pub fn new(
        inputs: Arc<WorldInputs>,
        params: &ParamSet,
        rng: &mut SimRng,
    ) -> Result<WorldModel, ParamError> {
        let start = params.int("start_year")? as i32;
        let mut theta = defaults();
        for (t, def) in theta.iter_mut().zip(PARAMS.iter()) {
            *t = params.float(def.name)?;
        }
        let mut modules = Modules::default();
        for (name, _) in MODULES {
            modules
                .set(name, params.bool(name)?)
                .map_err(ParamError::Inconsistent)?;
        }
        let setting = Setting {
            theta,
            modules,
            knowledge: Knowledge::All,
            status: StatusMode::Endogenous,
            overrides: Overrides::default(),
        };
        let prep = Prepared::new(&inputs, start);
        let path = simulate(&prep, &setting, start, (LAST_YEAR - start) as usize, rng);
        Ok(WorldModel {
            inputs,
            path,
            step: 0,
        })
    }
}

impl Model for WorldModel {
    fn run_phase(&mut self, _phase: usize, _ctx: &mut StepContext<'_>) {
        if self.step < self.path.years {
            self.step += 1;
        }
    }

    fn running(&self) -> bool {
        self.step < self.path.years
    }

    fn model_columns(&self) -> Vec<Column> {
        vec![
            Column::int("year", "calendar year"),
            Column::float("members", "number of SCO member states (simulated)"),
        ]
    }

    fn report_model(&self, row: &mut Vec<Value>) {
        let year = self.path.jump_off + self.step as i32;
        row.push(Value::Int(i64::from(year)));
        let members = if self.step == 0 {
            (0..self.path.states)
                .filter(|&s| self.inputs.obs(Target::ScoStatus, s, year) == Some(4.0))
                .count()
        } else {
            (0..self.path.states)
                .filter(|&s| self.path.get(Target::ScoStatus, s, self.step) >= 4.0)
                .count()
        };
        row.push(Value::Float(members as f64));
    }

    fn agent_columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::text("iso3", "ISO3 code"),
            Column::int("year", "calendar year"),
        ];
        for target in TARGETS {
            columns.push(Column::float(target.name(), target.source()));
        }
        columns
    }

    fn report_agents(&self, rows: &mut AgentRows) {
        let year = self.path.jump_off + self.step as i32;
        for (s, state) in self.inputs.states.iter().enumerate() {
            let mut values = vec![Value::Text(state.iso3.clone()), Value::Int(i64::from(year))];
            for target in TARGETS {
                let v = if self.step == 0 {
                    self.inputs.obs(target, s, year).unwrap_or(f64::NAN)
                } else {
                    self.path.get(target, s, self.step)
                };
                values.push(Value::Float(v));
            }
            rows.push(s as i64, values);
        }
    }

    fn output_columns(&self) -> Vec<Column> {
        vec![Column::float(
            "members_last_year",
            "number of member states in the last year (simulated)",
        )]
    }

    fn outputs(&self, row: &mut Vec<Value>) {
        let last = self.path.years;
        let members = (0..self.path.states)
            .filter(|&s| last > 0 && self.path.get(Target::ScoStatus, s, last) >= 4.0)
            .count();
        row.push(Value::Float(members as f64));
    }
}
