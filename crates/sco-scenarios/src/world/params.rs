//! The parameters of the `world` model and its module switches.
//!
//! Why one table: the calibration draws every fitted parameter from its prior range, the
//! registry lists them for `sco simulate --list`, and the ODD document cites them; one
//! table keeps the three in step. Each parameter names the module it belongs to and the
//! seed passage it formalises, or says plainly that it is an assumption. The seed files are
//! in `../shared/seeds/` and are cited by file name and line.

use serde::{Deserialize, Serialize};

/// One fitted parameter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParamDef {
    /// Name (for `--set`, the calibration file and the docs).
    pub name: &'static str,
    /// Module it belongs to.
    pub module: &'static str,
    /// Lower bound of the uniform prior.
    pub lo: f64,
    /// Upper bound of the uniform prior.
    pub hi: f64,
    /// The a priori value (used without a calibration).
    pub default: f64,
    /// What it means.
    pub doc: &'static str,
    /// The seed passage it formalises, or "assumption".
    pub source: &'static str,
}

/// The fitted parameters, in calibration-file order.
pub const PARAMS: [ParamDef; 17] = [
    ParamDef { name: "noise_scale", module: "alignment", lo: 0.3, hi: 1.6, default: 1.0,
        doc: "idiosyncratic yearly shock of a state's UNGA ideal point, as a multiple of the SD of its yearly changes in the ten years before the origin",
        source: "assumption (a statistical error term)" },
    ParamDef { name: "common_sd", module: "alignment", lo: 0.0, hi: 0.15,
        default: 0.05, doc: "SD of the yearly shock common to every state's ideal point (the Assembly's agenda moves everyone)",
        source: "assumption" },
    ParamDef { name: "pull", module: "alignment", lo: 0.0, hi: 0.3, default: 0.05,
        doc: "yearly share of the distance to the engaged poles (China, Russia, the United States) a state's ideal point closes",
        source: "seed 001 lines 151-152 (the leading members cement consensus on their positions); seed 004 line 47 (non-Western identity of the SCO)" },
    ParamDef { name: "w_status", module: "alignment", lo: 0.0, hi: 1.5, default: 0.5,
        doc: "engagement with China and Russia that SCO status brings (status level / 4 times this)",
        source: "seed 000 line 88 (the SCO as an instrument of soft balancing against the United States)" },
    ParamDef { name: "w_trade", module: "alignment", lo: 0.0, hi: 3.0, default: 1.0,
        doc: "engagement with a pole per unit share of trade with it",
        source: "seed 002 lines 390-399 (China the main economic partner of Central Asia; bilateral hub-and-spoke ties)" },
    ParamDef { name: "insecurity_gain", module: "regime_security", lo: 0.0, hi: 2.0, default: 0.5,
        doc: "extra engagement with Russia and China per unit of regime insecurity after colour revolutions",
        source: "seed 000 line 110 (post-Soviet autocracies alarmed by the colour revolutions turned to Russia and the SCO)" },
    ParamDef { name: "layering_gain", module: "layering", lo: 0.0, hi: 1.5, default: 0.3,
        doc: "extra engagement with Russia per Russia-led organisation (CIS, CSTO, EurAsEC) the state belongs to, out of three",
        source: "seed 002 lines 55-57 (the SCO beside the EAEU and other organisations); seed 001 line 205 (SCO and CSTO as protective integration)" },
    ParamDef { name: "security_gain", module: "division_of_labour", lo: 0.0, hi: 1.5, default: 0.5,
        doc: "engagement with Russia that the collective-security treaty brings, and with the United States that a US base brings (security from Russia, money from China)",
        source: "seed 001 lines 131-132 (China's economic power overshadowing Russia's in Central Asia); seed 001 line 193 (security as the Central Asian rationale)" },
    ParamDef { name: "mv_rate", module: "multi_vector", lo: 0.0, hi: 0.5, default: 0.1,
        doc: "yearly pull of a Central Asian state's ideal point back to its own ten-year mean (balancing among the powers)",
        source: "seed 000 line 108 (the SCO helps maintain the balance between China and Russia); seed 002 line 273 (a balanced dual track)" },
    ParamDef { name: "cohesion_rate", module: "cohesion", lo: 0.0, hi: 0.3, default: 0.05,
        doc: "yearly pull of a member's ideal point toward the members' mean, divided by the number of members over six (more members, less socialisation)",
        source: "seed 003 lines 89-93 (the 2+4 pattern tested after expansion); the division by size is an assumption" },
    ParamDef { name: "finance_boost", module: "finance", lo: 0.0, hi: 0.3, default: 0.05,
        doc: "yearly gain in the log-odds of an SCO member's or observer's trade share with China (the hub-and-spoke arrangement)",
        source: "seed 002 lines 396-399 (hub (Beijing) and spokes; loans for investment projects)" },
    ParamDef { name: "backlash", module: "finance", lo: 0.0, hi: 3.0, default: 1.0,
        doc: "reduction of engagement with China per unit of trade share with China above 0.25 (dependence breeds backlash; the 0.25 threshold is an assumption)",
        source: "seed 002 lines 399-401 (financial dependence on China)" },
    ParamDef { name: "trade_noise", module: "finance", lo: 0.02, hi: 0.4, default: 0.15,
        doc: "SD of the yearly shock to the log-odds of each trade share",
        source: "assumption" },
    ParamDef { name: "sanction_shock", module: "regime_security", lo: 0.0, hi: 1.5, default: 0.5,
        doc: "drop in the log-odds of a state's trade share with the West in the year western sanctions start, and extra engagement with China while they last",
        source: "seed 004 lines 101-103 (sanctions, then Russia's pivot to the East)" },
    ParamDef { name: "demand_shift", module: "expansion", lo: -3.0, hi: 1.5, default: 0.0,
        doc: "shift of the log-odds that a state takes its next step toward membership, around the pre-origin rate of such steps",
        source: "assumption (the base rates are the ledger's, before the origin)" },
    ParamDef { name: "demand_align", module: "expansion", lo: 0.0, hi: 8.0, default: 2.0,
        doc: "log-odds of seeking a higher status per unit of UNGA agreement with China and Russia above the mean",
        source: "seed 004 lines 73-77 (Pakistan seeks the club of like-minded states); seed 002 lines 39-48 (Iran's long path to membership)" },
    ParamDef { name: "demand_trade", module: "expansion", lo: 0.0, hi: 8.0, default: 2.0,
        doc: "log-odds of seeking a higher status per unit of trade share with China and Russia above the mean",
        source: "seed 004 lines 57-61 (India's economic reasons: energy, markets, infrastructure)" },
];

