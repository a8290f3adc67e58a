//! The audit log page, for administrators: what staff did and what automatic protection
//! decided, as the server draws it (`GET /api/audit?format=html` with the staff session's
//! token and the page's language): codes in words, rooms by their titles, who acted by name
//! or role.

use leptos::prelude::*;

use super::figures::{Loaded, body, load};
use super::state::{Ctx, Screen, tr};

#[component]
pub fn Audit() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let loaded = RwSignal::new(Loaded::Loading);
    Effect::new(move |_| {
        lang.track();
        load(ctx, loaded, "/api/audit?".to_owned());
    });
    view! {
        <section class="audit" aria-labelledby="audit-title">
            <h1 id="audit-title">{tr(lang, "audit-title")}</h1>
            <button type="button" on:click=move |_| ctx.screen.set(Screen::Lobby)>
                {tr(lang, "entry-back")}
            </button>
            {body(ctx, loaded)}
        </section>
    }
}
