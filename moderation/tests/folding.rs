//! Properties of the matching form and the verdict over any input: folding is idempotent
//! (what is folded folds to itself), and nothing panics whatever a message holds.

use ibasho_moderation::personal;
use ibasho_moderation::{Moderator, RoomRules, WordLists, matching_form};
use proptest::prelude::*;

use std::sync::LazyLock;

const SHIPPED: &str = include_str!("../../deploy/moderation.toml");

static SHIPPED_MODERATOR: LazyLock<Moderator> =
    LazyLock::new(|| match WordLists::from_toml(SHIPPED) {
        Ok(lists) => Moderator::new(&lists),
        Err(error) => panic!("the shipped lists: {error}"),
    });

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn folding_is_idempotent(text in any::<String>()) {
        let once = matching_form(&text).text;
        prop_assert_eq!(matching_form(&once).text, once);
    }

    #[test]
    fn japanese_like_text_folds_idempotently(text in "[ぁ-ゖァ-ヶｦ-ﾟー〜・ 　a-zA-Z0-9０-９一-龠!?！？]{0,80}") {
        let once = matching_form(&text).text;
        prop_assert_eq!(matching_form(&once).text, once);
    }

    #[test]
    fn no_message_makes_a_verdict_panic(text in any::<String>(), confirmed in any::<bool>()) {
        let _ = SHIPPED_MODERATOR.judge(&text, RoomRules::default(), confirmed);
        let _ = personal::find(&text);
    }
}
