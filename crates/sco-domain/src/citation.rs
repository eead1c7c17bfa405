//! Where a rule or a piece of normative data comes from.
//!
//! Every rule in [`crate::rules`] and every item in [`crate::principles`] carries a [`Citation`], so a
//! user who asks "why?" is pointed at the article or paragraph that the code encodes.

use serde::Serialize;

/// A reference to the text that a rule or datum encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The document, e.g. "Charter of the Shanghai Cooperation Organisation (2002)".
    pub document: &'static str,
    /// Where in it, e.g. "Article 16".
    pub locator: &'static str,
    /// A public address of the document, when one is known.
    pub url: Option<&'static str>,
}

/// The Charter of the SCO, signed in Saint Petersburg on 7 June 2002, in force since 19 September 2003.
pub const CHARTER: &str = "Charter of the Shanghai Cooperation Organisation (2002)";
/// A public English text of the Charter.
pub const CHARTER_URL: &str =
    "http://covid-19.chinadaily.com.cn/china/2006-06/12/content_614628.htm";
/// The regulation on the admission of new members, approved by the Council of Heads of State in 2010.
pub const ADMISSION_REGULATION: &str =
    "Regulation on the Admission of New Members to the Shanghai Cooperation Organisation (2010)";

impl Citation {
    /// A citation of an article of the Charter.
    pub const fn charter(locator: &'static str) -> Self {
        Self {
            document: CHARTER,
            locator,
            url: Some(CHARTER_URL),
        }
    }
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, {}", self.document, self.locator)
    }
}
