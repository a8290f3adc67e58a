//! Verdicts per second on 200-character messages against 1,000 rules: the say path's cost
//! of automatic protection (BENCHMARKS.md; the issue asks ≥ 200,000 a second on one core).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ibasho_moderation::lists::{Allow, Rule};
use ibasho_moderation::{Action, Moderator, RoomRules, WordLists};

/// 1,000 rules of five made-up words each (kana and Latin), none of which the messages hold,
/// so every message is read to its end: the slow case.
fn thousand_rules() -> WordLists {
    const KANA: [char; 20] = [
        'あ', 'か', 'さ', 'た', 'な', 'は', 'ま', 'や', 'ら', 'わ', 'き', 'し', 'ち', 'に', 'ひ',
        'み', 'り', 'く', 'す', 'つ',
    ];
    let rules = (0..1000)
        .map(|n: usize| Rule {
            action: [Action::Block, Action::Flag, Action::Trial][n % 3],
            reason: format!("rule_{n}"),
            words: (0..5)
                .map(|k| {
                    let seed = n * 5 + k;
                    if k % 2 == 0 {
                        (0..4)
                            .map(|i| KANA[(seed / 20usize.pow(i)) % 20])
                            .collect::<String>()
                            + "ぞ"
                    } else {
                        format!("zq{seed}x")
                    }
                })
                .collect(),
        })
        .collect();
    WordLists {
        rules,
        allow: Allow {
            words: vec!["ぱちんこ".into()],
        },
    }
}

/// Messages of 200 characters, as people write here: Japanese with some Latin and digits.
fn messages() -> Vec<String> {
    let lines = [
        "今日は朝から雨で、ずっと部屋にいました。窓の外を見ていたら少し落ち着きました。",
        "最近ゲームばかりしているけど、それでもいいかなと思えるようになってきた。",
        "家族とうまく話せなくて、どうしたらいいのかわからないです。皆さんはどうですか？",
        "I went for a short walk today, first time in 2 weeks. It felt OK.",
        "ありがとうございます。聞いてもらえるだけで少し楽になりました。また来ます。",
    ];
    (0..lines.len())
        .map(|start| {
            lines
                .iter()
                .cycle()
                .skip(start)
                .flat_map(|line| line.chars())
                .take(200)
                .collect()
        })
        .collect()
}

fn verdicts(c: &mut Criterion) {
    let moderator = Moderator::new(&thousand_rules());
    let messages = messages();
    let mut group = c.benchmark_group("verdict");
    group.throughput(Throughput::Elements(messages.len() as u64));
    group.bench_function("200 chars, 1000 rules", |b| {
        b.iter(|| {
            for message in &messages {
                black_box(moderator.judge(black_box(message), RoomRules::default(), false));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, verdicts);
criterion_main!(benches);
