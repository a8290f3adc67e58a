//! The app's maps and sets: a handful of entries each (the rooms one is in, the cases on a
//! desk, who is hidden), kept in a sorted vector (`litemap`) rather than a B-tree. They
//! iterate in key order as `BTreeMap` does, and every kind of entry costs the WebAssembly
//! bundle a few hundred bytes instead of the B-tree's several kilobytes.

use std::borrow::Borrow;

/// A map sorted by key.
pub type Map<K, V> = litemap::LiteMap<K, V>;

/// A set sorted by value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set<T: Ord>(Map<T, ()>);

impl<T: Ord> Default for Set<T> {
    fn default() -> Self {
        Set(Map::new())
    }
}

impl<T: Ord> Set<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `value`; false if it was there.
    pub fn insert(&mut self, value: T) -> bool {
        self.0.try_insert(value, ()).is_none()
    }

    /// Takes `value` out; false if it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.remove(value).is_some()
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.contains_key(value)
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.keys()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.0.retain(|value, ()| keep(value));
    }
}

impl<T: Ord> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        let mut set = Set::new();
        for value in values {
            set.insert(value);
        }
        set
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for Set<T> {
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_keeps_each_value_once_in_order() {
        let mut set: Set<String> = ["b".to_owned(), "a".to_owned()].into();
        assert!(!set.insert("a".to_owned()));
        assert!(set.insert("c".to_owned()));
        assert!(set.contains("b"));
        assert_eq!(set.iter().cloned().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(set.remove("b"));
        assert!(!set.remove("b"));
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn a_map_iterates_in_key_order_like_a_btree() {
        let mut map: Map<String, u32> = Map::new();
        map.insert("z".to_owned(), 1);
        map.insert("a".to_owned(), 2);
        assert_eq!(map.keys().cloned().collect::<Vec<_>>(), ["a", "z"]);
        assert_eq!(map.get("a"), Some(&2));
    }
}