/// Index of a parameter by name.
pub fn param_index(name: &str) -> Option<usize> {
    PARAMS.iter().position(|p| p.name == name)
}

/// The modules, each switchable with `--module NAME=off`.
pub const MODULES: [(&str, &str); 8] = [
    ("alignment", "UNGA ideal points pulled toward China, Russia and the United States by engagement (trade, status), with shocks"),
    ("expansion", "states seek the next SCO status given alignment and trade; Russia backs India and China Pakistan (they move together); the Charter's admission criteria (sco-domain) decide"),
    ("regime_security", "colour revolutions raise regime insecurity, which engages post-Soviet regimes with Russia and China; western sanctions cut trade with the West"),
    ("finance", "hub-and-spoke Chinese finance raises members' trade with China; dependence above a threshold breeds backlash"),
    ("division_of_labour", "security ties engage with Russia (the treaty) or the United States (bases); money with China"),
    ("multi_vector", "Central Asian states balance: their ideal points return toward their own ten-year mean"),
    ("layering", "membership of Russia-led organisations (CIS, CSTO, EurAsEC) engages with Russia"),
    ("cohesion", "members socialise toward the members' mean, the less the more members there are"),
];

/// Which modules are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modules {
    pub alignment: bool,
    pub expansion: bool,
    pub regime_security: bool,
    pub finance: bool,
    pub division_of_labour: bool,
    pub multi_vector: bool,
    pub layering: bool,
    pub cohesion: bool,
}

