//! Any value of the wire's types, from bytes (the `arbitrary` feature, for the fuzz targets
//! and the round-trip properties in `fuzz/`): what `derive(Arbitrary)` cannot write itself.

use arbitrary::{Arbitrary, Result, Unstructured};
use jiff::Timestamp;

use crate::map::Map;

/// Any time jiff can write (years -9999 to 9999), to the nanosecond.
pub fn timestamp(u: &mut Unstructured<'_>) -> Result<Timestamp> {
    let second = u.int_in_range(Timestamp::MIN.as_second() + 1..=Timestamp::MAX.as_second() - 1)?;
    let nanosecond = u.int_in_range(0..=999_999_999)?;
    Ok(Timestamp::new(second, nanosecond).unwrap_or(Timestamp::UNIX_EPOCH))
}

pub fn maybe_timestamp(u: &mut Unstructured<'_>) -> Result<Option<Timestamp>> {
    Ok(if u.arbitrary()? {
        Some(timestamp(u)?)
    } else {
        None
    })
}

/// One of the app's languages, or none.
pub fn maybe_lang(u: &mut Unstructured<'_>) -> Result<Option<ibasho_i18n::Lang>> {
    let all: Vec<_> = ibasho_i18n::Lang::all().collect();
    Ok(if u.arbitrary()? {
        Some(*u.choose(&all)?)
    } else {
        None
    })
}

impl<'a, K: Arbitrary<'a> + Ord, V: Arbitrary<'a>> Arbitrary<'a> for Map<K, V> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let mut map = Map::new();
        for entry in u.arbitrary_iter::<(K, V)>()? {
            let (key, value) = entry?;
            map.insert(key, value);
        }
        Ok(map)
    }
}
