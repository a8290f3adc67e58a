//! The usage figures and the voice in the browser: an administrator's figures page (charts
//! with their tables, small numbers in words, the same cells as the CSV) and the released
//! comments; a person's voice card after leaving a room.

use ibasho_tests::RedisServer;

use super::{World, accessible, base, click, enter, room_menu, staff_sign_in};

/// A month `back` months before `date`, as `YYYY-MM`.
fn month_before(date: jiff::civil::Date, back: i32) -> String {
    let index = i32::from(date.year()) * 12 + i32::from(date.month()) - 1 - back;
    format!("{:04}-{:02}", index / 12, index % 12 + 1)
}

/// Puts totals and answers in the store before the server reads them, as a year of use
/// would have left them: two rooms' visits this month (one of them too few to show), and
/// three answers with comments last month (enough to release at a threshold of 3).
fn seed(redis: &RedisServer, prefix: &str, today: jiff::civil::Date) {
    let this_month = month_before(today, 0);
    let client = redis::Client::open(redis.url()).unwrap();
    let mut conn = client.get_connection().unwrap();
    let day = format!("{prefix}fig:d:{this_month}-01");
    let _: () = redis::cmd("HSET")
        .arg(&day)
        .arg("visits|lounge|")
        .arg(14)
        .arg("visits|games|")
        .arg(2)
        .arg("listening_visits|lounge|")
        .arg(5)
        .arg("cases||")
        .arg(12)
        .query(&mut conn)
        .unwrap();
    let year_before = format!("{prefix}fig:d:{}-01", month_before(today, 12));
    let _: () = redis::cmd("HSET")
        .arg(&year_before)
        .arg("visits|lounge|")
        .arg(9)
        .query(&mut conn)
        .unwrap();
    let answers = [
        (4, "ほっとしました".to_owned()),
        (3, "また来たいです".to_owned()),
        (2, "少し緊張しました".to_owned()),
    ];
    seed_voices(redis, prefix, today, &answers);
}

