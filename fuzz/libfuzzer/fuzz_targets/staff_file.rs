#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ibasho_fuzz::staff_file(data));
