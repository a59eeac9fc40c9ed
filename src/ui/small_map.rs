//! A map kept as a list, for the page's few keys: fields holding text that is not a number,
//! scenarios with an undo history, number formats. A search through a handful of entries is as
//! quick as a tree's and carries far less code into the page.

use std::borrow::Borrow;

/// Keys and their values, each key once, in the order first inserted.
#[derive(Debug, Clone, PartialEq)]
pub struct SmallMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K, V> SmallMap<K, V> {
    /// No entries.
    pub const fn new() -> Self {
        SmallMap(Vec::new())
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps only the entries `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.0.retain(|(key, value)| keep(key, value));
    }
}

impl<K: PartialEq, V> SmallMap<K, V> {
    fn position<Q: PartialEq + ?Sized>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
    {
        self.0.iter().position(|(k, _)| k.borrow() == key)
    }

    /// The value of `key`, if it has one.
    pub fn get<Q: PartialEq + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.position(key).map(|i| &self.0[i].1)
    }

    /// The value of `key`, to change, if it has one.
    pub fn get_mut<Q: PartialEq + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.position(key).map(|i| &mut self.0[i].1)
    }

    /// Sets the value of `key`.
    pub fn insert(&mut self, key: K, value: V) {
        match self.position(&key) {
            Some(i) => self.0[i].1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// Takes out the value of `key`, if it has one.
    pub fn remove<Q: PartialEq + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.position(key).map(|i| self.0.remove(i).1)
    }

    /// The value of `key`, made with `make` when it has none.
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.position(&key) {
            Some(i) => i,
            None => {
                self.0.push((key, make()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_holds_one_value() {
        let mut map = SmallMap::new();
        map.insert("a".to_owned(), 1);
        map.insert("b".to_owned(), 2);
        map.insert("a".to_owned(), 3);
        assert_eq!(
            (map.len(), map.get("a"), map.get("b")),
            (2, Some(&3), Some(&2))
        );
        *map.get_or_insert_with("c".to_owned(), || 0) += 5;
        *map.get_or_insert_with("c".to_owned(), || 0) += 5;
        assert_eq!(map.get("c"), Some(&10));
        assert_eq!(map.remove("a"), Some(3));
        map.retain(|key, _| key != "b");
        assert_eq!(
            (map.len(), map.get("a"), map.get("c")),
            (1, None, Some(&10))
        );
    }
}
