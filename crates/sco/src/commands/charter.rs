//! `sco charter`: the Charter's articles and the regulations, in our words, with sources.

use anyhow::Result;
use clap::Args;

use crate::error::Outcome;
use crate::output::{emit, print, print_json, Format, FormatArgs, Rows};

/// Arguments of `sco charter`.
#[derive(Debug, Args)]
pub struct CharterArgs {
    /// Show only this article (e.g. 16).
    pub article: Option<u32>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// Runs the command.
pub fn run(args: CharterArgs) -> Result<Outcome> {
    use sco_documents::request::documents::{self, CharterDocument, CHARTER_PARAMS};
    use sco_documents::request::Query;
    let pairs = args
        .article
        .map(|n| vec![("article".to_string(), n.to_string())])
        .unwrap_or_default();
    let query = Query::parse(pairs, CHARTER_PARAMS)?;
    let document = documents::charter(&query).map_err(|mut e| {
        e.message = e.message.replace("parameter `article`: ", "");
        e
    })?;
    let format = args.format.format();
    if let CharterDocument::Article(article) = &document {
        if format == Format::Json {
            print_json(article)?;
        } else if args.format.machine_rows() {
            let mut rows = Rows::new(&["article", "title", "summary", "sources"]);
            rows.push(vec![
                article.number.to_string(),
                article.title.clone(),
                article.summary.clone(),
                article
                    .sources
                    .iter()
                    .map(|s| format!("{} ({})", s.id, s.at))
                    .collect::<Vec<_>>()
                    .join("; "),
            ]);
            print(&rows.csv()?)?;
        } else {
            let sources: Vec<String> = article
                .sources
                .iter()
                .map(|s| format!("{} ({})", s.id, s.at))
                .collect();
            print(&format!(
                "Article {} — {}\n\n{}\n\nSources: {}\n",
                article.number,
                article.title,
                article.summary,
                sources.join("; ")
            ))?;
        }
        return Ok(Outcome::Success);
    }
    let CharterDocument::Whole(charter) = &document else {
        unreachable!("an article was printed above");
    };
    let mut rows = Rows::new(&["article", "title", "sources"]);
    for article in &charter.articles {
        rows.push(vec![
            article.number.to_string(),
            article.title.clone(),
            article
                .sources
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    for regulation in &charter.regulations {
        rows.push(vec![
            regulation.id.clone(),
            regulation.title.clone(),
            regulation
                .sources
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    emit(args.format, &rows, charter)?;
    Ok(Outcome::Success)
}
