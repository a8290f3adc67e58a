#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ibasho_fuzz::moderation_file(data));
