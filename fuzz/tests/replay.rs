//! Every input the fuzzers kept (`fuzz/corpus/<target>/`) and every crash they found
//! (`fuzz/crashes/<target>/`, kept once fixed) runs through its target again, in the
//! README's test command: a fixed crash stays fixed.

use std::path::Path;

#[test]
fn every_corpus_input_and_crash_reproducer_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ran = 0;
    for (name, target) in ibasho_fuzz::TARGETS {
        let corpus = root.join("corpus").join(name);
        assert!(
            corpus.is_dir(),
            "{name} has a seed corpus in {}",
            corpus.display()
        );
        for folder in [corpus, root.join("crashes").join(name)] {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("a readable folder").path();
                if path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                {
                    continue;
                }
                let data = std::fs::read(&path).expect("a readable input");
                let outcome = std::panic::catch_unwind(|| target(&data));
                assert!(outcome.is_ok(), "{name}: {} broke it", path.display());
                ran += 1;
            }
        }
    }
    assert!(ran >= ibasho_fuzz::TARGETS.len(), "only {ran} inputs ran");
}
