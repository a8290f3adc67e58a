//! Where help is: a list of help lines (name, number or address, hours, open now), whole
//! or short — shown by the support card, the no-counselor card and the parting card.

use ibasho_protocol::{HelpLine, Lang};
use leptos::prelude::*;

use super::words::tv;

/// A list of help lines: name, number or address, hours, and whether open now.
pub fn help_lines(lang: Lang, lines: Vec<HelpLine>) -> impl IntoView {
    view! {
        <ul class="help-lines">
            {lines
                .into_iter()
                .map(|line| {
                    let state = if line.open_now { "support-open" } else { "support-closed" };
                    view! {
                        <li class:open=line.open_now>
                            <strong>{line.name.clone()}</strong>
                            {line.number.clone().map(|number| {
                                let tel = format!("tel:{}", number.replace('-', ""));
                                view! { <a href=tel>{number}</a> }
                            })}
                            {line.url.clone().map(|url| {
                                // The site's name is enough to read; the link has the rest.
                                let shown = url
                                    .trim_start_matches("https://")
                                    .trim_start_matches("http://")
                                    .trim_start_matches("www.")
                                    .split('/')
                                    .next()
                                    .unwrap_or_default()
                                    .to_owned();
                                view! { <a href=url rel="noopener noreferrer">{shown}</a> }
                            })}
                            <span class="when">
                                <span class="hours">{line.hours.clone()}</span>
                                " · "
                                <span class="state">{tv(lang, state)}</span>
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// One or two lines (open ones first, as the server orders them), and the rest behind
/// 「ほかの窓口」: enough for someone who only wanted to talk, without a wall of numbers.
pub fn help_lines_short(lang: Lang, mut lines: Vec<HelpLine>) -> impl IntoView {
    let rest = lines.split_off(lines.len().min(2));
    view! {
        {help_lines(lang, lines)}
        {(!rest.is_empty()).then(|| view! {
            <details class="more-lines">
                <summary>{tv(lang, "support-more_lines")}</summary>
                {help_lines(lang, rest)}
            </details>
        })}
    }
}