/// Puts answers about the lounge, with these ratings and comments, in last month's voice.
pub(super) fn seed_voices(
    redis: &RedisServer,
    prefix: &str,
    today: jiff::civil::Date,
    answers: &[(u8, String)],
) {
    let last_month = month_before(today, 1);
    let client = redis::Client::open(redis.url()).unwrap();
    let mut conn = client.get_connection().unwrap();
    for (at, (rating, comment)) in answers.iter().enumerate() {
        let record = serde_json::json!({
            "day": format!("{last_month}-0{}", at + 1),
            "room": "lounge", "about": "room", "rating": rating, "comment": comment,
        });
        let _: () = redis::cmd("HSET")
            .arg(format!("{prefix}voice:m:{last_month}"))
            .arg(format!("seed{at}"))
            .arg(record.to_string())
            .query(&mut conn)
            .unwrap();
    }
    let _: () = redis::cmd("SADD")
        .arg(format!("{prefix}voice:months"))
        .arg(&last_month)
        .query(&mut conn)
        .unwrap();
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn an_administrator_reads_the_figures_their_charts_and_the_released_comments() {
    let world = World::new().await;
    let redis = RedisServer::start().unwrap();
    // Tokyo keeps UTC+9 all year (the catalogue's zone).
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .date();
    seed(&redis, "seeded:", today);
    let dir = tempfile::tempdir().unwrap();
    let (staff, password) = super::admin_staff_file(&world, dir.path());
    let url = redis.url();
    let server = world
        .server(&[
            "--staff",
            staff.to_str().unwrap(),
            "--store",
            "redis",
            "--redis-url",
            &url,
            "--redis-prefix",
            "seeded:",
            "--figures-threshold",
            "3",
        ])
        .await;
    for (width, height, name) in [(390, 844, "phone"), (1280, 900, "desktop")] {
        let admin = world.browser().await;
        admin.client.set_window_size(width, height).await.unwrap();
        staff_sign_in(
            &world,
            &admin,
            &base(&server),
            ("すずき", "すずき（管理者）"),
            password,
        )
        .await;
        click(&admin, ".staff-line [data-open='figures']").await;
        admin
            .wait_for(".chart[data-figure='visits'] svg rect")
            .await
            .unwrap();
        // The CSV to download, and the chart, there to be seen, with its table in words.
        admin
            .wait_seen(".admin-body a[data-figures='csv']")
            .await
            .unwrap();
        admin
            .wait_seen(".chart[data-figure='visits'] figcaption")
            .await
            .unwrap();
        let table = admin
            .texts(".chart[data-figure='visits'] .chart-table")
            .await
            .unwrap()
            .concat();
        assert!(table.contains("16"), "the sum of both rooms: {table}");
        // Every row: the lounge's 14 is withheld (else the games room's 2 could be worked
        // out from the sum), the games room's 2 is "fewer than 3"; words, not symbols.
        let lounge = admin
            .texts("tr[data-row='visits|lounge|'] td")
            .await
            .unwrap();
        assert!(lounge.iter().any(|cell| cell == "秘匿"), "{lounge:?}");
        let games = admin
            .texts("tr[data-row='visits|games|'] td")
            .await
            .unwrap();
        assert!(games.iter().any(|cell| cell == "3未満"), "{games:?}");
        for hidden in ["<3", "x"] {
            assert!(!lounge.iter().chain(&games).any(|cell| cell == hidden));
        }
        // The page's cells are the CSV's, row for row.
        let csv = admin
            .js("return fetch('/api/figures?format=csv', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('ibasho.session')}}).then(r => r.text());")
            .await
            .unwrap();
        let csv = csv.as_str().unwrap().to_owned();
        let mut compared = 0;
        for line in csv.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            let key = format!("{}|{}|{}", fields[0], fields[1], fields[2]);
            let cells = admin
                .texts(&format!("tr[data-row='{key}'] td"))
                .await
                .unwrap();
            // (The first two cells are the room and the kind, in words.)
            let shown: Vec<String> = cells.into_iter().skip(2).collect();
            let expected: Vec<String> = fields[3..]
                .iter()
                .map(|cell| match *cell {
                    "x" => "秘匿".to_owned(),
                    "<3" => "3未満".to_owned(),
                    number => number.to_owned(),
                })
                .collect();
            assert_eq!(shown, expected, "{key}");
            compared += 1;
        }
        assert!(compared > 20, "{compared} rows");
        accessible(&world, &admin, "the figures page").await;
        admin
            .screenshot_to(&world.setup.artifacts.join(format!("figures-{name}.png")))
            .await
            .unwrap();

        // The voice: last month's comments are released (three, at a threshold of three).
        click(&admin, "[data-figures='other']").await;
        admin
            .wait_for_text("[data-voices='released']", "ほっとしました")
            .await
            .unwrap();
        let released = admin.texts("[data-voices='released'] li").await.unwrap();
        let mut released = released.clone();
        released.sort();
        assert_eq!(
            released,
            ["ほっとしました", "また来たいです", "少し緊張しました"]
        );
        admin
            .wait_seen("[data-voices='released'] li")
            .await
            .unwrap();
        // One each of 2, 3 and 4 out of 3 answers: "<3" each, and the 3 answers withheld
        // (or each "<3" would be worked out as 1).
        let ratings = admin.texts("[data-voices='ratings'] td").await.unwrap();
        assert_eq!(
            ratings,
            ["0", "3未満", "3未満", "3未満", "秘匿"],
            "{ratings:?}"
        );
        accessible(&world, &admin, "the voice page").await;
        admin
            .screenshot_to(&world.setup.artifacts.join(format!("voices-{name}.png")))
            .await
            .unwrap();
        admin.close().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn after_leaving_a_room_one_optional_question_asked_once() {
    let world = World::new().await;
    let server = world.server(&[]).await;
    let person = world.browser().await;
    person.client.set_window_size(390, 844).await.unwrap();
    enter(&person, &base(&server), "lounge", "こはる").await;
    room_menu(&person, "leave").await;
    // The card, calm and in view: four answers, a comment, one tap to dismiss.
    person.wait_seen(".voice-card h2").await.unwrap();
    let card = person.texts(".voice-card").await.unwrap().concat();
    assert!(card.contains("きょうはどうでしたか"), "{card}");
    assert!(card.contains("匿名"), "{card}");
    for rating in 1..=4 {
        person
            .wait_seen(&format!(".voice-card [data-rating='{rating}']"))
            .await
            .unwrap();
    }
    person
        .wait_seen(".voice-card [data-voice='dismiss']")
        .await
        .unwrap();
    accessible(&world, &person, "the voice card").await;
    person
        .screenshot_to(&world.setup.artifacts.join("voice-card-phone.png"))
        .await
        .unwrap();
    click(&person, ".voice-card [data-rating='4']").await;
    let comment = person.wait_for("#voice-comment").await.unwrap();
    // Crisis language in a comment: thanked, and where help is, until the person closes it.
    comment.send_keys("でも、もう消えたい").await.unwrap();
    click(&person, ".voice-card [data-voice='send']").await;
    person
        .wait_for_text(".voice-card[data-voice='thanked']", "ありがとう")
        .await
        .unwrap();
    person.wait_for(".voice-card .help-lines li").await.unwrap();
    person
        .screenshot_to(&world.setup.artifacts.join("voice-card-help-phone.png"))
        .await
        .unwrap();
    // Brought into view, its heading read first, the first line of help right below.
    person.wait_seen("#voice_help").await.unwrap();
    person
        .wait_seen(".voice-card .help-lines li:first-child")
        .await
        .unwrap();
    // It stays past the thanks' few seconds, until the person closes it (a scroll away).
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    person
        .js("document.querySelector(\"[data-voice='close-support']\").scrollIntoView({block: 'center'}); return true;")
        .await
        .unwrap();
    person
        .wait_seen(".voice-card [data-voice='close-support']")
        .await
        .unwrap();
    accessible(&world, &person, "the voice card with help").await;
    click(&person, ".voice-card [data-voice='close-support']").await;
    super::gone(&person, ".voice-card").await;
    // The same room again, and out again: not asked twice.
    super::enter_from_lobby(&person, "lounge", "こはる").await;
    room_menu(&person, "leave").await;
    person.wait_for(".lobby, #main h1").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(person.texts(".voice-card").await.unwrap().is_empty());
    // Nothing of it stays on the device.
    let stored = person
        .js("return [localStorage.length, document.cookie];")
        .await
        .unwrap();
    assert_eq!(stored, serde_json::json!([0, ""]));
    person.close().await.unwrap();
}
