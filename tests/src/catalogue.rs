//! Rooms of the catalogues tests start servers with, as TOML.
//!
//! Each macro gives a string literal (a `[[room]]` table, starting on a new line), so a test
//! catalogue stays a `const`: `concat!(ibasho_tests::lounge!(50), r#"…the other rooms…"#)`.

/// An always-open themed room: `open_room!(id, title, description, capacity)`.
#[macro_export]
macro_rules! open_room {
    ($id:literal, $title:literal, $description:literal, $capacity:literal) => {
        ::core::concat!(
            "\n[[room]]\nid = \"",
            $id,
            "\"\ntitle = \"",
            $title,
            "\"\ndescription = \"",
            $description,
            "\"\nkind = \"themed\"\ncapacity = ",
            $capacity,
            "\nopen = \"always\"\n"
        )
    };
}

/// The lounge most tests meet in (ラウンジ, いつでも: always open), for `capacity` people.
#[macro_export]
macro_rules! lounge {
    ($capacity:literal) => {
        $crate::open_room!("lounge", "ラウンジ", "いつでも", $capacity)
    };
}