impl Default for Modules {
    fn default() -> Self {
        Modules {
            alignment: true,
            expansion: true,
            regime_security: true,
            finance: true,
            division_of_labour: true,
            multi_vector: true,
            layering: true,
            cohesion: true,
        }
    }
}

impl Modules {
    /// Switches a module by name; `Err` names the modules when the name is unknown.
    pub fn set(&mut self, name: &str, on: bool) -> Result<(), String> {
        let slot = match name {
            "alignment" => &mut self.alignment,
            "expansion" => &mut self.expansion,
            "regime_security" => &mut self.regime_security,
            "finance" => &mut self.finance,
            "division_of_labour" => &mut self.division_of_labour,
            "multi_vector" => &mut self.multi_vector,
            "layering" => &mut self.layering,
            "cohesion" => &mut self.cohesion,
            _ => {
                let names: Vec<&str> = MODULES.iter().map(|m| m.0).collect();
                return Err(format!(
                    "unknown module `{name}`: the modules are {}",
                    names.join(", ")
                ));
            }
        };
        *slot = on;
        Ok(())
    }

    /// Parses `NAME=off` / `NAME=on`.
    pub fn apply(&mut self, setting: &str) -> Result<(), String> {
        let (name, value) = setting
            .split_once('=')
            .ok_or_else(|| format!("`{setting}`: expected NAME=off or NAME=on"))?;
        let on = match value {
            "on" => true,
            "off" => false,
            other => return Err(format!("`{setting}`: `{other}` is neither `on` nor `off`")),
        };
        self.set(name.trim(), on)
    }

    /// Names of the modules switched off.
    pub fn off(&self) -> Vec<&'static str> {
        MODULES
            .iter()
            .map(|m| m.0)
            .filter(|name| {
                let mut probe = *self;
                probe.set(name, true).is_ok() && probe != *self
            })
            .collect()
    }
}

/// One parameter vector.
pub type Theta = [f64; PARAMS.len()];

/// The a priori parameter vector.
pub fn defaults() -> Theta {
    let mut theta = [0.0; PARAMS.len()];
    for (value, def) in theta.iter_mut().zip(PARAMS.iter()) {
        *value = def.default;
    }
    theta
}

/// Named accessors into a parameter vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct P<'a>(pub &'a Theta);

macro_rules! accessors {
    ($($name:ident = $i:expr),* $(,)?) => {
        impl P<'_> { $(
            #[doc = concat!("The `", stringify!($name), "` parameter.")]
            pub fn $name(&self) -> f64 { self.0[$i] }
        )* }
    };
}
accessors!(
    noise_scale = 0,
    common_sd = 1,
    pull = 2,
    w_status = 3,
    w_trade = 4,
    insecurity_gain = 5,
    layering_gain = 6,
    security_gain = 7,
    mv_rate = 8,
    cohesion_rate = 9,
    finance_boost = 10,
    backlash = 11,
    trade_noise = 12,
    sanction_shock = 13,
    demand_shift = 14,
    demand_align = 15,
    demand_trade = 16,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_match_the_table() {
        let theta = defaults();
        let p = P(&theta);
        assert_eq!(
            p.demand_trade(),
            PARAMS[param_index("demand_trade").unwrap()].default
        );
        assert_eq!(
            p.noise_scale(),
            PARAMS[param_index("noise_scale").unwrap()].default
        );
        assert_eq!(
            p.sanction_shock(),
            PARAMS[param_index("sanction_shock").unwrap()].default
        );
        for def in PARAMS {
            assert!(
                def.lo <= def.default && def.default <= def.hi,
                "{}",
                def.name
            );
            assert!(!def.source.is_empty());
        }
    }

    #[test]
    fn modules_switch_by_name_and_refuse_unknown_names() {
        let mut m = Modules::default();
        m.apply("finance=off").unwrap();
        assert!(!m.finance);
        assert_eq!(m.off(), vec!["finance"]);
        assert!(m.apply("gravity=off").unwrap_err().contains("alignment"));
        assert!(m.apply("finance").is_err());
    }
}
